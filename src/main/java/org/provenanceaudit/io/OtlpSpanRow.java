package org.provenanceaudit.io;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.provenanceaudit.model.SourcePosition;

/**
 * One GenAI span seen as a tool-event row: the contract's field names, each holding the value
 * {@link OtlpTraceReader} took from the span, its resource or its events. A field holds a string
 * or, for a multi-valued field given as an OTLP array, a list of strings; a string in a
 * multi-valued field is split like a CSV cell. The raw text (the span as JSON) is only made when a
 * report needs it: a rejected or duplicate span.
 */
final class OtlpSpanRow implements SourceRow {

  private final Map<String, Object> values;
  private final SourcePosition position;
  private final Supplier<String> rawText;

  OtlpSpanRow(Map<String, Object> values, SourcePosition position, Supplier<String> rawText) {
    this.values = values;
    this.position = position;
    this.rawText = rawText;
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
    Object value = values.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?>) {
      throw new InvalidRowException("field " + field + " must be a single value, not an array");
    }
    String text = ((String) value).trim();
    return text.isEmpty() ? null : text;
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    Object value = values.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      return MultiValues.split(text);
    }
    return ((List<?>) value).stream().map(element -> ((String) element).trim()).filter(element -> !element.isEmpty()).toList();
  }
}
