package org.provenanceaudit.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.OtlpAttributes;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.io.MissingColumnException;

/**
 * The read rate of one input file, for scripts/bench-mapped and scripts/bench-formats: reads the
 * file through the audit's reader (parsing, contract checks, duplicates; no pipeline) several times
 * and prints the best pass as {@code rows accepted rejected seconds rows_per_second}. A mapped file
 * is named with the mapping that reads it; an OpenTelemetry trace file with {@code otlp} in its
 * place (its spans read = accepted + rejected + skipped).
 *
 * <p>Usage: {@code ReadRate INPUT FILE [MAPPING|otlp|-] [PASSES]}, INPUT being the contract name
 * ({@code assets}, {@code tool-events}).
 */
public final class ReadRate {

  private ReadRate() {}

  public static void main(String[] args) throws Exception {
    InputKind kind = InputKind.valueOf(args[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    Path file = Path.of(args[1]).toAbsolutePath();
    MappedInputs mapped = MappedInputs.NONE;
    List<String> otlpTraces = List.of();
    if (args.length > 2 && args[2].equals("otlp")) {
      otlpTraces = List.of(file.toString());
    } else if (args.length > 2 && !args[2].equals("-")) {
      Path mapping = Path.of(args[2]).toAbsolutePath();
      mapped = MappedInputs.resolve(MappingLoader.load(mapping), mapping.getParent(), Path::toString);
    }
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    double best = Double.MAX_VALUE;
    InputReader<Object> last = null;
    for (int pass = 0; pass < passes; pass++) {
      InputReader<Object> reader = new InputReader<>(kind, Object.class, name -> Files.newInputStream(Path.of(name)),
          new SourceFormats(otlpTraces, OtlpAttributes.DEFAULTS, mapped));
      long start = System.nanoTime();
      read(reader, file);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
      last = reader;
    }
    System.out.printf("%d %d %d %.3f %.0f%n", last.read(), last.accepted(), last.rejected(), best, last.read() / best);
  }

  private static void read(InputReader<Object> reader, Path file) throws MissingColumnException {
    reader.readAll(List.of(file.toString()), row -> {}, rejected -> {});
  }
}
