package org.provenanceaudit.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.WorkerHost;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceFileTally;
import org.provenanceaudit.report.InputTally;
import org.provenanceaudit.report.RejectedRows;

/**
 * Results on their way to the one report writer wait in part files in the staging folder, one per
 * bundle, and only the parts' names travel through the final gathering. Gathering the results
 * themselves under one key made the DirectRunner copy the whole growing group for every bundle
 * that arrived (seen as 17 s of 60 at scale 10); names are a few hundred bytes. The writer reads
 * the parts back, sorts what needs sorting, and deletes them.
 */
final class StagedParts {

  static final String FOLDER = ".parts";

  private StagedParts() {}

  /** Writes each bundle's elements to a new part file, and outputs that file's path. */
  static final class SpillFn<T> extends DoFn<T, String> {
    private final String stagingDir;
    private final String kind;
    private final Coder<T> coder;
    private transient OutputStream out;
    private transient Path part;

    SpillFn(String stagingDir, String kind, Coder<T> coder) {
      this.stagingDir = stagingDir;
      this.kind = kind;
      this.coder = coder;
    }

    @StartBundle
    public void startBundle() {
      out = null;
    }

    @ProcessElement
    public void process(@Element T element) throws IOException {
      if (out == null) {
        Path folder = Files.createDirectories(Path.of(stagingDir, FOLDER));
        part = folder.resolve(kind + "-" + UUID.randomUUID() + ".bin");
        out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
      }
      coder.encode(element, out);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      if (out != null) {
        out.close();
        out = null;
        context.output(part.toString(), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }
  }

  private static final String READ_PREFIX = "read-";
  private static final String REJECTED_SUFFIX = "-rejected.bin";
  private static final String TALLY_SUFFIX = "-tally.bin";
  private static final String SETTLED = "-settled";

  /**
   * The name every part of one input file's reading starts with: {@code read-tool-events@00003},
   * the file's number in the input's path order, five digits.
   */
  static String readPartName(String inputKind, int fileNumber) {
    return READ_PREFIX + inputKind + "@" + String.format(java.util.Locale.ROOT, "%05d", fileNumber);
  }

  /**
   * Where the reader of one input file writes its rejected rows and, last, its tally: two part
   * files named after the input and the file's number, so a retried read replaces them. The report
   * writer runs after every reader has finished (it waits on the grouping by production, which
   * waits on them all).
   *
   * @throws IOException when the staging folder is not there (a worker that does not share it)
   */
  static ReadReport readReport(String stagingDir, InputKind kind, int fileNumber) throws IOException {
    return new ReadReport(partsFolder(stagingDir), readPartName(kind.contractName(), fileNumber));
  }

  /**
   * Writes the tally of one input file, the file's number in the input's path order, beside its
   * rejected rows' part; a retried read replaces it.
   *
   * @throws IOException when the staging folder is not there (a worker that does not share it) or the part cannot be written
   */
  static void writeReadTally(String stagingDir, InputKind kind, int fileNumber, InputTally tally) throws IOException {
    try (OutputStream out = Files.newOutputStream(partsFolder(stagingDir).resolve(readPartName(kind.contractName(), fileNumber) + TALLY_SUFFIX))) {
      ModelCoders.INPUT_TALLY.encode(tally, out);
    }
  }

  /**
   * Where {@link SettleDuplicates} writes a file's rejected rows and tally once the duplicates
   * between files are settled; the report writer takes these instead of the reader's.
   */
  static ReadReport settledReport(String stagingDir, InputKind kind, int fileNumber) throws IOException {
    return new ReadReport(partsFolder(stagingDir), readPartName(kind.contractName(), fileNumber) + SETTLED);
  }

  private static Path partsFolder(String stagingDir) throws IOException {
    if (!Files.isDirectory(Path.of(stagingDir))) {
      // The client made the staging folder before the run; a worker that does not see it would
      // otherwise create one of its own, on its own disk, and the reports would be short.
      throw new IOException(
          "the output's staging folder " + stagingDir + " is not there on " + WorkerHost.name()
              + ": every worker must see the output folder's parent at the same path (a shared disk mounted alike on every task manager)");
    }
    return Files.createDirectories(Path.of(stagingDir, FOLDER));
  }

  static final class ReadReport implements AutoCloseable {
    private final Path folder;
    private final String name;
    private final OutputStream rejected;

    private ReadReport(Path folder, String name) throws IOException {
      this.folder = folder;
      this.name = name;
      this.rejected = new BufferedOutputStream(Files.newOutputStream(folder.resolve(name + REJECTED_SUFFIX)), 1 << 16);
    }

    void rejected(RejectedRow row) {
      try {
        ModelCoders.REJECTED_ROW.encode(row, rejected);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void tally(InputTally tally) throws IOException {
      try (OutputStream out = Files.newOutputStream(folder.resolve(name + TALLY_SUFFIX))) {
        ModelCoders.INPUT_TALLY.encode(tally, out);
      }
    }

    /** The path of the rejected rows' part. */
    String rejectedPart() {
      return folder.resolve(name + REJECTED_SUFFIX).toString();
    }

    @Override
    public void close() throws IOException {
      rejected.close();
    }
  }

  private static final String DUPLICATES = "-duplicates-";

  /**
   * Stages one bucket's duplicates between the files of input {@code kind} ({@link
   * SettleDuplicates}), in a part named after the input and the bucket, so a retried bucket
   * replaces it; a bucket without duplicates leaves none.
   *
   * @throws IOException when the staging folder is not there (a worker that does not share it) or the part cannot be written
   */
  static void writeDuplicates(String stagingDir, InputKind kind, String bucket, List<SettleDuplicates.Duplicate> duplicates) throws IOException {
    Path part = partsFolder(stagingDir).resolve(READ_PREFIX + kind.contractName() + DUPLICATES + bucket + ".bin");
    if (duplicates.isEmpty()) {
      Files.deleteIfExists(part);
      return;
    }
    SettleDuplicates.write(duplicates, part);
  }

  /**
   * Hands every duplicate between the files of input {@code kind} that the buckets staged to {@code
   * each}, bucket by bucket, one at a time (a re-export of a large file stages millions).
   */
  static void forEachDuplicate(String stagingDir, InputKind kind, Consumer<SettleDuplicates.Duplicate> each) throws IOException {
    Path folder = Path.of(stagingDir, FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    String prefix = READ_PREFIX + kind.contractName() + DUPLICATES;
    List<Path> parts;
    try (var listed = Files.list(folder)) {
      parts = listed.filter(part -> part.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
    for (Path part : parts) {
      try (PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(part), 1 << 16))) {
        for (int next = in.read(); next >= 0; next = in.read()) {
          in.unread(next);
          each.accept(SettleDuplicates.DUPLICATE.decode(in));
        }
      }
    }
  }

  /** One input file's part with {@code suffix}: the settled one when duplicates between files were settled, else the reader's. */
  private static Path readPart(String stagingDir, String inputKind, int fileNumber, String suffix) {
    Path folder = Path.of(stagingDir, FOLDER);
    Path settled = folder.resolve(readPartName(inputKind, fileNumber) + SETTLED + suffix);
    return Files.isRegularFile(settled) ? settled : folder.resolve(readPartName(inputKind, fileNumber) + suffix);
  }

  /**
   * The rejected rows the readers staged, read back one at a time as the report writer asks for an
   * input's rows. A reader writes a file's rows in file order, and the files are taken in path
   * order (their numbers), so the rows come in report order without a sort: memory stays flat
   * whatever the number of rejected rows.
   *
   * @param filesPerInput each input's number of files, by contract name
   */
  static RejectedRows rejectedRows(String stagingDir, Map<String, Integer> filesPerInput) {
    return (inputKind, each) -> {
      RejectedRow previous = null;
      for (int number = 0; number < filesPerInput.getOrDefault(inputKind, 0); number++) {
        Path part = readPart(stagingDir, inputKind, number, REJECTED_SUFFIX);
        if (!Files.isRegularFile(part)) {
          continue;
        }
        try (PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(part), 1 << 16))) {
          for (int next = in.read(); next >= 0; next = in.read()) {
            in.unread(next);
            RejectedRow row = ModelCoders.REJECTED_ROW.decode(in);
            if (previous != null && previous.compareTo(row) > 0) {
              throw new IOException(
                  part + ": the rejected rows are out of order (" + row.file() + " line " + row.line() + " after "
                      + previous.file() + " line " + previous.line() + ")");
            }
            each.accept(row);
            previous = row;
          }
        }
      }
    };
  }

  /**
   * Every input's tally: the tallies of its files, in path order, added up (an input of no file
   * has a tally of zeros). One is missing only when a reader's files did not reach this folder (a
   * cluster whose workers do not share it): the reports would then be silently short, so that is
   * an error.
   *
   * @param filesPerInput each input's number of files, by contract name
   * @throws IOException when a file's tally is missing or cannot be read
   */
  static List<InputTally> readTallies(String stagingDir, Map<String, Integer> filesPerInput) throws IOException {
    List<InputTally> tallies = new ArrayList<>();
    for (InputKind kind : InputKind.values()) {
      String input = kind.contractName();
      List<String> files = new ArrayList<>();
      List<SourceFileTally> sources = new ArrayList<>();
      long read = 0;
      long accepted = 0;
      long rejected = 0;
      long skipped = 0;
      for (int number = 0; number < filesPerInput.getOrDefault(input, 0); number++) {
        Path part = readPart(stagingDir, input, number, TALLY_SUFFIX);
        if (!Files.isRegularFile(part)) {
          throw new IOException(
              "the reader of " + input + " left no tally for its file number " + (number + 1) + " in " + Path.of(stagingDir, FOLDER)
                  + ": every worker must write to the same output folder (a shared disk)");
        }
        for (InputTally tally : read(List.of(part.toString()), ModelCoders.INPUT_TALLY)) {
          files.addAll(tally.files());
          sources.addAll(tally.sources());
          read += tally.read();
          accepted += tally.accepted();
          rejected += tally.rejected();
          skipped += tally.skipped();
        }
      }
      tallies.add(new InputTally(input, files, read, accepted, rejected, skipped, sources));
    }
    return tallies;
  }

  /** Every element of the given part files, in file order. */
  static <T> List<T> read(Iterable<String> parts, Coder<T> coder) throws IOException {
    List<T> all = new ArrayList<>();
    for (String part : parts) {
      try (PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(Path.of(part)), 1 << 16))) {
        for (int next = in.read(); next >= 0; next = in.read()) {
          in.unread(next);
          all.add(coder.decode(in));
        }
      }
    }
    return all;
  }

  /** Removes the part files once the reports are written. */
  static void delete(String stagingDir) throws IOException {
    Path folder = Path.of(stagingDir, FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var parts = Files.list(folder)) {
      for (Path part : parts.toList()) {
        Files.delete(part);
      }
    }
    Files.delete(folder);
  }
}
