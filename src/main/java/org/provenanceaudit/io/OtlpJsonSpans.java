package org.provenanceaudit.io;

import static org.provenanceaudit.io.OtlpJson.array;
import static org.provenanceaudit.io.OtlpJson.enumNumber;
import static org.provenanceaudit.io.OtlpJson.expect;
import static org.provenanceaudit.io.OtlpJson.float64;
import static org.provenanceaudit.io.OtlpJson.int64;
import static org.provenanceaudit.io.OtlpJson.isNull;
import static org.provenanceaudit.io.OtlpJson.object;
import static org.provenanceaudit.io.OtlpJson.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.provenanceaudit.io.OtlpJson.MalformedRequestException;
import org.provenanceaudit.io.OtlpSpans.AttributeKeys;
import org.provenanceaudit.io.OtlpSpans.Attributes;
import org.provenanceaudit.io.OtlpSpans.Event;
import org.provenanceaudit.io.OtlpSpans.Group;
import org.provenanceaudit.io.OtlpSpans.OtherValue;
import org.provenanceaudit.io.OtlpSpans.SpanFields;

/**
 * Decodes one OTLP/JSON {@code ExportTraceServiceRequest} line (OTLP specification, "JSON
 * Protobuf Encoding") straight into the {@link OtlpSpans} the trace reader uses, with Jackson's
 * streaming parser and without building the protocol's message classes: the values of the
 * attributes a field is taken from become strings and numbers as they are read, and the rest is
 * only checked. Building every span, key-value and value
 * message first cost more than the rest of reading a span; the message of a single span is made
 * from its text only when a report needs it ({@link OtlpJson#span}).
 *
 * <p>A line is accepted or refused exactly as {@link OtlpJson#request} does, with the same checks
 * and messages on every field it reads (the two share them), so a line that one rejects the other
 * rejects too, in the same words. A line is read from its UTF-8 bytes; only a line that does not
 * parse is decoded to characters, to word the problem with columns in characters.
 */
final class OtlpJsonSpans {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private OtlpJsonSpans() {}

  /**
   * The resources and spans of the request on this line, parsed from its UTF-8 bytes as they are
   * (no String of the whole line is made: a few non-ASCII characters would send a line of
   * hundreds of kilobytes through Java's UTF-16 decoding).
   *
   * @param line one request line, valid UTF-8 (RFC 3629) without its line break; the caller
   *     checks the encoding first, as Jackson lets overlong forms and encoded surrogates through
   * @param keys the attribute keys kept on resources, spans and span events; every other
   *     attribute is checked and dropped
   * @throws MalformedRequestException when the text is not JSON, or a known field has the wrong
   *     type; the message says where and why, on one line, with columns counted in characters as
   *     {@link OtlpJson#request} counts them
   */
  static List<Group> request(byte[] line, AttributeKeys keys) throws MalformedRequestException {
    Source bytes = () -> JSON.createParser(line, 0, line.length);
    SpanText spanText = (start, end) -> new String(line, start, end - start, StandardCharsets.UTF_8);
    try {
      try {
        return request(bytes, spanText, new Reading(keys, false));
      } catch (ReadAgainCarefully rare) {
        return request(bytes, spanText, new Reading(keys, true));
      }
    } catch (MalformedRequestException inBytes) {
      // Only for a broken line: Jackson counts a byte parser's columns in bytes and names its
      // source "(byte[])"; the same text parsed as characters fails at the same token, worded as before.
      String text = new String(line, StandardCharsets.UTF_8);
      request(() -> JSON.createParser(text), text::substring, new Reading(keys, true));
      throw inBytes;
    }
  }

  /**
   * How a line is read: which attribute keys are kept, and whether carefully. A quick reading
   * passes over the value of an attribute whose key, read before it, is not looked up: it is only
   * checked, none of its text made into Strings. A careful one reads every value; a line is read
   * carefully only after a quick reading met what it cannot undo ({@link ReadAgainCarefully}).
   */
  private record Reading(AttributeKeys keys, boolean careful) {
    /** The same reading, keeping no attribute (a scope's, a kvlist's). */
    Reading keepingNone() {
      return new Reading(AttributeKeys.NONE, careful);
    }
  }

  /**
   * A quick reading met a {@code KeyValue} naming a looked-up key after a value it passed over (two
   * {@code key} fields in one attribute): the line is read again, carefully, so that the last key
   * counts with its value, as in the protocol's own decoder.
   */
  private static final class ReadAgainCarefully extends RuntimeException {
    ReadAgainCarefully() {
      super(null, null, false, false);
    }
  }

  /** Opens a parser over the line. */
  private interface Source {
    JsonParser open() throws IOException;
  }

  /** The text of one span object, from the offset of its opening brace to just past its closing one, in the parser's units. */
  private interface SpanText {
    String between(int start, int end);
  }

  private static List<Group> request(Source source, SpanText line, Reading reading) throws MalformedRequestException {
    try (JsonParser parser = source.open()) {
      List<Group> groups = new ArrayList<>();
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the request");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (isNull(value)) {
          continue;
        }
        if (name.equals("resourceSpans") || name.equals("resource_spans")) {
          array(parser, value, name);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            groups.add(resourceSpans(parser, line, reading));
          }
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new MalformedRequestException("text after the request object");
      }
      return groups;
    } catch (IOException e) {
      throw new MalformedRequestException(OtlpJson.firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new MalformedRequestException(e.getMessage());
    }
  }

  private static Group resourceSpans(JsonParser parser, SpanText line, Reading reading) throws IOException, MalformedRequestException {
    Attributes resource = Attributes.NONE;
    List<SpanFields> spans = new ArrayList<>();
    object(parser, parser.currentToken(), "resourceSpans element");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "resource" -> resource = resource(parser, reading);
        case "scopeSpans", "scope_spans" -> {
          array(parser, value, name);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            scopeSpans(parser, line, reading, spans);
          }
        }
        case "schemaUrl", "schema_url" -> string(parser, name);
        default -> parser.skipChildren();
      }
    }
    return new Group(resource, spans);
  }

  private static Attributes resource(JsonParser parser, Reading reading) throws IOException, MalformedRequestException {
    Attributes attributes = new Attributes(reading.keys());
    object(parser, parser.currentToken(), "resource");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("attributes") && !isNull(value)) {
        attributes(parser, name, reading, attributes);
      } else {
        parser.skipChildren();
      }
    }
    return attributes;
  }

  private static void scopeSpans(JsonParser parser, SpanText line, Reading reading, List<SpanFields> spans)
      throws IOException, MalformedRequestException {
    object(parser, parser.currentToken(), "scopeSpans element");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "scope" -> scope(parser, reading);
        case "spans" -> {
          array(parser, value, name);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            spans.add(span(parser, line, reading));
          }
        }
        case "schemaUrl", "schema_url" -> string(parser, name);
        default -> parser.skipChildren();
      }
    }
  }

  /** The scope gives no tool-event field; it is checked as the request decoder checks it. */
  private static void scope(JsonParser parser, Reading reading) throws IOException, MalformedRequestException {
    object(parser, parser.currentToken(), "scope");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "name", "version" -> string(parser, name);
        case "attributes" -> attributes(parser, name, reading.keepingNone(), Attributes.NONE);
        default -> parser.skipChildren();
      }
    }
  }

  private static SpanFields span(JsonParser parser, SpanText line, Reading reading) throws IOException, MalformedRequestException {
    object(parser, parser.currentToken(), "span");
    int start = offset(parser.currentTokenLocation());
    String spanId = null;
    long startTime = 0;
    Attributes attributes = new Attributes(reading.keys());
    List<Event> events = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "spanId", "span_id" -> spanId = spanId(parser, name);
        case "traceId", "trace_id", "parentSpanId", "parent_span_id" -> id(parser, name);
        case "traceState", "trace_state", "name" -> string(parser, name);
        case "kind" -> OtlpJson.kind(parser);
        case "startTimeUnixNano", "start_time_unix_nano" -> startTime = unixNano(parser, name);
        case "endTimeUnixNano", "end_time_unix_nano" -> int64(parser, name);
        case "attributes" -> attributes(parser, name, reading, attributes);
        case "events" -> {
          array(parser, value, name);
          if (events.isEmpty()) {
            events = new ArrayList<>();
          }
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            events.add(event(parser, reading));
          }
        }
        case "status" -> status(parser);
        default -> parser.skipChildren();
      }
    }
    int end = offset(parser.currentTokenLocation()) + 1;
    return new SpanFields(spanId, startTime, attributes, events, () -> message(line.between(start, end)));
  }

  /** Where a token starts: in bytes from a byte parser, in characters from a text parser (each leaves the other -1). */
  private static int offset(JsonLocation location) {
    return (int) (location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset());
  }

  private static io.opentelemetry.proto.trace.v1.Span message(String spanJson) {
    try {
      return OtlpJson.span(spanJson);
    } catch (MalformedRequestException e) {
      return null;
    }
  }

  /** The span id as 16 lower-case hex digits, or null when its bytes are not 8. */
  private static String spanId(JsonParser parser, String field) throws IOException, MalformedRequestException {
    string(parser, field);
    char[] text = parser.getTextCharacters();
    int start = parser.getTextOffset();
    if (parser.getTextLength() == 16 && isAsciiHex(text, start, start + 16)) {
      return new String(text, start, 16).toLowerCase(Locale.ROOT);
    }
    byte[] bytes = OtlpJson.idBytes(parser.getText(), field);
    return bytes.length == 8 ? OtlpJson.HEX.formatHex(bytes) : null;
  }

  /**
   * A time in nanoseconds since the epoch, an unsigned 64-bit integer, as {@link OtlpJson#int64}
   * reads it; the decimal string OTLP/JSON writes is read in the parser's buffer, without making a
   * String of it.
   */
  private static long unixNano(JsonParser parser, String field) throws IOException, MalformedRequestException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      try {
        return Long.parseUnsignedLong(CharBuffer.wrap(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()), 0, parser.getTextLength(), 10);
      } catch (NumberFormatException notUnsigned) {
        // A negative number, or not a number: int64 reads the first and words the second.
      }
    }
    return int64(parser, field);
  }

  /**
   * An id no field is taken from, checked as the request decoder checks it; whole bytes in hex are
   * checked in the parser's buffer, without making a String of them.
   */
  private static void id(JsonParser parser, String field) throws IOException, MalformedRequestException {
    string(parser, field);
    char[] text = parser.getTextCharacters();
    int start = parser.getTextOffset();
    int length = parser.getTextLength();
    if (length % 2 != 0 || !isAsciiHex(text, start, start + length)) {
      OtlpJson.idBytes(parser.getText(), field);
    }
  }

  /**
   * A string field no tool-event field is taken from: its type is checked here, and its text by
   * Jackson as it passes over it (escapes, control characters), so it is refused where {@link
   * OtlpJson#text} would refuse it, in the same words, without being made into a String.
   */
  private static void string(JsonParser parser, String field) throws MalformedRequestException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw new MalformedRequestException(field + " is not a string");
    }
  }

  /** Whether every character in {@code [start, end)} is one of 0-9, a-f, A-F (the hex OTLP/JSON writes; other digits go through the full check). */
  private static boolean isAsciiHex(char[] text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text[i];
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  private static Event event(JsonParser parser, Reading reading) throws IOException, MalformedRequestException {
    String eventName = "";
    Attributes attributes = new Attributes(reading.keys());
    object(parser, parser.currentToken(), "span event");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> int64(parser, name);
        case "name" -> eventName = text(parser, name);
        case "attributes" -> attributes(parser, name, reading, attributes);
        default -> parser.skipChildren();
      }
    }
    return new Event(eventName, attributes);
  }

  private static void status(JsonParser parser) throws IOException, MalformedRequestException {
    object(parser, parser.currentToken(), "status");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "message" -> string(parser, name);
        case "code" -> {
          if (value == JsonToken.VALUE_STRING) {
            enumNumber(parser, Status.StatusCode.class);
          } else {
            int64(parser, name);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  /** Reads an attribute list into {@code attributes}, keeping the attributes whose key the reading looks up. */
  private static void attributes(JsonParser parser, String field, Reading reading, Attributes attributes)
      throws IOException, MalformedRequestException {
    array(parser, parser.currentToken(), field);
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      keyValue(parser, reading, attributes);
    }
  }

  /**
   * One {@code KeyValue}. When its key comes first, as every encoder writes it, the value of a key
   * not looked up is only checked: none of its text is made into Strings.
   */
  private static void keyValue(JsonParser parser, Reading reading, Attributes attributes) throws IOException, MalformedRequestException {
    int slot = -1;
    boolean keyRead = false;
    boolean valueSkipped = false;
    Object value = OtherValue.VALUE_NOT_SET;
    object(parser, parser.currentToken(), "attribute");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (isNull(token)) {
        continue;
      }
      switch (name) {
        case "key" -> {
          string(parser, name);
          slot = reading.keys().slot(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
          keyRead = true;
          if (slot >= 0 && valueSkipped) {
            throw new ReadAgainCarefully();
          }
        }
        case "value" -> {
          boolean kept = !keyRead || slot >= 0 || reading.careful();
          value = anyValue(parser, reading, kept);
          valueSkipped = !kept;
        }
        default -> parser.skipChildren();
      }
    }
    attributes.add(slot, value);
  }

  /**
   * The value as {@link OtlpSpans} holds it; of several value fields the last counts, as in a
   * protobuf oneof. When {@code kept} is false the value is only checked, and what comes back is
   * not its value.
   */
  private static Object anyValue(JsonParser parser, Reading reading, boolean kept) throws IOException, MalformedRequestException {
    Object result = OtherValue.VALUE_NOT_SET;
    object(parser, parser.currentToken(), "attribute value");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (isNull(value)) {
        continue;
      }
      switch (name) {
        case "stringValue", "string_value" -> {
          if (kept) {
            result = text(parser, name);
          } else {
            string(parser, name);
          }
        }
        case "boolValue", "bool_value" -> {
          if (!value.isBoolean()) {
            throw new MalformedRequestException(name + " is not true or false");
          }
          result = parser.getBooleanValue();
        }
        case "intValue", "int_value" -> result = int64(parser, name);
        case "doubleValue", "double_value" -> result = float64(parser, name);
        case "bytesValue", "bytes_value" -> {
          Base64.getDecoder().decode(text(parser, name));
          result = OtherValue.BYTES_VALUE;
        }
        case "arrayValue", "array_value" -> {
          List<Object> values = new ArrayList<>();
          values(parser, reading, values, kept);
          result = values;
        }
        case "kvlistValue", "kvlist_value" -> {
          object(parser, value, name);
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String inner = parser.currentName();
            JsonToken innerValue = parser.nextToken();
            if (inner.equals("values") && !isNull(innerValue)) {
              attributes(parser, inner, reading.keepingNone(), Attributes.NONE);
            } else {
              parser.skipChildren();
            }
          }
          result = OtherValue.KVLIST_VALUE;
        }
        default -> parser.skipChildren();
      }
    }
    return result;
  }

  private static void values(JsonParser parser, Reading reading, List<Object> values, boolean kept) throws IOException, MalformedRequestException {
    object(parser, parser.currentToken(), "arrayValue");
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("values") && !isNull(value)) {
        array(parser, value, name);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          Object element = anyValue(parser, reading, kept);
          if (kept) {
            values.add(element);
          }
        }
      } else {
        parser.skipChildren();
      }
    }
  }
}
