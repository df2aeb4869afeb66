package org.provenanceaudit.generate;

import java.util.List;

/**
 * The five tabular inputs of the contract, with their fields in the order the generator writes
 * them, what each field holds, and how many rows scale 1 writes. The field names are the
 * contract's (CONTRACT.md); a change there is a change here.
 */
enum InputTable {
  PRODUCTIONS("productions", 20, List.of(
      Field.id("production_id"),
      Field.optional("title", Kind.TEXT),
      Field.optional("nonfiction", Kind.BOOL))),
  ASSETS("assets", 10_000, List.of(
      Field.id("asset_id"),
      Field.required("production_id", Kind.TEXT),
      Field.required("vendor_id", Kind.TEXT),
      Field.required("deliverable_status", Kind.ENUM),
      Field.optional("media_type", Kind.TEXT),
      Field.optional("file_path", Kind.TEXT),
      Field.optional("sha256", Kind.TEXT),
      Field.optional("created_at", Kind.TIMESTAMP),
      Field.optional("derived_from", Kind.MULTI),
      Field.optional("talent_ids", Kind.MULTI),
      Field.optional("ip_refs", Kind.MULTI),
      Field.optional("personal_data", Kind.BOOL),
      Field.optional("union_covered", Kind.BOOL),
      Field.optional("content_role", Kind.ENUM),
      Field.optional("ai_labeled", Kind.BOOL))),
  TOOL_EVENTS("tool-events", 40_000, List.of(
      Field.id("event_id"),
      Field.required("timestamp", Kind.TIMESTAMP),
      Field.required("production_id", Kind.TEXT),
      Field.required("vendor_id", Kind.TEXT),
      Field.required("tool_id", Kind.TEXT),
      Field.required("operation", Kind.ENUM),
      Field.optional("user_id", Kind.TEXT),
      Field.optional("model", Kind.TEXT),
      Field.optional("input_asset_ids", Kind.MULTI),
      Field.optional("output_asset_ids", Kind.MULTI),
      Field.optional("prompt", Kind.TEXT),
      Field.optional("deployment", Kind.ENUM),
      Field.optional("data_retention", Kind.ENUM))),
  DISCLOSURES("disclosures", 500, List.of(
      Field.id("disclosure_id"),
      Field.required("production_id", Kind.TEXT),
      Field.required("vendor_id", Kind.TEXT),
      Field.required("tool_ids", Kind.MULTI),
      Field.optional("operations", Kind.MULTI_ENUM),
      Field.optional("purpose", Kind.TEXT),
      Field.optional("valid_from", Kind.TIMESTAMP),
      Field.optional("valid_to", Kind.TIMESTAMP),
      Field.optional("submitted_at", Kind.TIMESTAMP),
      Field.optional("asset_scope", Kind.MULTI),
      Field.optional("approvals", Kind.MULTI_ENUM),
      Field.optional("approval_ref", Kind.TEXT))),
  CONSENTS("consents", 300, List.of(
      Field.id("consent_id"),
      Field.required("talent_id", Kind.TEXT),
      Field.required("production_id", Kind.TEXT),
      Field.required("scope", Kind.MULTI_ENUM),
      Field.optional("valid_from", Kind.TIMESTAMP),
      Field.optional("valid_to", Kind.TIMESTAMP),
      Field.optional("revoked", Kind.BOOL)));

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
