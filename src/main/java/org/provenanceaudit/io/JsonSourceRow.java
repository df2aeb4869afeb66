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
 * A JSON Lines object seen through the contract: field names match case-insensitively, a text
 * field holds a JSON string, a boolean field a JSON boolean or one of the contract's boolean
 * strings, and a multi-valued field an array of strings or one string split like a CSV cell.
 * Nothing is guessed: a name given twice in any case ({@code tool_id} and {@code Tool_ID}), or a
 * number, boolean, object or array where text is due, rejects the row naming the field (a number
 * such as {@code 1e999999} would otherwise read as the id {@code Infinity}). A JSON null is the
 * same as a field left out. Exact duplicates never reach this class: the parser rejects them.
 */
final class JsonSourceRow extends PositionedRow {

  private final Map<String, JsonNode> fields;
  private final boolean escaped;

  /**
   * @throws InvalidRowException when two of the object's names are the same once trimmed and
   *     lower-cased
   */
  JsonSourceRow(JsonNode object, SourcePosition position, String rawText) throws InvalidRowException {
    super(position, rawText);
    this.escaped = rawText.indexOf('\\') >= 0;
    this.fields = new HashMap<>();
    Map<String, String> spellings = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey().trim().toLowerCase(Locale.ROOT);
      String first = spellings.putIfAbsent(name, field.getKey());
      if (first != null) {
        throw new InvalidRowException(
            "field " + name + " is given twice, as \"" + first + "\" and \"" + field.getKey() + "\" (names match in any case)");
      }
      fields.put(name, field.getValue());
    }
  }

  @Override
  public String text(String field) throws InvalidRowException {
    JsonNode node = fields.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidRowException("field " + field + " must be a JSON string, not " + typeOf(node));
    }
    String value = checked(field, node.textValue().trim());
    return value.isEmpty() ? null : value;
  }

  @Override
  public String booleanText(String field) throws InvalidRowException {
    JsonNode node = fields.get(field);
    if (node != null && node.isBoolean()) {
      return node.asText();
    }
    if (node != null && !node.isNull() && !node.isTextual()) {
      throw new InvalidRowException("field " + field + " must be a JSON boolean or string, not " + typeOf(node));
    }
    return text(field);
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    JsonNode node = fields.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      if (!node.isTextual()) {
        throw new InvalidRowException("field " + field + " must be an array of strings or a string, not " + typeOf(node));
      }
      return MultiValues.split(text(field));
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (element.isNull()) {
        continue;
      }
      if (!element.isTextual()) {
        throw new InvalidRowException("field " + field + " must be an array of strings, not one holding " + typeOf(element));
      }
      String value = checked(field, element.textValue().trim());
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }

  /** The JSON type's name as a person reads it: "a number", "a boolean", "an object", "an array". */
  private static String typeOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case NUMBER -> "a number (" + node.asText() + ")";
      case BOOLEAN -> "a boolean";
      case OBJECT, POJO -> "an object";
      case ARRAY -> "an array";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
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
