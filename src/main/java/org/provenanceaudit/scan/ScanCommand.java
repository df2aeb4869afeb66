package org.provenanceaudit.scan;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.provenanceaudit.UnknownOption;

/**
 * {@code scripts/scan [--help] [--trustAnchors=FILE] [--trustedSigners=FILE] [--asOf=DATE] [--]
 * FILE...}: prints one JSON line per file, in argument order, with the path as given. An argument
 * starting with {@code --} is an option unless it comes after a {@code --} argument. Exits 0 when
 * every file was scanned (per-file errors are in the records) or help was printed, 2 when no file
 * was given, an option is unknown, or a trust file or date cannot be used.
 */
public final class ScanCommand {

  static final String USAGE = """
      Usage: scripts/scan [--help] [--trustAnchors=FILE] [--trustedSigners=FILE] [--asOf=DATE] [--] FILE...

      Prints, for each FILE, one JSON line: the media type from the bytes, C2PA manifests and
      their validation, XMP/EXIF/PNG-text provenance signals, bytes read, or a per-file error.
      See docs/byte-scan.md.

        --trustAnchors=FILE    PEM bundle of the anchors a C2PA signer's chain must end at to be
                               trusted; without it every signer is untrusted.
        --trustedSigners=FILE  PEM bundle of C2PA signing certificates trusted as they are.
        --asOf=DATE            the date (YYYY-MM-DD) a signing certificate without a verified
                               time-stamp is judged at; without it, the time of the scan.
        --help                 this text.
        --                     every argument after it is a file, even one whose name starts with --.
      """;

  private static final List<String> OPTIONS = List.of("help", "trustAnchors", "trustedSigners", "asOf");

  private ScanCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> files = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    boolean optionsEnded = false;
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.length() > 2 ? arg.substring(2) : "";
      if (optionsEnded || !arg.startsWith("--")) {
        files.add(arg);
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (arg.equals("--help")) {
        out.print(USAGE);
        return 0;
      } else if (arg.contains("=") && OPTIONS.contains(name) && !name.equals("help")) {
        values.put(name, arg.substring(arg.indexOf('=') + 1));
      } else {
        err.println("scan: " + UnknownOption.message(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg, OPTIONS)
            + "; to scan a file whose name starts with --, put -- before it");
        return 2;
      }
    }
    if (files.isEmpty()) {
      err.println("scan: no FILE given (see --help)");
      return 2;
    }
    C2paTrust trust;
    Instant asOf = null;
    try {
      trust = C2paTrust.load(values.get("trustAnchors"), values.get("trustedSigners"));
    } catch (C2paTrust.TrustListException e) {
      err.println("scan: " + e.getMessage());
      return 2;
    }
    if (values.containsKey("asOf")) {
      try {
        asOf = LocalDate.parse(values.get("asOf")).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        err.println("scan: --asOf=" + values.get("asOf") + ": expected a date such as 2026-03-31");
        return 2;
      }
    }
    ProvenanceScanner scanner = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(), trust, asOf);
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
