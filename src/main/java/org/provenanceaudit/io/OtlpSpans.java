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
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

  /**
   * The attribute keys a reader looks up, numbered from 0 in the order given (a key's slot). A
   * key read from JSON is found from the parser's characters, without making a String of it; an
   * attribute whose key is not here is checked but not kept, as no tool-event field is taken from it.
   */
  static final class AttributeKeys {
    /** No key: attributes read with it are checked and dropped (a scope's, a kvlist's). */
    static final AttributeKeys NONE = new AttributeKeys(List.of());

    private final Map<String, Integer> slots = new HashMap<>();
    /** Open addressing by {@link #hash}: each key's characters and its slot, at a power-of-two size. */
    private final char[][] table;
    private final int[] tableSlots;

    /** Each distinct key of {@code keys} gets the next slot, in order; repeats keep their first. */
    AttributeKeys(Collection<String> keys) {
      for (String key : keys) {
        slots.putIfAbsent(key, slots.size());
      }
      table = new char[Integer.highestOneBit(Math.max(2, slots.size()) * 4)][];
      tableSlots = new int[table.length];
      slots.forEach((key, slot) -> {
        char[] text = key.toCharArray();
        int i = hash(text, 0, text.length) & (table.length - 1);
        while (table[i] != null) {
          i = (i + 1) & (table.length - 1);
        }
        table[i] = text;
        tableSlots[i] = slot;
      });
    }

    /** How many keys, so slots run from 0 to {@code size() - 1}. */
    int size() {
      return slots.size();
    }

    /** The slot of {@code key}; -1 when it is not looked up. */
    int slot(String key) {
      return slots.getOrDefault(key, -1);
    }

    /** The slot of the key in {@code text[start, start + length)}; -1 when it is not looked up. */
    int slot(char[] text, int start, int length) {
      int mask = table.length - 1;
      for (int i = hash(text, start, length) & mask; table[i] != null; i = (i + 1) & mask) {
        if (Arrays.equals(table[i], 0, table[i].length, text, start, start + length)) {
          return tableSlots[i];
        }
      }
      return -1;
    }

    /**
     * A hash of the length and two characters, the last and the middle one: it sets keys such as
     * {@code gen_ai.request.model} and {@code gen_ai.response.model} apart without reading every
     * character. Collisions only cost a comparison: the table holds the looked-up keys alone.
     */
    private static int hash(char[] text, int start, int length) {
      if (length == 0) {
        return 0;
      }
      int h = length * 961 + text[start + length - 1] * 31 + text[start + length / 2];
      return h ^ (h >>> 7);
    }
  }

  /**
   * The values of the looked-up attributes of one resource, span or span event, by slot ({@link
   * AttributeKeys}). Of attributes with the same key, the first counts.
   */
  static final class Attributes {
    /** No attribute, for a resource that has none. */
    static final Attributes NONE = new Attributes(AttributeKeys.NONE);

    private final Object[] values;

    Attributes(AttributeKeys keys) {
      values = new Object[keys.size()];
    }

    /** Keeps {@code value} under {@code slot} unless an earlier attribute has that key; a slot of -1 (a key not looked up) is dropped. */
    void add(int slot, Object value) {
      if (slot >= 0 && values[slot] == null) {
        values[slot] = value;
      }
    }

    /**
     * The value of the first attribute whose key has this slot: null when there is none, {@link
     * OtherValue#VALUE_NOT_SET} when it is there without a value (which hides the resource's).
     */
    Object get(int slot) {
      return slot < values.length ? values[slot] : null;
    }
  }

  /** The groups of a {@code TracesData} message (OTLP protobuf), keeping the attributes of {@code keys}. */
  static List<Group> of(TracesData traces, AttributeKeys keys) {
    List<Group> groups = new ArrayList<>();
    for (ResourceSpans resource : traces.getResourceSpansList()) {
      List<SpanFields> spans = new ArrayList<>();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          List<Event> events = new ArrayList<>();
          for (Span.Event event : span.getEventsList()) {
            events.add(new Event(event.getName(), attributes(event.getAttributesList(), keys)));
          }
          spans.add(new SpanFields(spanId(span.getSpanId()), span.getStartTimeUnixNano(), attributes(span.getAttributesList(), keys), events, () -> span));
        }
      }
      groups.add(new Group(attributes(resource.getResource().getAttributesList(), keys), spans));
    }
    return groups;
  }

  private static String spanId(ByteString id) {
    return id.size() == 8 ? HEX.formatHex(id.toByteArray()) : null;
  }

  private static Attributes attributes(List<KeyValue> keyValues, AttributeKeys keys) {
    Attributes attributes = new Attributes(keys);
    for (KeyValue keyValue : keyValues) {
      int slot = keys.slot(keyValue.getKey());
      if (slot >= 0) {
        attributes.add(slot, value(keyValue.getValue()));
      }
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
