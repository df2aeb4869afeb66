package org.provenanceaudit.io;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.provenanceaudit.model.SourcePosition;

/**
 * One GenAI span seen as a tool-event row: the contract's field names, each holding the value
 * {@link OtlpTraceReader} took from the span, its resource or its events. A field holds a string,
 * for a multi-valued field given as an OTLP array a list of strings (a string in a multi-valued
 * field is split like a CSV cell), or for the timestamp the span's start as an {@link Instant},
 * read as text in ISO-8601 ({@link Instant#toString}) only when asked for text. The raw text (the span as JSON) is only made when a
 * report needs it: a rejected or duplicate span.
 */
final class OtlpSpanRow implements SourceRow {

  private final SourcePosition position;
  private final Supplier<String> rawText;
  /** Field names and their values, side by side: a row has thirteen fields at most, found by a scan quicker than hashing. */
  private String[] fields = new String[16];
  private Object[] values = new Object[16];
  private int size;

  OtlpSpanRow(SourcePosition position, Supplier<String> rawText) {
    this.position = position;
    this.rawText = rawText;
  }

  /** Sets {@code field} (a contract field name) to a string, a list of strings or an instant. */
  void put(String field, Object value) {
    for (int i = 0; i < size; i++) {
      if (fields[i].equals(field)) {
        values[i] = value;
        return;
      }
    }
    if (size == fields.length) {
      fields = Arrays.copyOf(fields, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    fields[size] = field;
    values[size] = value;
    size++;
  }

  private Object get(String field) {
    for (int i = 0; i < size; i++) {
      if (fields[i].equals(field)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public SourcePosition position() {
    return position;
  }

  @Override
  public String rawText() {
    return rawText.get();
  }

  @Override
  public String text(String field) throws InvalidRowException {
    Object value = get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?>) {
      throw new InvalidRowException("field " + field + " must be a single value, not an array");
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    Object value = get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> array)) {
      return MultiValues.split(value.toString());
    }
    return array.stream().map(element -> ((String) element).trim()).filter(element -> !element.isEmpty()).toList();
  }

  @Override
  public Instant instant(String field) {
    return get(field) instanceof Instant instant ? instant : null;
  }
}
