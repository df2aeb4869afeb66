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
 * The read rate of one input file, for scripts/bench-mapped: reads the file through the audit's
 * reader (parsing, contract checks, duplicates; no pipeline) several times and prints the best
 * pass as {@code rows accepted rejected seconds rows_per_second}. A mapped file is named with the
 * mapping that reads it.
 *
 * <p>Usage: {@code ReadRate INPUT FILE [MAPPING] [PASSES]}, INPUT being the contract name
 * ({@code assets}).
 */
public final class ReadRate {

  private ReadRate() {}

  public static void main(String[] args) throws Exception {
    InputKind kind = InputKind.valueOf(args[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    Path file = Path.of(args[1]).toAbsolutePath();
    MappedInputs mapped = MappedInputs.NONE;
    if (args.length > 2 && !args[2].equals("-")) {
      Path mapping = Path.of(args[2]).toAbsolutePath();
      mapped = MappedInputs.resolve(MappingLoader.load(mapping), mapping.getParent(), Path::toString);
    }
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    double best = Double.MAX_VALUE;
    InputReader<Object> last = null;
    for (int pass = 0; pass < passes; pass++) {
      InputReader<Object> reader = new InputReader<>(kind, Object.class, name -> Files.newInputStream(Path.of(name)),
          new SourceFormats(List.of(), OtlpAttributes.DEFAULTS, mapped));
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
