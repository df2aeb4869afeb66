package org.provenanceaudit.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The readers' progress as small JSON files in the staging folder's part folder, one per input file
 * ({@code read-tool-events@00000-progress.json}: {@code {"accepted": 196608, "rejected": 401}}), and
 * one per bucket of duplicates settled between files read side by side (which moves them from
 * accepted to rejected: {@code {"accepted": -12, "rejected": 12}}), for the
 * progress lines when the readers run in other JVMs (the task managers of a Flink cluster, which
 * see the staging folder as the client does). A reader replaces its file at most every
 * {@link #PERIOD_NANOS}, by an atomic move, so a reader of the file never sees half of it; the
 * files go with the other part files once the reports are written.
 */
final class ReadStatusFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = "-progress.json";
  /** How often a reader replaces its file: two seconds, well within the five between progress lines. */
  static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(2);

  private ReadStatusFiles() {}

  /** One reader's file: replaced with the counts so far when the period has passed since the last. */
  static final class Writer {
    private final Path file;
    private final Path temporary;
    private long lastWrite = Long.MIN_VALUE;

    /** The writer of the reader of input {@code inputKind}'s file number {@code fileNumber} (in path order, from 0). */
    Writer(String stagingDir, String inputKind, int fileNumber) {
      this(stagingDir, StagedParts.readPartName(inputKind, fileNumber));
    }

    /**
     * The writer of the step that settles the duplicates between input {@code inputKind}'s files in
     * bucket {@code bucket} ({@code read-tool-events@bucket-17-progress.json}): it moves the
     * duplicates the files' readers counted as accepted to rejected, so its accepted count is negative.
     */
    static Writer ofSettledBucket(String stagingDir, String inputKind, String bucket) {
      return new Writer(stagingDir, "read-" + inputKind + "@bucket-" + bucket);
    }

    private Writer(String stagingDir, String reader) {
      Path folder = Path.of(stagingDir, StagedParts.FOLDER);
      String name = reader + SUFFIX;
      this.file = folder.resolve(name);
      this.temporary = folder.resolve(name + ".tmp");
    }

    /**
     * Writes the counts if {@link #PERIOD_NANOS} has passed since the last write, or always when
     * {@code last}. A file that cannot be written is left as it was: it feeds only the progress
     * lines, and the reports and the rows' fate do not depend on it.
     */
    void update(long accepted, long rejected, boolean last) {
      long now = System.nanoTime();
      if (!last && lastWrite != Long.MIN_VALUE && now - lastWrite < PERIOD_NANOS) {
        return;
      }
      lastWrite = now;
      ObjectNode status = JSON.createObjectNode().put("accepted", accepted).put("rejected", rejected);
      try {
        Files.createDirectories(file.getParent());
        Files.write(temporary, JSON.writeValueAsBytes(status));
        try {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        // Left as it was (see above); the next period tries again.
        return;
      }
    }
  }

  /**
   * The counts the readers' files give, added up per input and named as the readers' metrics are
   * ({@code tool-events.accepted}); empty when there are no files yet or no longer. A file that vanishes or
   * cannot be read while it is listed is passed over: the next line will have it.
   */
  static Map<String, Long> read(Path stagingDir) {
    Map<String, Long> counts = new TreeMap<>();
    Path folder = stagingDir.resolve(StagedParts.FOLDER);
    if (!Files.isDirectory(folder)) {
      return counts;
    }
    try (var files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
        String name = file.getFileName().toString();
        String reader = name.substring("read-".length(), name.length() - SUFFIX.length());
        String input = reader.contains("@") ? reader.substring(0, reader.indexOf('@')) : reader;
        try {
          JsonNode status = JSON.readTree(file.toFile());
          counts.merge(input + ".accepted", status.path("accepted").asLong(0), Long::sum);
          counts.merge(input + ".rejected", status.path("rejected").asLong(0), Long::sum);
        } catch (NoSuchFileException e) {
          // Replaced or removed between the listing and the read.
        }
      }
    } catch (IOException e) {
      return counts;
    }
    return counts;
  }
}
