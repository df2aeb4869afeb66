package org.provenanceaudit.io;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The format of a contract input file, which its name decides: {@code .csv}, {@code .jsonl},
 * {@code .ndjson}, each optionally {@code .gz}. Decompression also reads {@code .zst}, the
 * OpenTelemetry Collector's compression for trace files.
 */
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

  /** The file's bytes, gunzipped when its name ends in {@code .gz}, Zstandard-decoded (RFC 8878) when in {@code .zst}. */
  public static InputStream decompressed(String name, InputStream raw) throws IOException {
    if (isGzip(name)) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    return name.toLowerCase(Locale.ROOT).endsWith(".zst") ? new ZstdInputStream(raw) : raw;
  }

  /** A lower-cased file name without its {@code .gz} or {@code .zst} ending. */
  static String withoutCompression(String lower) {
    return lower.endsWith(".zst") ? lower.substring(0, lower.length() - 4) : stripGzip(lower);
  }

  private static String stripGzip(String lower) {
    return lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
  }
}
