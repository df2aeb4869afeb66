package org.provenanceaudit.model;

/**
 * The contract's field names, in one place: the readers, the sample data generator's tests and
 * the reports all spell input fields through these constants.
 */
public final class Fields {

  private Fields() {}

  public static final String ASSET_ID = "asset_id";
  public static final String PRODUCTION_ID = "production_id";
  public static final String VENDOR_ID = "vendor_id";
  public static final String DELIVERABLE_STATUS = "deliverable_status";
  public static final String MEDIA_TYPE = "media_type";
  public static final String FILE_PATH = "file_path";
  public static final String SHA256 = "sha256";
  public static final String CREATED_AT = "created_at";
  public static final String DERIVED_FROM = "derived_from";
  public static final String TALENT_IDS = "talent_ids";
  public static final String IP_REFS = "ip_refs";
  public static final String PERSONAL_DATA = "personal_data";
  public static final String UNION_COVERED = "union_covered";
  public static final String CONTENT_ROLE = "content_role";
  public static final String AI_LABELED = "ai_labeled";

  public static final String EVENT_ID = "event_id";
  public static final String TIMESTAMP = "timestamp";
  public static final String TOOL_ID = "tool_id";
  public static final String OPERATION = "operation";
  public static final String USER_ID = "user_id";
  public static final String MODEL = "model";
  public static final String INPUT_ASSET_IDS = "input_asset_ids";
  public static final String OUTPUT_ASSET_IDS = "output_asset_ids";
  public static final String PROMPT = "prompt";
  public static final String DEPLOYMENT = "deployment";
  public static final String DATA_RETENTION = "data_retention";

  public static final String DISCLOSURE_ID = "disclosure_id";
  public static final String TOOL_IDS = "tool_ids";
  public static final String OPERATIONS = "operations";
  public static final String PURPOSE = "purpose";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String SUBMITTED_AT = "submitted_at";
  public static final String ASSET_SCOPE = "asset_scope";
  public static final String APPROVALS = "approvals";
  public static final String APPROVAL_REF = "approval_ref";

  public static final String CONSENT_ID = "consent_id";
  public static final String TALENT_ID = "talent_id";
  public static final String SCOPE = "scope";
  public static final String REVOKED = "revoked";

  public static final String TITLE = "title";
  public static final String NONFICTION = "nonfiction";
}
