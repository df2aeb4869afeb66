package org.provenanceaudit.generate;

import static org.provenanceaudit.model.Fields.*;

import java.util.List;
import org.provenanceaudit.io.InputKind;

/**
 * The five tabular inputs of the contract, with their fields in the order the generator writes
 * them, what each field holds, and how many rows scale 1 writes. The names are the audit's own
 * ({@link org.provenanceaudit.model.Fields}, {@link InputKind}), so the two cannot drift apart.
 */
enum InputTable {
  PRODUCTIONS(InputKind.PRODUCTIONS.contractName(), 20, List.of(
      Field.id(PRODUCTION_ID),
      Field.optional(TITLE, Kind.TEXT),
      Field.optional(NONFICTION, Kind.BOOL))),
  ASSETS(InputKind.ASSETS.contractName(), 10_000, List.of(
      Field.id(ASSET_ID),
      Field.required(PRODUCTION_ID, Kind.TEXT),
      Field.required(VENDOR_ID, Kind.TEXT),
      Field.required(DELIVERABLE_STATUS, Kind.ENUM),
      Field.optional(MEDIA_TYPE, Kind.TEXT),
      Field.optional(FILE_PATH, Kind.TEXT),
      Field.optional(SHA256, Kind.TEXT),
      Field.optional(CREATED_AT, Kind.TIMESTAMP),
      Field.optional(DERIVED_FROM, Kind.MULTI),
      Field.optional(TALENT_IDS, Kind.MULTI),
      Field.optional(IP_REFS, Kind.MULTI),
      Field.optional(PERSONAL_DATA, Kind.BOOL),
      Field.optional(UNION_COVERED, Kind.BOOL),
      Field.optional(CONTENT_ROLE, Kind.ENUM),
      Field.optional(AI_LABELED, Kind.BOOL))),
  TOOL_EVENTS(InputKind.TOOL_EVENTS.contractName(), 40_000, List.of(
      Field.id(EVENT_ID),
      Field.required(TIMESTAMP, Kind.TIMESTAMP),
      Field.required(PRODUCTION_ID, Kind.TEXT),
      Field.required(VENDOR_ID, Kind.TEXT),
      Field.required(TOOL_ID, Kind.TEXT),
      Field.required(OPERATION, Kind.ENUM),
      Field.optional(USER_ID, Kind.TEXT),
      Field.optional(MODEL, Kind.TEXT),
      Field.optional(INPUT_ASSET_IDS, Kind.MULTI),
      Field.optional(OUTPUT_ASSET_IDS, Kind.MULTI),
      Field.optional(PROMPT, Kind.TEXT),
      Field.optional(DEPLOYMENT, Kind.ENUM),
      Field.optional(DATA_RETENTION, Kind.ENUM))),
  DISCLOSURES(InputKind.DISCLOSURES.contractName(), 500, List.of(
      Field.id(DISCLOSURE_ID),
      Field.required(PRODUCTION_ID, Kind.TEXT),
      Field.required(VENDOR_ID, Kind.TEXT),
      Field.required(TOOL_IDS, Kind.MULTI),
      Field.optional(OPERATIONS, Kind.MULTI_ENUM),
      Field.optional(PURPOSE, Kind.TEXT),
      Field.optional(VALID_FROM, Kind.TIMESTAMP),
      Field.optional(VALID_TO, Kind.TIMESTAMP),
      Field.optional(SUBMITTED_AT, Kind.TIMESTAMP),
      Field.optional(ASSET_SCOPE, Kind.MULTI),
      Field.optional(APPROVALS, Kind.MULTI_ENUM),
      Field.optional(APPROVAL_REF, Kind.TEXT))),
  CONSENTS(InputKind.CONSENTS.contractName(), 300, List.of(
      Field.id(CONSENT_ID),
      Field.required(TALENT_ID, Kind.TEXT),
      Field.required(PRODUCTION_ID, Kind.TEXT),
      Field.required(SCOPE, Kind.MULTI_ENUM),
      Field.optional(VALID_FROM, Kind.TIMESTAMP),
      Field.optional(VALID_TO, Kind.TIMESTAMP),
      Field.optional(REVOKED, Kind.BOOL)));

  /** What a field holds, as far as writing and breaking it goes. */
  enum Kind { TEXT, ENUM, MULTI, MULTI_ENUM, TIMESTAMP, BOOL }

  record Field(String name, Kind kind, boolean required) {
    static Field id(String name) {
      return new Field(name, Kind.TEXT, true);
    }

    static Field required(String name, Kind kind) {
      return new Field(name, kind, true);
    }

    static Field optional(String name, Kind kind) {
      return new Field(name, kind, false);
    }

    boolean multi() {
      return kind == Kind.MULTI || kind == Kind.MULTI_ENUM;
    }
  }

  private final String baseName;
  private final long rowsAtScaleOne;
  private final List<Field> fields;

  InputTable(String baseName, long rowsAtScaleOne, List<Field> fields) {
    this.baseName = baseName;
    this.rowsAtScaleOne = rowsAtScaleOne;
    this.fields = fields;
  }

  /** The contract's name of the input, and the stem of its file name. */
  String baseName() {
    return baseName;
  }

  long rowsAtScaleOne() {
    return rowsAtScaleOne;
  }

  List<Field> fields() {
    return fields;
  }
}
