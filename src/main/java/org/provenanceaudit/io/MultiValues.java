package org.provenanceaudit.io;

import java.util.ArrayList;
import java.util.List;

/** The contract's multi-value syntax for one text cell: values separated by {@code ;}, trimmed, empties dropped. */
final class MultiValues {

  private MultiValues() {}

  static List<String> split(String cell) {
    if (cell == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    int start = 0;
    while (start <= cell.length()) {
      int end = cell.indexOf(';', start);
      if (end < 0) {
        end = cell.length();
      }
      String value = cell.substring(start, end).trim();
      if (!value.isEmpty()) {
        values.add(value);
      }
      start = end + 1;
    }
    return values;
  }
}
