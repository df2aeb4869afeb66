package org.provenanceaudit.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenanceaudit.model.SourcePosition;

/**
 * A JSON Lines object seen through the contract: field names match case-insensitively, a text
 * field holds a JSON string, a boolean field a JSON boolean or one of the contract's boolean
 * strings, and a multi-valued field an array of strings or one string split like a CSV cell.
 * Nothing is guessed: a name given twice in any case ({@code tool_id} and {@code Tool_ID}), or a
 * number, boolean, object or array where text is due, rejects the row naming the field (a number
 * such as {@code 1e999999} would otherwise read as the id {@code Infinity}). A JSON null is the
 * same as a field left out. A name given twice exactly, in the row or in any object inside it, is
 * broken JSON ("Duplicate field 'NAME'"), as Jackson's duplicate detection says it.
 */
final class JsonSourceRow extends PositionedRow {

  /** The most fields a row keeps before the array holding them grows; the contract's widest input has 15. */
  private static final int USUAL_WIDTH = 16;

  /** Each field's name, trimmed and lower-cased, in the order the object gives them. */
  private String[] names = new String[USUAL_WIDTH];
  /** Each field's name as the object spells it, for the message when a name comes twice in two cases. */
  private String[] spellings = new String[USUAL_WIDTH];
  /** Each field's value: a {@link String} for a JSON string, a {@link JsonNode} for anything else. */
  private Object[] values = new Object[USUAL_WIDTH];
  private int width;
  private final boolean escaped;

  private JsonSourceRow(SourcePosition position, String rawText) {
    super(position, rawText);
    this.escaped = rawText.indexOf('\\') >= 0;
  }

  /**
   * Reads the first JSON value of {@code parser} (a parser over {@code rawText}, from {@code
   * mapper}, at its start) as one row. Strings, booleans and nulls are taken straight from the
   * parser's tokens; a number, an object, or an array element that is not a string or null is read
   * as a tree by {@code mapper}, as a whole-line tree read would. Anything after the first value is
   * not read.
   *
   * @return the row, or null when the first value is not a JSON object (the value is still read
   *     whole, so a syntax error inside it is reported as such)
   * @throws JsonProcessingException when the first value is not well-formed JSON, or one of its
   *     objects gives a name twice exactly ("Duplicate field 'NAME'", as Jackson's
   *     STRICT_DUPLICATE_DETECTION says it, at the same point of the line)
   * @throws InvalidRowException when two of the object's names are the same once trimmed and
   *     lower-cased; raised only once the whole object has been read
   * @throws IOException when the parser cannot read its source
   */
  static JsonSourceRow read(JsonParser parser, ObjectMapper mapper, SourcePosition position, String rawText)
      throws IOException, InvalidRowException {
    // The row's own names are compared here (a few names, in an array); the parser's detector,
    // a hash set an object, is kept for the values read as trees.
    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT) {
      if (first != null) {
        tree(parser, mapper);
      }
      return null;
    }
    JsonSourceRow row = new JsonSourceRow(position, rawText);
    String problem = null;
    List<String> skipped = null;
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      String given = parser.currentName();
      if (row.spelled(given) || (skipped != null && skipped.contains(given))) {
        // As the parser's own detector says it, at the same point of the line.
        throw new JsonParseException(parser, "Duplicate field '" + given + "'");
      }
      String name = given.trim().toLowerCase(Locale.ROOT);
      Object value = value(parser, parser.nextToken(), mapper);
      String firstSpelling = row.spellingOf(name);
      if (firstSpelling != null) {
        if (problem == null) {
          problem = "field " + name + " is given twice, as \"" + firstSpelling + "\" and \"" + given + "\" (names match in any case)";
        }
        if (skipped == null) {
          skipped = new ArrayList<>();
        }
        skipped.add(given);
        continue;
      }
      row.add(name, given, value);
    }
    if (problem != null) {
      throw new InvalidRowException(problem);
    }
    return row;
  }

  /** The value at the parser's current token read as a tree, with duplicate names in its objects rejected. */
  private static JsonNode tree(JsonParser parser, ObjectMapper mapper) throws IOException {
    parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode tree = mapper.readTree(parser);
    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return tree;
  }

  /** Whether a kept field was spelled exactly {@code given}. */
  private boolean spelled(String given) {
    for (int i = 0; i < width; i++) {
      if (spellings[i].equals(given)) {
        return true;
      }
    }
    return false;
  }

  /** The value at {@code token}: a String for a JSON string, a JsonNode for anything else. */
  private static Object value(JsonParser parser, JsonToken token, ObjectMapper mapper) throws IOException {
    if (token == null) {
      // Not reached on well-formed input: the parser reports a source ending after a name itself.
      throw new JsonParseException(parser, "Unexpected end-of-input after field name");
    }
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.getInstance();
      case START_ARRAY:
        ArrayNode array = mapper.getNodeFactory().arrayNode();
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
          if (element == JsonToken.VALUE_STRING) {
            array.add(TextNode.valueOf(parser.getText()));
          } else if (element == JsonToken.VALUE_NULL) {
            array.add(NullNode.getInstance());
          } else {
            array.add(tree(parser, mapper));
          }
        }
        return array;
      default:
        return tree(parser, mapper);
    }
  }

  /** How the field named {@code name} was spelled in the object, or null when no field has that name. */
  private String spellingOf(String name) {
    for (int i = 0; i < width; i++) {
      if (names[i].equals(name)) {
        return spellings[i];
      }
    }
    return null;
  }

  private void add(String name, String spelling, Object value) {
    if (width == names.length) {
      names = Arrays.copyOf(names, width * 2);
      spellings = Arrays.copyOf(spellings, width * 2);
      values = Arrays.copyOf(values, width * 2);
    }
    names[width] = name;
    spellings[width] = spelling;
    values[width] = value;
    width++;
  }

  /** The value of {@code field} (trimmed, lower-cased), or null when the object does not give it. */
  private Object valueOf(String field) {
    for (int i = 0; i < width; i++) {
      if (names[i].equals(field)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public String text(String field) throws InvalidRowException {
    Object value = valueOf(field);
    if (value == null || value instanceof NullNode) {
      return null;
    }
    if (!(value instanceof String string)) {
      throw new InvalidRowException("field " + field + " must be a JSON string, not " + typeOf((JsonNode) value));
    }
    String text = checked(field, string.trim());
    return text.isEmpty() ? null : text;
  }

  @Override
  public String booleanText(String field) throws InvalidRowException {
    Object value = valueOf(field);
    if (value instanceof JsonNode node && node.isBoolean()) {
      return node.asText();
    }
    if (value instanceof JsonNode node && !node.isNull()) {
      throw new InvalidRowException("field " + field + " must be a JSON boolean or string, not " + typeOf(node));
    }
    return text(field);
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    Object value = valueOf(field);
    if (value == null || value instanceof NullNode) {
      return List.of();
    }
    if (value instanceof String) {
      return MultiValues.split(text(field));
    }
    JsonNode node = (JsonNode) value;
    if (!node.isArray()) {
      throw new InvalidRowException("field " + field + " must be an array of strings or a string, not " + typeOf(node));
    }
    List<String> texts = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (element.isNull()) {
        continue;
      }
      if (!element.isTextual()) {
        throw new InvalidRowException("field " + field + " must be an array of strings, not one holding " + typeOf(element));
      }
      String text = checked(field, element.textValue().trim());
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return texts;
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
