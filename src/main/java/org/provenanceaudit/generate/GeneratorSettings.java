package org.provenanceaudit.generate;

import java.nio.file.Path;
import java.util.List;
import org.provenanceaudit.UnknownOption;

/**
 * What one run of the generator was asked for. Parsed from {@code --key=value} (or
 * {@code --key value}) arguments; anything else is a {@link UsageException}. {@code files} is how
 * many files each input is written as ({@code --files}, 1 to {@link #MAX_FILES}).
 */
record GeneratorSettings(double scale, Path out, long seed, OutputFormat format, double malformedRate, boolean mappedAssets,
    boolean otlpEvents, int files) {

  static final long DEFAULT_SEED = 42;
  static final double DEFAULT_MALFORMED_RATE = 0.002;
  /** The most files {@code --files} writes an input as: the shard name template's five digits hold more, a folder hardly. */
  static final int MAX_FILES = 1000;

  static final String USAGE = """
      Usage: scripts/generate --scale=N --out=DIR [--seed=S] [--format=csv|jsonl|mixed] [--malformed-rate=R]
                             [--assets-format=contract|mapped] [--events-format=contract|otlp] [--files=N]

      Writes a synthetic, contract-shaped input set for Provenance Audit into DIR:
      productions, assets, tool-events (gzipped), disclosures, consents, policy.yaml and
      expected.json (rows written, malformed rows planted, and violations planted per rule).

        --scale=N           size; 1 = 10,000 assets, 40,000 tool events, 500 disclosures,
                            300 consents, 20 productions. Fractions allowed (0.05). Required.
        --out=DIR           output folder, created if missing; existing files are replaced. Required.
        --seed=S            random seed (a whole number, default 42). Same seed and scale,
                            same bytes.
        --format=F          mixed (default: tables as CSV, tool events as .jsonl.gz),
                            csv (tool events as .csv.gz) or jsonl (every table as JSON Lines).
        --malformed-rate=R  share of rows planted malformed in each file (default 0.002).
        --assets-format=F   contract (default) or mapped: the assets as a ShotGrid-like export
                            (shotgrid-versions.csv) with the mapping.yaml that reads it.
        --events-format=F   contract (default) or otlp: every tool event whose operation a span
                            can carry (generate, voice_synthesis, text_generate, other) written
                            as an OpenTelemetry GenAI span in otlp-traces.jsonl.gz (OTLP/JSON,
                            as the Collector's file exporter writes it); the rest stay contract rows.
        --files=N           write each input as N files (1 to 1000, default 1), named like
                            tool-events-00001-of-00004.jsonl.gz: the single file's rows cut into N
                            contiguous slices, each file with its own header. Same seed, same rows
                            in the same order, whatever N.
        --help              this text.
      """;

  /** The options {@link #USAGE} describes besides {@code --help}, without their leading {@code --}. */
  static final List<String> OPTIONS = List.of("scale", "out", "seed", "format", "malformed-rate", "assets-format", "events-format", "files");

  /** A bad argument: the message is one line, for the user. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static GeneratorSettings parse(String[] args) throws UsageException {
    Double scale = null;
    Path out = null;
    long seed = DEFAULT_SEED;
    OutputFormat format = OutputFormat.MIXED;
    double malformedRate = DEFAULT_MALFORMED_RATE;
    boolean mappedAssets = false;
    boolean otlpEvents = false;
    int files = 1;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (see --help)");
      }
      int equals = arg.indexOf('=');
      String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!OPTIONS.contains(key)) {
        throw new UsageException(UnknownOption.message("--" + key, OPTIONS) + "; see --help");
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException("--" + key + " needs a value (see --help)");
      }
      switch (key) {
        case "scale" -> scale = positive("scale", value);
        case "out" -> {
          if (value.isBlank()) {
            throw new UsageException("--out needs a folder");
          }
          out = Path.of(value);
        }
        case "seed" -> seed = wholeNumber(value);
        case "format" -> {
          try {
            format = OutputFormat.parse(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
        }
        case "assets-format" -> {
          if (!value.equals("contract") && !value.equals("mapped")) {
            throw new UsageException("--assets-format must be contract or mapped, not '" + value + "'");
          }
          mappedAssets = value.equals("mapped");
        }
        case "events-format" -> {
          if (!value.equals("contract") && !value.equals("otlp")) {
            throw new UsageException("--events-format must be contract or otlp, not '" + value + "'");
          }
          otlpEvents = value.equals("otlp");
        }
        case "files" -> files = fileCount(value);
        case "malformed-rate" -> {
          malformedRate = number("malformed-rate", value);
          if (malformedRate < 0 || malformedRate > 0.5) {
            throw new UsageException("--malformed-rate must be between 0 and 0.5, not " + value);
          }
        }
      }
    }
    if (scale == null) {
      throw new UsageException("--scale is required (see --help)");
    }
    if (out == null) {
      throw new UsageException("--out is required (see --help)");
    }
    return new GeneratorSettings(scale, out, seed, format, malformedRate, mappedAssets, otlpEvents, files);
  }

  static boolean wantsHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** Rows a table holds at this scale, malformed ones included. */
  long rows(InputTable table) {
    long rows = Math.round(table.rowsAtScaleOne() * scale);
    return table == InputTable.PRODUCTIONS ? Math.max(1, rows) : rows;
  }

  private static double positive(String name, String value) throws UsageException {
    double number = number(name, value);
    if (!(number > 0) || number > 100_000) {
      throw new UsageException("--" + name + " must be a number above 0 (up to 100000), not '" + value + "'");
    }
    return number;
  }

  private static double number(String name, String value) throws UsageException {
    try {
      double number = Double.parseDouble(value);
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, not '" + value + "'");
    }
  }

  private static int fileCount(String value) throws UsageException {
    int files;
    try {
      files = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      files = 0;
    }
    if (files < 1 || files > MAX_FILES) {
      throw new UsageException("--files must be a whole number from 1 to " + MAX_FILES + ", not '" + value + "'");
    }
    return files;
  }

  private static long wholeNumber(String value) throws UsageException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--seed must be a whole number, not '" + value + "'");
    }
  }
}
