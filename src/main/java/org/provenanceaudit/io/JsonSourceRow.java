package org.provenanceaudit.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.provenanceaudit.model.SourcePosition;

/**
 * A JSON Lines object seen through the contract: field names match case-insensitively (the first
 * spelling wins), scalars read as text, and a multi-valued field is an array of strings or one
 * string split like a CSV cell.
 */
final class JsonSourceRow extends PositionedRow {

  private final Map<String, JsonNode> fields;
  private final boolean escaped;

  JsonSourceRow(JsonNode object, SourcePosition position, String rawText) {
    super(position, rawText);
    this.escaped = rawText.indexOf('\\') >= 0;
    this.fields = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      fields.putIfAbsent(field.getKey().trim().toLowerCase(Locale.ROOT), field.getValue());
    }
  }

  @Override
  public String text(String field) throws InvalidRowException {
    JsonNode node = fields.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new InvalidRowException("field " + field + " must be a single value, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    String value = checked(field, node.asText().trim());
    return value.isEmpty() ? null : value;
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    JsonNode node = fields.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      return MultiValues.split(text(field));
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (element.isNull()) {
        continue;
      }
      if (!element.isValueNode()) {
        throw new InvalidRowException("field " + field + " must be an array of strings");
      }
      String value = checked(field, element.asText().trim());
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }

  /**
   * A JSON escape can spell half of a surrogate pair ({@code "\\ud800"}), which is not text: no
   * UTF-8 file can hold it, and two such ids would read back alike once written out. Such a value
   * rejects the row, as invalid UTF-8 does in a CSV file. Only a line with a backslash can hold one.
   */
  private String checked(String field, String value) throws InvalidRowException {
    if (!escaped) {
      return value;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidRowException(
            "field " + field + " holds half of a surrogate pair (\\u" + Integer.toHexString(c) + "), which is not text");
      }
    }
    return value;
  }
}
