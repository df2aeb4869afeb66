package org.provenanceaudit.scan;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.provenanceaudit.UnknownOption;

/**
 * {@code scripts/scan [--help] [--] FILE...}: prints one JSON line per file, in argument order,
 * with the path as given. An argument starting with {@code --} is an option (only {@code --help}
 * exists) unless it comes after a {@code --} argument. Exits 0 when every
 * file was scanned (per-file errors are in the records) or help was printed, 2 when no file was
 * given or an option is unknown.
 */
public final class ScanCommand {

  static final String USAGE = """
      Usage: scripts/scan [--help] [--] FILE...

      Prints, for each FILE, one JSON line: the media type from the bytes, C2PA manifests,
      XMP/EXIF/PNG-text provenance signals, bytes read, or a per-file error. See docs/byte-scan.md.

        --help   this text.
        --       every argument after it is a file, even one whose name starts with --.
      """;

  private ScanCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> files = new ArrayList<>();
    boolean optionsEnded = false;
    for (String arg : args) {
      if (optionsEnded || !arg.startsWith("--")) {
        files.add(arg);
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (arg.equals("--help")) {
        out.print(USAGE);
        return 0;
      } else {
        err.println("scan: " + UnknownOption.message(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg, List.of("help"))
            + "; to scan a file whose name starts with --, put -- before it");
        return 2;
      }
    }
    if (files.isEmpty()) {
      err.println("scan: no FILE given (see --help)");
      return 2;
    }
    ProvenanceScanner scanner = new ProvenanceScanner(ScanPolicy.defaults());
    for (String arg : files) {
      ScanRecord record;
      try {
        record = scanner.scan(Path.of(arg)).withPath(arg);
      } catch (InvalidPathException e) {
        record = new ScanRecord(arg, "application/octet-stream", false, false, List.of(), 0,
            "not a valid path: " + e.getReason());
      }
      out.println(record.toJson());
    }
    out.flush();
    return 0;
  }
}
