package org.provenanceaudit.io;

/**
 * An input row the audit could not use, kept whole for the rejected report: which input, the file
 * and line its record starts on, its raw text (cut at {@link #RAW_TEXT_LIMIT} characters) and why.
 */
public record RejectedRow(String inputKind, String file, long line, String rawText, String reason)
    implements Comparable<RejectedRow> {

  public static final int RAW_TEXT_LIMIT = 4096;

  public RejectedRow {
    if (rawText.length() > RAW_TEXT_LIMIT) {
      rawText = rawText.substring(0, RAW_TEXT_LIMIT);
    }
  }

  @Override
  public int compareTo(RejectedRow other) {
    int byFile = file.compareTo(other.file);
    return byFile != 0 ? byFile : Long.compare(line, other.line);
  }
}
