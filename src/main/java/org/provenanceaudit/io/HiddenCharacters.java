package org.provenanceaudit.io;

import java.util.Locale;

/**
 * Characters that a report would show wrongly or not at all: controls (Unicode general category
 * Cc, NUL included), format characters (Cf: the bidirectional overrides such as U+202E, which make
 * {@code E<U+202E>FDP.exe} display as {@code Eexe.PDF}, zero-width joiners such as U+200D, the
 * byte order mark U+FEFF), line and paragraph separators (Zl, Zp), unpaired surrogates (Cs), and
 * the spaces that look like U+0020 but are not (Zs other than U+0020, such as U+00A0 NO-BREAK
 * SPACE). Two ids that differ only in one of them look the same to a reader, so an id holding one
 * is rejected; free text keeps them, shown as a visible marker in the CSV and HTML reports.
 */
public final class HiddenCharacters {

  private HiddenCharacters() {}

  /** Whether the code point is one of the characters above. */
  public static boolean isHidden(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
      case Character.SPACE_SEPARATOR -> codePoint != ' ';
      default -> false;
    };
  }

  /** The first hidden code point of {@code text}, or -1 when it holds none. */
  public static int firstHidden(String text) {
    for (int i = 0; i < text.length(); ) {
      if (isPlainAscii(text.charAt(i))) {
        i++;
        continue;
      }
      int codePoint = text.codePointAt(i);
      if (isHidden(codePoint)) {
        return codePoint;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  /** The code point as {@code U+202E RIGHT-TO-LEFT OVERRIDE} (the name only where Unicode gives one). */
  public static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    return marker(codePoint) + (name == null ? "" : " " + name);
  }

  /**
   * {@code text} with every hidden character except tab, line feed and carriage return (which a
   * CSV cell shows as layout) replaced by a visible {@code <U+202E>} marker; null stays null. The
   * result holds no character that reorders or hides what follows it.
   */
  public static String visible(String text) {
    if (text == null || !needsMarkers(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (isHidden(codePoint) && !isLayout(codePoint)) {
        out.append('<').append(marker(codePoint)).append('>');
      } else {
        out.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  private static boolean needsMarkers(String text) {
    for (int i = 0; i < text.length(); ) {
      if (isPlainAscii(text.charAt(i))) {
        i++;
        continue;
      }
      int codePoint = text.codePointAt(i);
      if (isHidden(codePoint) && !isLayout(codePoint)) {
        return true;
      }
      i += Character.charCount(codePoint);
    }
    return false;
  }

  /**
   * Whether {@code c} is a printable ASCII character or the space, none of which is hidden: the
   * common case, answered without looking up the character's Unicode category.
   */
  private static boolean isPlainAscii(char c) {
    return c >= ' ' && c < 0x7F;
  }

  private static boolean isLayout(int codePoint) {
    return codePoint == '\t' || codePoint == '\n' || codePoint == '\r';
  }

  private static String marker(int codePoint) {
    return "U+" + String.format(Locale.ROOT, "%04X", codePoint);
  }
}
