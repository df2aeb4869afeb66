package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** The format of an input file, which its name decides: {@code .csv}, {@code .jsonl}, {@code .ndjson}, each optionally {@code .gz}. */
public enum InputFormat {
  CSV,
  JSON_LINES;

  public static Optional<InputFormat> ofFileName(String name) {
    String lower = stripGzip(name.toLowerCase(Locale.ROOT));
    if (lower.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Optional.of(JSON_LINES);
    }
    return Optional.empty();
  }

  public static boolean isGzip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** The file's bytes, gunzipped when its name ends in {@code .gz}. */
  public static InputStream decompressed(String name, InputStream raw) throws IOException {
    return isGzip(name) ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  private static String stripGzip(String lower) {
    return lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
  }
}
