package org.provenanceaudit.io;

import java.time.Instant;
import java.util.List;
import org.provenanceaudit.model.SourcePosition;

/**
 * One record of an input file as read, before its values are checked: CSV and JSON Lines both
 * answer through this view, so the contract is checked by one piece of code for both formats.
 */
public interface SourceRow {

  SourcePosition position();

  /** The record as it stood in the file, for the rejected report. */
  String rawText();

  /** The single value of a field, trimmed; null when absent or empty. */
  String text(String field) throws InvalidRowException;

  /**
   * The value of a boolean field as text ({@code true}, {@code no}, ...), trimmed; null when absent
   * or empty. A JSON Lines row may give it as a JSON boolean; any other non-string JSON value is an
   * {@link InvalidRowException} naming the field.
   */
  default String booleanText(String field) throws InvalidRowException {
    return text(field);
  }

  /** The values of a multi-valued field, trimmed, empties dropped; empty when absent. */
  List<String> list(String field) throws InvalidRowException;

  /**
   * The value of a timestamp field when the row holds it as an instant already (an OpenTelemetry
   * span's {@code startTimeUnixNano}), so it is not printed as ISO-8601 text only to be parsed
   * back; null when the field is text, which {@link RowValues} parses.
   */
  default Instant instant(String field) {
    return null;
  }
}
