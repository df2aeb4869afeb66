package org.provenanceaudit.report;

/**
 * Neutralises spreadsheet formulas in CSV cells: a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is prefixed with {@code '}, so a prompt such as
 * {@code =HYPERLINK(...)} opens as text, not as a formula.
 */
public final class SpreadsheetSafe {

  private SpreadsheetSafe() {}

  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? "" : value;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + value
        : value;
  }
}
