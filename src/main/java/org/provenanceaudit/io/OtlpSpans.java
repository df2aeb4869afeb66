package org.provenanceaudit.io;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The part of OpenTelemetry traces a tool event is made from, as {@link OtlpTraceReader} reads
 * it: per {@code ResourceSpans}, the resource's attributes once, and each span's id, start time,
 * attributes and events. {@link OtlpJsonSpans} decodes OTLP/JSON straight into it; {@link
 * #of(TracesData)} takes it from the protocol's message classes (OTLP protobuf). The full span
 * message, which only a rejected or duplicate span's report needs, is made on demand.
 *
 * <p>An attribute value (OTLP {@code AnyValue}) is held as a {@link String}, {@link Long}, {@link
 * Boolean} or {@link Double}; an {@code arrayValue} as a {@link List} of such values; a {@code
 * bytesValue}, a {@code kvlistValue}, a string-table index (profiles' {@code stringValueStrindex}) or
 * an empty value as an {@link OtherValue}, since no tool-event field is taken from them.
 */
final class OtlpSpans {

  private static final HexFormat HEX = HexFormat.of();

  private OtlpSpans() {}

  /** Attribute values that carry no tool-event field: named as protobuf names the {@code AnyValue} case. */
  enum OtherValue {
    VALUE_NOT_SET,
    BYTES_VALUE,
    KVLIST_VALUE,
    STRING_VALUE_STRINDEX
  }

  /** One {@code ResourceSpans}: its resource's attributes and the spans of all its scopes, in order. */
  record Group(Attributes resource, List<SpanFields> spans) {}

  /**
   * One span.
   *
   * @param spanId the span id as 16 lower-case hex digits; null when it is not 8 bytes
   * @param startTimeUnixNano the start time, nanoseconds since the epoch as an unsigned 64-bit
   *     number; 0 when absent
   * @param message the whole span as the protocol's message, for the report of a rejected or
   *     duplicate span; null when it cannot be made
   */
  record SpanFields(String spanId, long startTimeUnixNano, Attributes attributes, List<Event> events, Supplier<Span> message) {}

  /** A span event: its name and attributes. */
  record Event(String name, Attributes attributes) {}

  /** A list of attributes in their order, keys possibly repeated; a lookup finds the first. */
  static final class Attributes {
    static final Attributes NONE = new Attributes();

    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;

    void add(String key, Object value) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      size++;
    }

    /**
     * The value of the first attribute named {@code key}: null when there is none, {@link
     * OtherValue#VALUE_NOT_SET} when it is there without a value (which hides the resource's).
     */
    Object get(String key) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return values[i];
        }
      }
      return null;
    }
  }

  /** The groups of a {@code TracesData} message (OTLP protobuf). */
  static List<Group> of(TracesData traces) {
    List<Group> groups = new ArrayList<>();
    for (ResourceSpans resource : traces.getResourceSpansList()) {
      List<SpanFields> spans = new ArrayList<>();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          List<Event> events = new ArrayList<>();
          for (Span.Event event : span.getEventsList()) {
            events.add(new Event(event.getName(), attributes(event.getAttributesList())));
          }
          spans.add(new SpanFields(spanId(span.getSpanId()), span.getStartTimeUnixNano(), attributes(span.getAttributesList()), events, () -> span));
        }
      }
      groups.add(new Group(attributes(resource.getResource().getAttributesList()), spans));
    }
    return groups;
  }

  private static String spanId(ByteString id) {
    return id.size() == 8 ? HEX.formatHex(id.toByteArray()) : null;
  }

  private static Attributes attributes(List<KeyValue> keyValues) {
    Attributes attributes = new Attributes();
    for (KeyValue keyValue : keyValues) {
      attributes.add(keyValue.getKey(), value(keyValue.getValue()));
    }
    return attributes;
  }

  private static Object value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpSpans::value).toList();
      case KVLIST_VALUE -> OtherValue.KVLIST_VALUE;
      case BYTES_VALUE -> OtherValue.BYTES_VALUE;
      case STRING_VALUE_STRINDEX -> OtherValue.STRING_VALUE_STRINDEX;
      case VALUE_NOT_SET -> OtherValue.VALUE_NOT_SET;
    };
  }
}
