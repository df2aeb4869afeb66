package org.provenanceaudit.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.ProtocolMessageEnum;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Decodes one OTLP/JSON {@code ExportTraceServiceRequest} (OTLP specification, "JSON Protobuf
 * Encoding") into the OpenTelemetry protocol's own message classes, with Jackson's streaming
 * parser: resource and span attributes, scope, span ids, name, kind, times, events, status, and
 * every attribute value type. The trace reader itself decodes lines with {@link OtlpJsonSpans},
 * which shares these checks, and uses {@link #span} for the one span a report shows. Protobuf's {@code JsonFormat}
 * reads the same text three to four times slower (it builds a Gson tree and merges by
 * reflection), which made a span cost several contract rows; and it reads ids as base64, where
 * OTLP/JSON writes them as hex.
 *
 * <p>As the specification requires: field names in lowerCamelCase (the proto names are accepted
 * too), unknown fields ignored, 64-bit integers as strings or numbers, enums as integers or names,
 * {@code traceId}/{@code spanId}/{@code parentSpanId} as hex (base64, what proto3 JSON writes, is
 * accepted when the text is not hex). Links and dropped counts are skipped: no tool-event field
 * comes from them.
 */
final class OtlpJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  static final HexFormat HEX = HexFormat.of();

  private OtlpJson() {}

  /** A line that is not an ExportTraceServiceRequest: the message says where and why, on one line. */
  static final class MalformedRequestException extends Exception {
    MalformedRequestException(String message) {
      super(message);
    }
  }

  /**
   * The request on this line.
   *
   * @throws MalformedRequestException when the text is not JSON, or a known field has the wrong
   *     type (an object where an array is due, text that is no number, an id that is neither hex
   *     nor base64)
   */
  static ExportTraceServiceRequest request(String line) throws MalformedRequestException {
    try (JsonParser parser = JSON.createParser(line)) {
      ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
      parser.nextToken();
      fields(parser, "the request", (name, value) -> {
        if (name.equals("resourceSpans") || name.equals("resource_spans")) {
          elements(parser, value, name, () -> request.addResourceSpans(resourceSpans(parser)));
        } else {
          parser.skipChildren();
        }
      });
      if (parser.nextToken() != null) {
        throw new MalformedRequestException("text after the request object");
      }
      return request.build();
    } catch (IOException e) {
      throw new MalformedRequestException(firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new MalformedRequestException(e.getMessage());
    }
  }

  /**
   * One span object, as {@link OtlpJsonSpans} found it in a request line.
   *
   * @throws MalformedRequestException as {@link #request} does
   */
  static Span span(String json) throws MalformedRequestException {
    try (JsonParser parser = JSON.createParser(json)) {
      parser.nextToken();
      return span(parser);
    } catch (IOException e) {
      throw new MalformedRequestException(firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new MalformedRequestException(e.getMessage());
    }
  }

  private static ResourceSpans resourceSpans(JsonParser parser) throws IOException, MalformedRequestException {
    ResourceSpans.Builder builder = ResourceSpans.newBuilder();
    fields(parser, "resourceSpans element", (name, value) -> {
      switch (name) {
        case "resource" -> builder.setResource(resource(parser));
        case "scopeSpans", "scope_spans" -> elements(parser, value, name, () -> builder.addScopeSpans(scopeSpans(parser)));
        case "schemaUrl", "schema_url" -> builder.setSchemaUrl(text(parser, name));
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static Resource resource(JsonParser parser) throws IOException, MalformedRequestException {
    Resource.Builder builder = Resource.newBuilder();
    fields(parser, "resource", (name, value) -> {
      if (name.equals("attributes")) {
        attributes(parser, name, builder::addAttributes);
      } else {
        parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static ScopeSpans scopeSpans(JsonParser parser) throws IOException, MalformedRequestException {
    ScopeSpans.Builder builder = ScopeSpans.newBuilder();
    fields(parser, "scopeSpans element", (name, value) -> {
      switch (name) {
        case "scope" -> builder.setScope(scope(parser));
        case "spans" -> elements(parser, value, name, () -> builder.addSpans(span(parser)));
        case "schemaUrl", "schema_url" -> builder.setSchemaUrl(text(parser, name));
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static InstrumentationScope scope(JsonParser parser) throws IOException, MalformedRequestException {
    InstrumentationScope.Builder builder = InstrumentationScope.newBuilder();
    fields(parser, "scope", (name, value) -> {
      switch (name) {
        case "name" -> builder.setName(text(parser, name));
        case "version" -> builder.setVersion(text(parser, name));
        case "attributes" -> attributes(parser, name, builder::addAttributes);
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static Span span(JsonParser parser) throws IOException, MalformedRequestException {
    Span.Builder builder = Span.newBuilder();
    fields(parser, "span", (name, value) -> {
      switch (name) {
        case "traceId", "trace_id" -> builder.setTraceId(id(parser, name));
        case "spanId", "span_id" -> builder.setSpanId(id(parser, name));
        case "parentSpanId", "parent_span_id" -> builder.setParentSpanId(id(parser, name));
        case "traceState", "trace_state" -> builder.setTraceState(text(parser, name));
        case "name" -> builder.setName(text(parser, name));
        case "kind" -> builder.setKindValue(kind(parser));
        case "startTimeUnixNano", "start_time_unix_nano" -> builder.setStartTimeUnixNano(int64(parser, name));
        case "endTimeUnixNano", "end_time_unix_nano" -> builder.setEndTimeUnixNano(int64(parser, name));
        case "attributes" -> attributes(parser, name, builder::addAttributes);
        case "events" -> elements(parser, value, name, () -> builder.addEvents(event(parser)));
        case "status" -> builder.setStatus(status(parser));
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static Span.Event event(JsonParser parser) throws IOException, MalformedRequestException {
    Span.Event.Builder builder = Span.Event.newBuilder();
    fields(parser, "span event", (name, value) -> {
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> builder.setTimeUnixNano(int64(parser, name));
        case "name" -> builder.setName(text(parser, name));
        case "attributes" -> attributes(parser, name, builder::addAttributes);
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static Status status(JsonParser parser) throws IOException, MalformedRequestException {
    Status.Builder builder = Status.newBuilder();
    fields(parser, "status", (name, value) -> {
      switch (name) {
        case "message" -> builder.setMessage(text(parser, name));
        case "code" -> builder.setCodeValue(value == JsonToken.VALUE_STRING
            ? enumNumber(parser, Status.StatusCode.class) : (int) int64(parser, name));
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  /** Something that takes one attribute: a builder's {@code addAttributes}. */
  private interface AttributeSink {
    Object add(KeyValue attribute);
  }

  private static void attributes(JsonParser parser, String field, AttributeSink sink) throws IOException, MalformedRequestException {
    elements(parser, parser.currentToken(), field, () -> sink.add(keyValue(parser)));
  }

  private static KeyValue keyValue(JsonParser parser) throws IOException, MalformedRequestException {
    KeyValue.Builder builder = KeyValue.newBuilder();
    fields(parser, "attribute", (name, value) -> {
      switch (name) {
        case "key" -> builder.setKey(text(parser, name));
        case "value" -> builder.setValue(anyValue(parser));
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static AnyValue anyValue(JsonParser parser) throws IOException, MalformedRequestException {
    AnyValue.Builder builder = AnyValue.newBuilder();
    fields(parser, "attribute value", (name, value) -> {
      switch (name) {
        case "stringValue", "string_value" -> builder.setStringValue(text(parser, name));
        case "boolValue", "bool_value" -> {
          if (!value.isBoolean()) {
            throw new MalformedRequestException(name + " is not true or false");
          }
          builder.setBoolValue(parser.getBooleanValue());
        }
        case "intValue", "int_value" -> builder.setIntValue(int64(parser, name));
        case "doubleValue", "double_value" -> builder.setDoubleValue(float64(parser, name));
        case "bytesValue", "bytes_value" -> builder.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(text(parser, name))));
        case "arrayValue", "array_value" -> {
          ArrayValue.Builder array = ArrayValue.newBuilder();
          values(parser, array);
          builder.setArrayValue(array);
        }
        case "kvlistValue", "kvlist_value" -> {
          KeyValueList.Builder list = KeyValueList.newBuilder();
          fields(parser, name, (inner, innerValue) -> {
            if (inner.equals("values")) {
              attributes(parser, inner, list::addValues);
            } else {
              parser.skipChildren();
            }
          });
          builder.setKvlistValue(list);
        }
        default -> parser.skipChildren();
      }
    });
    return builder.build();
  }

  private static void values(JsonParser parser, ArrayValue.Builder array) throws IOException, MalformedRequestException {
    fields(parser, "arrayValue", (name, value) -> {
      if (name.equals("values")) {
        elements(parser, value, name, () -> array.addValues(anyValue(parser)));
      } else {
        parser.skipChildren();
      }
    });
  }

  private static ByteString id(JsonParser parser, String field) throws IOException, MalformedRequestException {
    return ByteString.copyFrom(idBytes(text(parser, field), field));
  }

  /** An id's bytes: hex as OTLP/JSON writes it; base64, as proto3 JSON writes bytes, when the text is not hex. */
  static byte[] idBytes(String text, String field) throws MalformedRequestException {
    if (isHex(text)) {
      return HEX.parseHex(text);
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedRequestException(field + " is neither hex nor base64: " + text);
    }
  }

  /** Whether the text is whole bytes in hex digits, either case. */
  static boolean isHex(String text) {
    if (text.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  static int kind(JsonParser parser) throws IOException, MalformedRequestException {
    return parser.currentToken() == JsonToken.VALUE_STRING ? enumNumber(parser, Span.SpanKind.class) : (int) int64(parser, "kind");
  }

  static <E extends Enum<E> & ProtocolMessageEnum> int enumNumber(JsonParser parser, Class<E> type)
      throws IOException, MalformedRequestException {
    String name = parser.getText();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name) && !constant.name().equals("UNRECOGNIZED")) {
        return constant.getNumber();
      }
    }
    throw new MalformedRequestException("unknown " + type.getSimpleName() + " " + name);
  }

  /** A 64-bit integer: a JSON string (as OTLP/JSON writes them) or a number. */
  static long int64(JsonParser parser, String field) throws IOException, MalformedRequestException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getLongValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseUnsignedLong(parser.getText());
      } catch (NumberFormatException unsigned) {
        try {
          return Long.parseLong(parser.getText());
        } catch (NumberFormatException e) {
          throw new MalformedRequestException(field + " is not an integer: " + parser.getText());
        }
      }
    }
    throw new MalformedRequestException(field + " is not an integer");
  }

  static double float64(JsonParser parser, String field) throws IOException, MalformedRequestException {
    JsonToken token = parser.currentToken();
    if (token.isNumeric()) {
      return parser.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      switch (parser.getText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(parser.getText());
          } catch (NumberFormatException e) {
            throw new MalformedRequestException(field + " is not a number: " + parser.getText());
          }
      }
    }
    throw new MalformedRequestException(field + " is not a number");
  }

  static String text(JsonParser parser, String field) throws IOException, MalformedRequestException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw new MalformedRequestException(field + " is not a string");
    }
    return parser.getText();
  }

  /** Reads one field's value; the parser stands on the value's first token. */
  @FunctionalInterface
  interface FieldReader {
    void read(String name, JsonToken value) throws IOException, MalformedRequestException;
  }

  /** Reads one array element; the parser stands on its first token. */
  @FunctionalInterface
  interface ElementReader {
    void read() throws IOException, MalformedRequestException;
  }

  /**
   * Reads the object the parser stands on, field by field: {@code reader} gets every field whose
   * value is not JSON {@code null} (OTLP/JSON writes absent fields as null or leaves them out alike),
   * and must consume that value. The parser ends on the object's {@code END_OBJECT}.
   *
   * @throws MalformedRequestException when the parser does not stand on an object
   */
  static void fields(JsonParser parser, String what, FieldReader reader) throws IOException, MalformedRequestException {
    object(parser, parser.currentToken(), what);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!isNull(value)) {
        reader.read(name, value);
      }
    }
  }

  /**
   * Reads the array {@code token} opens, element by element; the parser ends on its {@code END_ARRAY}.
   *
   * @throws MalformedRequestException when {@code token} does not open an array
   */
  static void elements(JsonParser parser, JsonToken token, String what, ElementReader reader)
      throws IOException, MalformedRequestException {
    array(parser, token, what);
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      reader.read();
    }
  }

  static boolean isNull(JsonToken token) {
    return token == JsonToken.VALUE_NULL;
  }

  static void object(JsonParser parser, JsonToken token, String what) throws MalformedRequestException {
    expect(parser, token, JsonToken.START_OBJECT, what);
  }

  static void array(JsonParser parser, JsonToken token, String what) throws MalformedRequestException {
    expect(parser, token, JsonToken.START_ARRAY, what);
  }

  static void expect(JsonParser parser, JsonToken token, JsonToken expected, String what) throws MalformedRequestException {
    if (token != expected) {
      throw new MalformedRequestException(
          what + " must be " + (expected == JsonToken.START_OBJECT ? "an object" : "an array") + " (column " + parser.currentTokenLocation().getColumnNr() + ")");
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
