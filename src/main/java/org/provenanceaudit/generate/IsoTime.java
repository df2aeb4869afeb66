package org.provenanceaudit.generate;

import java.time.LocalDate;

/** Epoch seconds written the ways the contract accepts: ISO-8601 with Z or an offset, or a plain date. */
final class IsoTime {

  private IsoTime() {}

  static final long DAY = 86_400L;

  static long dayStart(long epochSecond) {
    return Math.floorDiv(epochSecond, DAY) * DAY;
  }

  static String date(long epochSecond) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY)).toString();
  }

  static String utc(long epochSecond) {
    StringBuilder out = new StringBuilder(20);
    appendLocal(out, epochSecond);
    return out.append('Z').toString();
  }

  /** The same instant as {@link #utc}, written in local time with a whole-hour offset. */
  static String withOffset(long epochSecond, int offsetHours) {
    StringBuilder out = new StringBuilder(25);
    appendLocal(out, epochSecond + offsetHours * 3600L);
    out.append(offsetHours < 0 ? '-' : '+');
    pad2(out, Math.abs(offsetHours));
    return out.append(":00").toString();
  }

  private static void appendLocal(StringBuilder out, long epochSecond) {
    out.append(date(epochSecond)).append('T');
    long secondOfDay = Math.floorMod(epochSecond, DAY);
    pad2(out, (int) (secondOfDay / 3600));
    out.append(':');
    pad2(out, (int) (secondOfDay / 60 % 60));
    out.append(':');
    pad2(out, (int) (secondOfDay % 60));
  }

  private static void pad2(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    out.append(value);
  }
}
