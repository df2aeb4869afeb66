package org.provenanceaudit.io;

import static org.provenanceaudit.model.Fields.*;

import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.DeliverableStatus;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.ToolEvent;

/** Turns a {@link SourceRow} into the model record of its kind, or says why it cannot. */
public final class ModelRows {

  private ModelRows() {}

  /** The model record for a row of {@code kind}. */
  public static Object parse(InputKind kind, SourceRow row) throws InvalidRowException {
    return switch (kind) {
      case ASSETS -> asset(row);
      case TOOL_EVENTS -> toolEvent(row);
      case DISCLOSURES -> disclosure(row);
      case CONSENTS -> consent(row);
      case PRODUCTIONS -> production(row);
    };
  }

  public static Asset asset(SourceRow row) throws InvalidRowException {
    RowValues v = new RowValues(row);
    return new Asset(
        v.required(ASSET_ID),
        v.required(PRODUCTION_ID),
        v.required(VENDOR_ID),
        v.requiredEnum(DELIVERABLE_STATUS, DeliverableStatus.class),
        v.optional(MEDIA_TYPE),
        v.optional(FILE_PATH),
        v.optional(SHA256),
        v.instant(CREATED_AT),
        v.list(DERIVED_FROM),
        v.list(TALENT_IDS),
        v.freeTextList(IP_REFS),
        v.flag(PERSONAL_DATA),
        v.flag(UNION_COVERED),
        v.optionalEnum(CONTENT_ROLE, ContentRole.class),
        v.flag(AI_LABELED),
        row.position());
  }

  public static ToolEvent toolEvent(SourceRow row) throws InvalidRowException {
    RowValues v = new RowValues(row);
    return new ToolEvent(
        v.required(EVENT_ID),
        v.requiredInstant(TIMESTAMP),
        v.required(PRODUCTION_ID),
        v.required(VENDOR_ID),
        v.required(TOOL_ID),
        v.requiredEnum(OPERATION, Operation.class),
        v.optional(USER_ID),
        v.freeText(MODEL),
        v.list(INPUT_ASSET_IDS),
        v.list(OUTPUT_ASSET_IDS),
        v.freeText(PROMPT),
        v.optionalEnum(DEPLOYMENT, Deployment.class),
        v.optionalEnum(DATA_RETENTION, DataRetention.class),
        row.position());
  }

  public static Disclosure disclosure(SourceRow row) throws InvalidRowException {
    RowValues v = new RowValues(row);
    return new Disclosure(
        v.required(DISCLOSURE_ID),
        v.required(PRODUCTION_ID),
        v.required(VENDOR_ID),
        v.requiredList(TOOL_IDS),
        v.enumSet(OPERATIONS, Operation.class),
        v.freeText(PURPOSE),
        v.instant(VALID_FROM),
        v.windowEnd(VALID_TO),
        v.instant(SUBMITTED_AT),
        v.list(ASSET_SCOPE),
        v.enumSet(APPROVALS, Approval.class),
        v.optional(APPROVAL_REF),
        row.position());
  }

  public static Consent consent(SourceRow row) throws InvalidRowException {
    RowValues v = new RowValues(row);
    Consent consent =
        new Consent(
            v.required(CONSENT_ID),
            v.required(TALENT_ID),
            v.required(PRODUCTION_ID),
            v.enumSet(SCOPE, ConsentScope.class),
            v.instant(VALID_FROM),
            v.windowEnd(VALID_TO),
            v.flag(REVOKED),
            row.position());
    if (consent.scope().isEmpty()) {
      throw new InvalidRowException("missing required value " + SCOPE);
    }
    return consent;
  }

  public static Production production(SourceRow row) throws InvalidRowException {
    RowValues v = new RowValues(row);
    return new Production(v.required(PRODUCTION_ID), v.freeText(TITLE), v.flag(NONFICTION), row.position());
  }
}
