package org.provenanceaudit.io;

import static org.provenanceaudit.model.Fields.*;

import java.time.Instant;
import java.util.ArrayList;
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
  /** The values by {@link #slot}: a span gives the thirteen tool-event fields at most. */
  private final Object[] values = new Object[13];

  OtlpSpanRow(SourcePosition position, Supplier<String> rawText) {
    this.position = position;
    this.rawText = rawText;
  }

  /** Where a tool-event field's value is kept; -1 for a name that is not a tool-event field. */
  private static int slot(String field) {
    return switch (field) {
      case EVENT_ID -> 0;
      case TIMESTAMP -> 1;
      case PRODUCTION_ID -> 2;
      case VENDOR_ID -> 3;
      case TOOL_ID -> 4;
      case OPERATION -> 5;
      case USER_ID -> 6;
      case MODEL -> 7;
      case INPUT_ASSET_IDS -> 8;
      case OUTPUT_ASSET_IDS -> 9;
      case PROMPT -> 10;
      case DEPLOYMENT -> 11;
      case DATA_RETENTION -> 12;
      default -> -1;
    };
  }

  /**
   * Sets {@code field} (a tool-event field name, CONTRACT.md section 2b) to a string, a list of
   * strings or an instant.
   *
   * @throws IllegalArgumentException when {@code field} is not a tool-event field
   */
  void put(String field, Object value) {
    int slot = slot(field);
    if (slot < 0) {
      throw new IllegalArgumentException(field + " is not a tool-event field");
    }
    values[slot] = value;
  }

  private Object get(String field) {
    int slot = slot(field);
    return slot < 0 ? null : values[slot];
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
    // String first: a final class is checked by one comparison, an interface such as List by a
    // scan of the class's interfaces, on every field of every span.
    String text;
    if (value instanceof String string) {
      text = string.trim();
    } else if (value == null) {
      return null;
    } else if (value instanceof List<?>) {
      throw new InvalidRowException("field " + field + " must be a single value, not an array");
    } else {
      text = value.toString().trim();
    }
    return text.isEmpty() ? null : text;
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    Object value = get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String string) {
      return MultiValues.split(string);
    }
    if (!(value instanceof List<?> array)) {
      return MultiValues.split(value.toString());
    }
    List<String> texts = new ArrayList<>(array.size());
    for (Object element : array) {
      String text = ((String) element).trim();
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return texts;
  }

  @Override
  public Instant instant(String field) {
    return get(field) instanceof Instant instant ? instant : null;
  }
}
