package org.provenanceaudit.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes JSON that can sit inside an HTML {@code <script>} element: {@code <}, {@code >} and
 * {@code &} become {@code \u003c}-style escapes, and so do U+2028 and U+2029, so no string in the
 * data can close the element, open a comment or break an older JavaScript parser.
 */
final class ScriptSafeJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory().copy()
      .setCharacterEscapes(new HtmlSafeEscapes());

  private ScriptSafeJson() {}

  /** The node as compact JSON with every HTML-significant character escaped. */
  static String write(JsonNode node) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.setCodec(MAPPER);
      generator.writeTree(node);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  /** The strings as a compact JSON array, escaped the same way. */
  static String write(List<String> strings) {
    ArrayNode array = MAPPER.createArrayNode();
    strings.forEach(array::add);
    return write(array);
  }

  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
    private final int[] asciiEscapes;

    HtmlSafeEscapes() {
      asciiEscapes = standardAsciiEscapesForJSON();
      asciiEscapes['<'] = ESCAPE_STANDARD;
      asciiEscapes['>'] = ESCAPE_STANDARD;
      asciiEscapes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == '\u2028') {
        return LINE_SEPARATOR;
      }
      if (ch == '\u2029') {
        return PARAGRAPH_SEPARATOR;
      }
      return null;
    }
  }
}
