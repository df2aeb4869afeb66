package org.provenanceaudit.rules;

/** The CSV report a rule's findings are listed in, besides {@code findings.jsonl}. */
public enum ReportFile {
  UNDISCLOSED_GENAI_USAGE("undisclosed-genai-usage.csv"),
  RETAINED_GENERATED_MATERIAL("retained-generated-material.csv"),
  LIKENESS_IP_RISKS("likeness-ip-risks.csv"),
  DATA_HANDLING_RISKS("data-handling-risks.csv"),
  /** Integrity findings appear in {@code findings.jsonl} only. */
  FINDINGS_ONLY(null);

  private final String fileName;

  ReportFile(String fileName) {
    this.fileName = fileName;
  }

  /** The CSV file name, or null for {@link #FINDINGS_ONLY}. */
  public String fileName() {
    return fileName;
  }
}
