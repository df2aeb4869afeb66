package org.provenanceaudit.mapping;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one contract field is made from a source row: where the raw value comes from ({@link From}),
 * then, in this order, list splitting, the value map and the time format. Values are trimmed; an
 * empty value is no value, and neither the map nor the format sees it.
 *
 * @param field the contract field
 * @param from where the raw value comes from
 * @param name the column name, the JSON path, the constant or the path capture's name (null for a
 *     column by position)
 * @param position the 1-based column, for {@link From#POSITION}; 0 otherwise
 * @param values source value, lower-cased, to contract value; empty for no map
 * @param keepUnmapped whether a value the map lacks passes through unchanged (else the row is rejected)
 * @param split the separator of a multi-valued field's values; null for the contract's {@code ;}
 * @param time the time format of a timestamp field; null for none
 */
public record FieldRule(
    String field, From from, String name, int position, Map<String, String> values, boolean keepUnmapped, String split, TimeFormat time)
    implements Serializable {

  /** Where a field's raw value comes from. */
  public enum From {
    COLUMN,
    POSITION,
    JSON,
    CONSTANT,
    PATH
  }

  public FieldRule {
    values = new TreeMap<>(values);
  }

  /**
   * How a rejection names the source of the value, with the field it feeds: {@code Created At (→
   * created_at)}, {@code column 3 (→ vendor_id)}, {@code $.usage.tool (→ tool_id)}.
   */
  public String describe() {
    String source =
        switch (from) {
          case COLUMN, JSON -> name;
          case POSITION -> "column " + position;
          case CONSTANT -> "constant \"" + name + "\"";
          case PATH -> "{" + name + "} of the file's path";
        };
    return source + " (→ " + field + ")";
  }

  /**
   * The contract value for one raw source value (already trimmed, not empty), through the value map.
   *
   * @throws IllegalArgumentException when the map lacks the value and unmapped values are rejected
   */
  public String mapped(String raw) {
    if (values.isEmpty()) {
      return raw;
    }
    String value = values.get(raw.toLowerCase(Locale.ROOT));
    if (value != null) {
      return value;
    }
    if (keepUnmapped) {
      return raw;
    }
    List<String> known = new ArrayList<>(values.keySet());
    String shown = known.size() > 8 ? String.join(", ", known.subList(0, 8)) + ", …" : String.join(", ", known);
    throw new IllegalArgumentException("is not in the value map (mapped: " + shown + ")");
  }
}
