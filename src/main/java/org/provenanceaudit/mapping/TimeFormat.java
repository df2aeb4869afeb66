package org.provenanceaudit.mapping;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How a source writes a time, turned into the contract's ISO-8601 instant: a {@link
 * DateTimeFormatter} pattern ({@code MM/dd/yyyy HH:mm}), {@code epoch_seconds} or {@code
 * epoch_millis} (integers or decimals, UTC by definition), or {@code iso} (passed through for the
 * contract's own parsing). A pattern without an offset is read in {@code zone}; a date-only pattern
 * is the day's start there, or for a window's end ({@code valid_to}) the day's last nanosecond, as
 * the contract reads a plain date. Patterns are read strictly: {@code 02/30/2026} is no date.
 */
public final class TimeFormat implements Serializable {

  static final String ISO = "iso";
  static final String EPOCH_SECONDS = "epoch_seconds";
  static final String EPOCH_MILLIS = "epoch_millis";

  private final String format;
  private final String zone;
  private final transient DateTimeFormatter pattern;
  private final transient ZoneId zoneId;
  private final transient boolean dateOnly;

  /**
   * @param format {@code iso}, {@code epoch_seconds}, {@code epoch_millis} or a pattern
   * @param zone an IANA zone id or offset ({@code America/Los_Angeles}, {@code +01:00}); null for UTC
   * @throws IllegalArgumentException naming what is wrong: a bad pattern or zone, or a pattern with
   *     a time of day but neither an offset nor a zone (its instants would be a guess)
   */
  public TimeFormat(String format, String zone) {
    this.format = format;
    this.zone = zone;
    try {
      this.zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone \"" + zone + "\" (expected an IANA zone such as America/Los_Angeles, or an offset such as +01:00)");
    }
    if (format.equals(ISO) || format.equals(EPOCH_SECONDS) || format.equals(EPOCH_MILLIS)) {
      this.pattern = null;
      this.dateOnly = false;
      return;
    }
    String letters = letters(format);
    try {
      this.pattern = DateTimeFormatter.ofPattern(strictYears(format), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a date-time pattern: \"" + format + "\" (" + e.getMessage() + ")");
    }
    boolean offset = letters.matches(".*[XxZOVz].*");
    boolean time = letters.matches(".*[HhKkmsSaAnN].*");
    if (!letters.matches(".*[yud].*") && !letters.matches(".*D.*")) {
      throw new IllegalArgumentException("the pattern \"" + format + "\" has no year or day: it cannot name a moment");
    }
    if (time && !offset && zone == null) {
      throw new IllegalArgumentException(
          "the pattern \"" + format + "\" has a time of day but no offset: give zone (e.g. zone: America/Los_Angeles) so its local times name instants");
    }
    this.dateOnly = !time;
  }

  public String format() {
    return format;
  }

  public String zone() {
    return zone;
  }

  /**
   * The contract's text for {@code raw}: an ISO-8601 instant, or {@code raw} itself for {@code iso}.
   *
   * @param windowEnd whether the value ends a window, so that a date-only value covers its day
   * @throws IllegalArgumentException with the user's words for the mismatch, e.g. {@code does not match MM/dd/yyyy}
   */
  public String toContract(String raw, boolean windowEnd) {
    switch (format) {
      case ISO:
        return raw;
      case EPOCH_SECONDS:
      case EPOCH_MILLIS:
        return epoch(raw).toString();
      default:
        return fromPattern(raw, windowEnd).toString();
    }
  }

  private Instant epoch(String raw) {
    try {
      BigDecimal value = new BigDecimal(raw);
      BigDecimal nanos = value.movePointRight(format.equals(EPOCH_MILLIS) ? 6 : 9);
      BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
      return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue());
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw new IllegalArgumentException("is not " + (format.equals(EPOCH_MILLIS) ? "epoch milliseconds" : "epoch seconds"));
    }
  }

  private Instant fromPattern(String raw, boolean windowEnd) {
    TemporalAccessor parsed;
    try {
      parsed = pattern.parse(raw);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return parsed.query(ZoneId::from) instanceof ZoneOffset
            ? OffsetDateTime.from(parsed).toInstant()
            : ZonedDateTime.from(parsed).toInstant();
      }
      if (!dateOnly) {
        return LocalDateTime.from(parsed).atZone(zoneId).toInstant();
      }
      LocalDate day = LocalDate.from(parsed);
      return windowEnd ? day.plusDays(1).atStartOfDay(zoneId).toInstant().minusNanos(1) : day.atStartOfDay(zoneId).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("does not match " + format);
    }
  }

  /** The pattern's letters outside quoted literals. */
  private static String letters(String pattern) {
    StringBuilder letters = new StringBuilder();
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && Character.isLetter(c)) {
        letters.append(c);
      }
    }
    return letters.toString();
  }

  /**
   * {@code y} (year of era) as {@code u} (proleptic year) outside quotes: under the strict resolver
   * a year of era needs an era, which no export writes, so {@code yyyy} would match nothing.
   */
  private static String strictYears(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      out.append(!quoted && c == 'y' ? 'u' : c);
    }
    return out.toString();
  }

  private Object readResolve() {
    return new TimeFormat(format, zone);
  }
}
