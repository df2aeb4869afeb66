package org.provenanceaudit.io;

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

  /** The values of a multi-valued field, trimmed, empties dropped; empty when absent. */
  List<String> list(String field) throws InvalidRowException;
}
