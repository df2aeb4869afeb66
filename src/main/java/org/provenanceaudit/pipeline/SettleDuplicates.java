package org.provenanceaudit.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceFileTally;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.report.InputTally;

/**
 * Settles "the first occurrence of an id wins" between the files of an input that were read side
 * by side ({@link ReadInput}), so that the records, the rejected rows and the tallies are, byte for
 * byte, those of one reader reading the files one after the other in path order.
 *
 * <p>Each file's reader has already rejected the repeats within its file, and sends its records
 * keyed by their id's {@link #bucket} (a fixed number of buckets and Java's specified {@link
 * String#hashCode}, mixed: the same on every runner and machine). So every occurrence of an id meets the
 * others in one bucket, where {@link SettleBucketFn} keeps the one of the first file in path order
 * and sends the records on keyed by production; each later occurrence is a <em>duplicate</em>,
 * staged in the bucket's part file. One grouping, and no second output (on Flink a second output
 * is a task of its own that reads back all the step's values, and each blocking partition reserves
 * network memory).
 *
 * <p>The report writer then calls {@link #rewriteRejectedRows}: each file that holds duplicates is
 * read a second time, to rebuild its rejected rows in file order with each duplicate where its line
 * is, its raw text, and the reason naming the winning occurrence (a repeat within the file of such
 * an id now names that same first occurrence, as one reader would have), and its tally with the
 * duplicates moved from accepted to rejected. Both go to "settled" part files that the report
 * writer takes instead of the reader's ({@link StagedParts}). A clean export has no duplicate and
 * no file is read twice.
 */
final class SettleDuplicates {

  /**
   * Buckets the records are grouped in: enough to spread the work over a cluster's workers and to
   * keep a bucket's records small (at scale 100, 4M events make 16K a bucket), few enough to keep
   * the readers' chunks full.
   */
  static final int BUCKETS = 256;

  private SettleDuplicates() {}

  /**
   * The bucket of {@code id}, as a key: its {@link String#hashCode} (which the Java language
   * specifies), mixed by MurmurHash3's 32-bit finalizer, modulo {@link #BUCKETS}. Without the
   * mixing, a bucket's ids all share the low bits of their hash code, which {@link HashMap} uses to
   * pick a bin: downstream maps of a production's records (and the coders' tables) then filled a few
   * bins into trees, and the audit of an input of four files at scale 100 ran 20% longer than of one.
   */
  static String bucket(String id) {
    int h = id.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Integer.toString(Math.floorMod(h, BUCKETS));
  }

  /**
   * A later occurrence of an id: the file's number in the input's path order, the id, its line, and
   * where the id was first accepted.
   */
  record Duplicate(int file, String id, long line, String firstFile, long firstLine) {
    SourcePosition first() {
      return new SourcePosition(firstFile, firstLine);
    }
  }

  static final RecordCoder<Duplicate> DUPLICATE =
      new RecordCoder<>(Duplicate.class) {
        @Override
        protected void write(Duplicate d, RecordOutput out) {
          out.number(d.file());
          out.string(d.id());
          out.number(d.line());
          out.shared(d.firstFile());
          out.number(d.firstLine());
        }

        @Override
        protected Duplicate read(RecordInput in) throws IOException {
          return new Duplicate((int) in.number(), in.string(), in.number(), in.shared(), in.number());
        }
      };

  /**
   * One bucket's records, from every file of the input: the occurrence of each id in the first
   * file in path order goes on, in packed chunks keyed by production; the others are staged as
   * {@link Duplicate}s in the bucket's part file (an empty bucket leaves none).
   */
  static final class SettleBucketFn<T> extends DoFn<KV<String, Iterable<byte[]>>, KV<String, byte[]>> {
    private final InputKind kind;
    private final List<String> files;
    private final InputRecords<T> records;
    private final String stagingDir;
    private final Counter settled;
    private final Counter accepted;
    private final Counter rejected;
    private transient Map<String, Integer> numbers;

    /** @param files the input's files in path order: a file's number is its place in this list */
    SettleBucketFn(InputKind kind, List<String> files, InputRecords<T> records, String stagingDir) {
      this.kind = kind;
      this.files = List.copyOf(files);
      this.records = records;
      this.stagingDir = stagingDir;
      this.settled = Metrics.counter("rows", kind.contractName() + ".settled");
      this.accepted = Metrics.counter("rows", kind.contractName() + ".accepted");
      this.rejected = Metrics.counter("rows", kind.contractName() + ".rejected");
    }

    /**
     * The production chunks being filled, across the buckets of a bundle: one bucket holds about
     * 1/{@value #BUCKETS} of a production's records, and chunks filled per bucket held a few dozen
     * rows, which made the grouping by production move 30 times as many of them and its step a
     * third slower (scale 100, four files per input).
     */
    private transient ReadInput.OpenChunks<T> open;

    @Setup
    public void numberFiles() {
      numbers = new HashMap<>();
      for (int i = 0; i < files.size(); i++) {
        numbers.put(files.get(i), i);
      }
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<byte[]>> bucket, OutputReceiver<KV<String, byte[]>> out) throws IOException {
      List<T> rows = Chunks.unpack(bucket.getValue(), records.coder());
      Map<String, long[]> first = new HashMap<>(rows.size() * 2);
      for (T row : rows) {
        SourcePosition at = records.source().apply(row);
        String id = records.id().apply(row);
        long[] held = first.get(id);
        int file = number(at);
        if (held == null || file < held[0]) {
          first.put(id, new long[] {file, at.line()});
        }
      }
      if (open == null) {
        open = new ReadInput.OpenChunks<>(out::output, records.coder(), settled);
      }
      open.sendTo(out::output);
      List<Duplicate> duplicates = new ArrayList<>();
      for (T row : rows) {
        SourcePosition at = records.source().apply(row);
        String id = records.id().apply(row);
        long[] winner = first.get(id);
        int file = number(at);
        if (winner[0] == file) {
          open.add(records.production().apply(row), row);
        } else {
          duplicates.add(new Duplicate(file, id, at.line(), files.get((int) winner[0]), winner[1]));
        }
      }
      StagedParts.writeDuplicates(stagingDir, kind, bucket.getKey(), duplicates);
      if (!duplicates.isEmpty()) {
        // The files' readers counted these rows as accepted; the progress lines' counts (these
        // metrics, the status files, this JVM's own) must end at the reports' counts.
        long moved = duplicates.size();
        accepted.dec(moved);
        rejected.inc(moved);
        ProgressReporter.READ_STEP.accepted(kind.contractName()).add(-moved);
        ProgressReporter.READ_STEP.rejected(kind.contractName()).add(moved);
        ReadStatusFiles.Writer.ofSettledBucket(stagingDir, kind.contractName(), bucket.getKey()).update(-moved, moved, true);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      if (open != null) {
        open.sendTo(chunk -> context.output(chunk, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
        open.flushAll();
        open = null;
      }
    }

    private int number(SourcePosition at) {
      Integer number = numbers.get(at.file());
      if (number == null) {
        throw new IllegalStateException("a " + kind.contractName() + " record names the file " + at.file() + ", which is not among the input's files");
      }
      return number;
    }
  }

  /**
   * Rebuilds the rejected rows and tally of each file of {@code kind} that holds duplicates between
   * files (as the buckets staged them): the file is read a second time, in full, and its settled
   * parts are written beside the reader's ({@link StagedParts#settledReport}).
   *
   * @param files the input's files in path order
   * @throws IOException when a part cannot be read or written
   * @throws IllegalStateException when a file no longer holds the rows it held when it was read
   */
  static void rewriteRejectedRows(String stagingDir, InputKind kind, List<String> files, SourceFormats formats) throws IOException {
    // One file's duplicates in memory at a time (about 170 bytes each): the parts are read once to
    // find the files that hold any, then once per such file.
    TreeSet<Integer> holding = new TreeSet<>();
    StagedParts.forEachDuplicate(stagingDir, kind, duplicate -> holding.add(duplicate.file()));
    for (int number : holding) {
      Map<String, SourcePosition> firstById = new HashMap<>();
      StagedParts.forEachDuplicate(stagingDir, kind, duplicate -> {
        if (duplicate.file() == number) {
          firstById.put(duplicate.id(), duplicate.first());
        }
      });
      rewrite(stagingDir, kind, number, files.get(number), firstById, formats);
    }
  }

  private static void rewrite(
      String stagingDir, InputKind kind, int number, String file, Map<String, SourcePosition> firstById, SourceFormats formats)
      throws IOException {
    InputReader<Object> reader = ReadInput.reader(kind, Object.class, formats);
    long[] found = {0};
    try (StagedParts.ReadReport report = StagedParts.settledReport(stagingDir, kind, number)) {
      reader.readAll(
          List.of(file),
          new InputReader.Rows<Object>() {
            @Override
            public void accepted(Object record, String id, SourcePosition at, Supplier<String> rawText) {
              SourcePosition first = firstById.get(id);
              if (first != null) {
                found[0]++;
                report.rejected(new RejectedRow(kind.contractName(), file, at.line(), rawText.get(), InputReader.duplicateReason(kind, id, first)));
              }
            }

            @Override
            public void rejected(RejectedRow row, String repeatedId) {
              SourcePosition first = repeatedId == null ? null : firstById.get(repeatedId);
              report.rejected(
                  first == null
                      ? row
                      : new RejectedRow(row.inputKind(), row.file(), row.line(), row.rawText(), InputReader.duplicateReason(kind, repeatedId, first)));
            }
          });
      if (found[0] != firstById.size()) {
        throw new IllegalStateException(
            "input file " + file + " changed after the run started: " + firstById.size() + " of its ids were accepted in an earlier"
                + " file, " + found[0] + " of them are there now");
      }
      long moved = found[0];
      List<SourceFileTally> sources = new ArrayList<>();
      for (SourceFileTally source : reader.sources()) {
        sources.add(
            new SourceFileTally(source.file(), source.format(), source.read(), source.accepted() - moved, source.rejected() + moved, source.skipped()));
      }
      report.tally(
          new InputTally(
              kind.contractName(), List.of(file), reader.read(), reader.accepted() - moved, reader.rejected() + moved, reader.skipped(), sources));
    } catch (MissingColumnException e) {
      throw ReadInput.changedSinceStart(e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Writes {@code duplicates} to {@code out}, one after the other. */
  static void write(List<Duplicate> duplicates, Path part) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
      for (Duplicate duplicate : duplicates) {
        DUPLICATE.encode(duplicate, out);
      }
    }
  }
}
