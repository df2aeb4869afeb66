package org.provenanceaudit.report;

import org.provenanceaudit.io.HiddenCharacters;

/**
 * Neutralises spreadsheet formulas in CSV cells: a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is prefixed with {@code '}, so a prompt such as
 * {@code =HYPERLINK(...)} opens as text, not as a formula. Characters that hide or reorder text
 * ({@link HiddenCharacters}: a bidirectional override, a zero-width joiner, a NUL) are shown as a
 * visible {@code <U+202E>} marker, so free text cannot make a cell read as something else.
 */
public final class SpreadsheetSafe {

  private SpreadsheetSafe() {}

  /** The cell's text as it is safe to write: never null, formulas and hidden characters made inert. */
  public static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String value = HiddenCharacters.visible(text);
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + value
        : value;
  }
}
