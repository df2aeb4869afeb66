package org.provenanceaudit.io;

import static org.provenanceaudit.model.Fields.*;

import java.util.List;

/**
 * The five tabular inputs of the contract: the name users and reports call each one, the file-name
 * prefix {@code --input} discovers it by, its id field and the columns a CSV header must have.
 */
public enum InputKind {
  ASSETS("assets", "assets", ASSET_ID, List.of(ASSET_ID, PRODUCTION_ID, VENDOR_ID, DELIVERABLE_STATUS), true),
  TOOL_EVENTS(
      "tool-events",
      "toolEvents",
      EVENT_ID,
      List.of(EVENT_ID, TIMESTAMP, PRODUCTION_ID, VENDOR_ID, TOOL_ID, OPERATION),
      true),
  DISCLOSURES(
      "disclosures", "disclosures", DISCLOSURE_ID, List.of(DISCLOSURE_ID, PRODUCTION_ID, VENDOR_ID, TOOL_IDS), true),
  CONSENTS("consents", "consents", CONSENT_ID, List.of(CONSENT_ID, TALENT_ID, PRODUCTION_ID, SCOPE), true),
  PRODUCTIONS("productions", "productions", PRODUCTION_ID, List.of(PRODUCTION_ID), false);

  private final String contractName;
  private final String optionName;
  private final String idField;
  private final List<String> requiredFields;
  private final boolean requiredInput;

  InputKind(String contractName, String optionName, String idField, List<String> requiredFields, boolean requiredInput) {
    this.contractName = contractName;
    this.optionName = optionName;
    this.idField = idField;
    this.requiredFields = requiredFields;
    this.requiredInput = requiredInput;
  }

  /** The name in the contract, in file names and in the reports: {@code tool-events}. */
  public String contractName() {
    return contractName;
  }

  /** The command-line option that names this input's files: {@code --toolEvents}. */
  public String optionName() {
    return optionName;
  }

  public String idField() {
    return idField;
  }

  public List<String> requiredFields() {
    return requiredFields;
  }

  /** Whether an audit without any file of this kind is a configuration error. */
  public boolean requiredInput() {
    return requiredInput;
  }
}
