package org.provenanceaudit.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.provenanceaudit.model.ContractEnum;

/**
 * Reads typed values out of a {@link SourceRow} by the contract's rules for timestamps, booleans and
 * enumerations; every violation is an {@link InvalidRowException} naming the field and the value.
 *
 * <p>Every value but free text ({@link #freeText}: prompts, purposes, titles, model names; {@link #freeTextList}: IP references) is an id,
 * an enumeration, a time or a flag, and must not hold a {@linkplain HiddenCharacters hidden
 * character}: {@code E<U+200D>-1001} would look exactly like {@code E-1001} in every report. Such a
 * value rejects the row, naming the field and the code point.
 */
public final class RowValues {

  private static final int QUOTED_VALUE_LIMIT = 80;

  private final SourceRow row;

  public RowValues(SourceRow row) {
    this.row = row;
  }

  public String required(String field) throws InvalidRowException {
    String value = text(field);
    if (value == null) {
      throw new InvalidRowException("missing required value " + field);
    }
    return value;
  }

  public String optional(String field) throws InvalidRowException {
    return text(field);
  }

  /**
   * A field of text for people (a prompt, a purpose, a title): kept exactly as given, hidden
   * characters included; the reports make those visible. Null when absent.
   */
  public String freeText(String field) throws InvalidRowException {
    return row.text(field);
  }

  /** A multi-valued field of text for people (references such as {@code artwork:"The Pier", 1987}), kept as given. */
  public List<String> freeTextList(String field) throws InvalidRowException {
    return row.list(field);
  }

  public List<String> list(String field) throws InvalidRowException {
    List<String> values = row.list(field);
    for (String value : values) {
      checkVisible(field, value);
    }
    return values;
  }

  public List<String> requiredList(String field) throws InvalidRowException {
    List<String> values = list(field);
    if (values.isEmpty()) {
      throw new InvalidRowException("missing required value " + field);
    }
    return values;
  }

  /** A timestamp; a plain date is that day's start, UTC. Null when absent. */
  public Instant instant(String field) throws InvalidRowException {
    String value = text(field);
    return value == null ? null : parseInstant(field, value, false);
  }

  /** The inclusive end of a window: a plain date covers that whole day. Null when absent. */
  public Instant windowEnd(String field) throws InvalidRowException {
    String value = text(field);
    return value == null ? null : parseInstant(field, value, true);
  }

  /** A required timestamp: the row's own instant when it holds one ({@link SourceRow#instant}), else its text parsed. */
  public Instant requiredInstant(String field) throws InvalidRowException {
    Instant given = row.instant(field);
    return given != null ? given : parseInstant(field, required(field), false);
  }

  /** {@code true/false}, {@code yes/no}, {@code 1/0}; empty is not set, which reads as false. */
  public boolean flag(String field) throws InvalidRowException {
    String value = checkVisible(field, row.booleanText(field));
    if (value == null) {
      return false;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1":
        return true;
      case "false", "no", "0":
        return false;
      default:
        throw new InvalidRowException(
            "invalid boolean " + field + "=" + quote(value) + " (expected true/false, yes/no or 1/0)");
    }
  }

  public <E extends Enum<E> & ContractEnum> E requiredEnum(String field, Class<E> type) throws InvalidRowException {
    return toEnum(field, required(field), type);
  }

  /** Null when absent. */
  public <E extends Enum<E> & ContractEnum> E optionalEnum(String field, Class<E> type) throws InvalidRowException {
    String value = text(field);
    return value == null ? null : toEnum(field, value, type);
  }

  public <E extends Enum<E> & ContractEnum> Set<E> enumSet(String field, Class<E> type) throws InvalidRowException {
    Set<E> values = EnumSet.noneOf(type);
    for (String value : list(field)) {
      values.add(toEnum(field, value, type));
    }
    return values;
  }

  private String text(String field) throws InvalidRowException {
    return checkVisible(field, row.text(field));
  }

  /** The value itself, when it holds no hidden character; null stays null. */
  private static String checkVisible(String field, String value) throws InvalidRowException {
    if (value != null) {
      int hidden = HiddenCharacters.firstHidden(value);
      if (hidden >= 0) {
        throw new InvalidRowException(field + " holds " + HiddenCharacters.describe(hidden));
      }
    }
    return value;
  }

  private static <E extends Enum<E> & ContractEnum> E toEnum(String field, String value, Class<E> type)
      throws InvalidRowException {
    return ContractEnum.parse(type, value)
        .orElseThrow(
            () ->
                new InvalidRowException(
                    "invalid " + field + "=" + quote(value) + " (expected one of " + ContractEnum.allowed(type) + ")"));
  }

  static Instant parseInstant(String field, String value, boolean endOfDay) throws InvalidRowException {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        return endOfDay
            ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
            : day.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      Instant utc = utcSeconds(value);
      return utc != null ? utc : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidRowException(
          "invalid timestamp " + field + "=" + quote(value)
              + " (expected ISO-8601 with an offset or Z, e.g. 2026-03-04T10:15:00Z, or a plain date)");
    }
  }

  /**
   * {@code value} as an instant when it has exactly the most common shape, {@code
   * YYYY-MM-DDTHH:MM:SSZ} with ASCII digits, else null (the caller then uses the ISO-8601
   * formatter, which reads every other shape). Only the digits are picked out here; java.time's
   * {@link LocalDateTime#of} checks each field's range as strictly as the formatter does (a
   * February 30th or a 24th hour raises {@link DateTimeException}), so both paths accept and
   * reject the same strings. The formatter's general parse was a tenth of the parsing threads'
   * time at scale 100.
   */
  private static Instant utcSeconds(String value) {
    if (value.length() != 20 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
        || value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 2);
    int day = digits(value, 8, 2);
    int hour = digits(value, 11, 2);
    int minute = digits(value, 14, 2);
    int second = digits(value, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  /** The number the {@code count} ASCII digits at {@code start} spell, or -1 when one is not an ASCII digit. */
  private static int digits(String value, int start, int count) {
    int number = 0;
    for (int i = start; i < start + count; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }

  private static String quote(String value) {
    String shown = value.length() > QUOTED_VALUE_LIMIT ? value.substring(0, QUOTED_VALUE_LIMIT) + "…" : value;
    return "\"" + shown + "\"";
  }
}
