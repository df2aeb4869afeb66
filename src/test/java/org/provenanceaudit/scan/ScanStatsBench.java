package org.provenanceaudit.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark behind scripts/scan-stats: scans every file given with {@link ProvenanceScanner}
 * (the policy, caps and trust of {@code scripts/scan}), once to warm the JVM up and then ROUNDS
 * times, and prints one table row per container family: files, files with a C2PA manifest store,
 * with a GenAI signal, with an {@code error}, the median bytes read per file, and files per second
 * (the family's files times ROUNDS over the time its scans took, so one slow family does not hide
 * behind a fast one), then a row for all files.
 *
 * <p>Usage: {@code ROUNDS FILE...}. The counts come from the warm-up round (every round gives the
 * same records: the scan is deterministic).
 */
final class ScanStatsBench {
  private ScanStatsBench() {}

  /** The container families of the table, in its order, with the media types that belong to them. */
  private static final Map<String, List<String>> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put("JPEG", List.of("image/jpeg"));
    FAMILIES.put("PNG", List.of("image/png"));
    FAMILIES.put("WebP", List.of("image/webp"));
    FAMILIES.put("TIFF/DNG", List.of("image/tiff", "image/x-adobe-dng", "image/x-raw-adobe"));
    FAMILIES.put("GIF", List.of("image/gif"));
    FAMILIES.put("HEIF/AVIF", List.of("image/heic", "image/heif", "image/avif", "image/heic-sequence",
        "image/heif-sequence", "image/avif-sequence"));
    FAMILIES.put("MP4/MOV", List.of("video/mp4", "video/quicktime", "audio/mp4", "video/3gpp", "video/3gpp2",
        "audio/x-m4a"));
    FAMILIES.put("WAV/AVI", List.of("audio/vnd.wave", "audio/wav", "audio/x-wav", "video/x-msvideo"));
    FAMILIES.put("MP3", List.of("audio/mpeg"));
    FAMILIES.put("PDF", List.of("application/pdf"));
    FAMILIES.put("SVG", List.of("image/svg+xml"));
    FAMILIES.put("C2PA store", List.of("application/c2pa"));
    FAMILIES.put("other", List.of());
  }

  /** One family's figures: the warm-up round's records and the nanoseconds its timed scans took. */
  private static final class Tally {
    final List<ScanRecord> records = new ArrayList<>();
    long nanos;
  }

  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      files.add(Path.of(args[i]));
    }
    ProvenanceScanner scanner = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(),
        C2paTrust.none(), null);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    FAMILIES.keySet().forEach(family -> tallies.put(family, new Tally()));
    List<String> familyOfFile = new ArrayList<>();
    for (Path file : files) {
      ScanRecord record = scanner.scan(file);
      String family = family(record.mediaType());
      familyOfFile.add(family);
      tallies.get(family).records.add(record);
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < files.size(); i++) {
        long start = System.nanoTime();
        scanner.scan(files.get(i));
        tallies.get(familyOfFile.get(i)).nanos += System.nanoTime() - start;
      }
    }
    System.out.printf("%-11s %6s %5s %6s %6s %12s %9s%n", "container", "files", "c2pa", "genai", "error",
        "median_read", "files/s");
    Tally all = new Tally();
    tallies.forEach((family, tally) -> {
      if (!tally.records.isEmpty()) {
        row(family, tally, rounds);
        all.records.addAll(tally.records);
        all.nanos += tally.nanos;
      }
    });
    row("all", all, rounds);
  }

  private static String family(String mediaType) {
    return FAMILIES.entrySet().stream().filter(e -> e.getValue().contains(mediaType)).map(Map.Entry::getKey)
        .findFirst().orElse("other");
  }

  private static void row(String family, Tally tally, int rounds) {
    List<ScanRecord> records = tally.records;
    long c2pa = records.stream().filter(ScanRecord::c2pa).count();
    long genai = records.stream().filter(ScanRecord::genai).count();
    long errors = records.stream().filter(r -> r.error() != null).count();
    long[] read = records.stream().mapToLong(ScanRecord::bytesRead).sorted().toArray();
    long median = read.length % 2 == 1 ? read[read.length / 2] : (read[read.length / 2 - 1] + read[read.length / 2]) / 2;
    double perSecond = tally.nanos == 0 ? 0 : records.size() * (double) rounds / (tally.nanos / 1e9);
    System.out.printf("%-11s %6d %5d %6d %6d %12d %9.0f%n", family, records.size(), c2pa, genai, errors, median,
        perSecond);
  }
}
