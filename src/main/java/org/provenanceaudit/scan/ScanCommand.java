package org.provenanceaudit.scan;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/scan FILE...}: prints one JSON line per file, in argument order, with the path as
 * given. Exits 0 when every file was scanned (per-file errors are in the records), 2 when no file
 * was given.
 */
public final class ScanCommand {
  private ScanCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: scan FILE...");
      err.println("Prints one JSON line per file: media type, C2PA and GenAI provenance signals.");
      return 2;
    }
    ProvenanceScanner scanner = new ProvenanceScanner(ScanPolicy.defaults());
    for (String arg : args) {
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
