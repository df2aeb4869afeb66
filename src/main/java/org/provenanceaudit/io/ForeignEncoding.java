package org.provenanceaudit.io;

import java.util.Optional;

/**
 * Recognises, from a file's first bytes, the encodings spreadsheets write when asked for "Unicode
 * Text" (UTF-16, rarely UTF-32), so that such a file is named for what it is instead of being
 * reported as invalid UTF-8 at byte 1. Byte order marks are those of the Unicode Standard, chapter
 * 23.8; a file without one whose first characters alternate with NUL bytes is UTF-16 too (no UTF-8
 * text of an input starts with a NUL). Reading these files is left to a mapping file; this only
 * says what to do.
 */
public final class ForeignEncoding {

  /** How many leading bytes {@link #of} looks at, at most. */
  public static final int PROBE_BYTES = 4;

  private ForeignEncoding() {}

  /**
   * What the file's first {@code length} bytes of {@code start} say, e.g. "UTF-16 little-endian
   * with BOM"; empty for UTF-8 (with or without its BOM) and for anything that might be UTF-8.
   */
  public static Optional<String> of(byte[] start, int length) {
    int b0 = length > 0 ? start[0] & 0xFF : -1;
    int b1 = length > 1 ? start[1] & 0xFF : -1;
    int b2 = length > 2 ? start[2] & 0xFF : -1;
    int b3 = length > 3 ? start[3] & 0xFF : -1;
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      return Optional.of("UTF-32 little-endian with BOM");
    }
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      return Optional.of("UTF-32 big-endian with BOM");
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return Optional.of("UTF-16 little-endian with BOM");
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return Optional.of("UTF-16 big-endian with BOM");
    }
    if (b0 > 0 && b1 == 0) {
      return Optional.of("UTF-16 little-endian without BOM");
    }
    if (b0 == 0 && b1 > 0) {
      return Optional.of("UTF-16 big-endian without BOM");
    }
    return Optional.empty();
  }
}
