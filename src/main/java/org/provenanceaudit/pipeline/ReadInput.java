package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceFileTally;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.report.InputTally;

/**
 * Reads every file of one input into model records, and stages its rejected rows and tallies.
 * Either one reader reads the files one after the other in path order (in one JVM, where a
 * reader's parsing threads already use every core), or each file is an element of its own and the
 * files are read side by side, by as many workers as the runner gives the step (on a cluster).
 *
 * <p>"The first occurrence of an id wins" means the first by (file, line) in path order, on every
 * runner and at any parallelism. A reader settles it as it reads. Between files read side by
 * side, {@link SettleDuplicates} settles it after every file is read:
 * the readers send their records keyed by their id's bucket, so that every occurrence of an id
 * meets the others, and the later occurrences of an id accepted in an earlier file are taken out
 * of the records and, when the reports are written, put among the rejected rows exactly where a
 * single reader reading the files one after the other would have put them. An input of one file
 * takes none of those steps.
 *
 * <p>Records leave keyed by production, in chunks of up to {@link #CHUNK} rows: the audit joins by
 * production, and a shuffle of a few thousand chunks costs a fraction of one of millions of rows
 * (each row pays the runner's per-element overhead; see the README's measurements). A chunk
 * leaves packed, as one array of bytes ({@link Chunks}): the grouping only moves it, and Flink
 * copies an array where it would decode and encode every record at each hand-over.
 *
 * <p>A file's rejected rows and tally go to part files in the staging folder ({@link
 * StagedParts#readReport}), where the report writer finds them: on Flink every further output of a
 * step is a task of its own that reads back every value the step emits, which at scale 100 meant
 * decoding four million events three times to keep a few rejected rows.
 */
public final class ReadInput<T> extends PTransform<PBegin, PCollection<KV<String, byte[]>>> {

  static final int CHUNK = 512;

  private final InputKind kind;
  private final List<String> files;
  private final InputRecords<T> records;
  private final String stagingDir;
  private final SourceFormats formats;
  private final boolean sideBySide;

  private ReadInput(InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records, String stagingDir, boolean sideBySide) {
    super("Read " + kind.contractName());
    this.sideBySide = sideBySide;
    this.kind = kind;
    this.files = files.stream().sorted().toList();
    this.formats = formats;
    this.records = records;
    this.stagingDir = stagingDir;
  }

  /**
   * Reads {@code files} as {@code kind}, each in the format {@code formats} gives it (contract CSV
   * or JSON Lines, OpenTelemetry traces, an export a mapping file maps), into packed chunks of
   * records keyed by production; the rejected rows and the tallies are staged under {@code
   * stagingDir}, one part per file numbered in path order ({@link StagedParts}).
   *
   * @param sideBySide read the files of an input of several side by side, one worker per file,
   *     and settle the duplicates between them ({@link SettleDuplicates}); otherwise one reader
   *     reads them one after the other
   */
  static <T> ReadInput<T> of(
      InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records, String stagingDir, boolean sideBySide) {
    return new ReadInput<>(kind, files, formats, records, stagingDir, sideBySide);
  }

  @Override
  public PCollection<KV<String, byte[]>> expand(PBegin begin) {
    boolean settle = sideBySide && files.size() > 1;
    // Each element: the number of its first file in path order, and the files one reader reads.
    List<KV<Integer, List<String>>> runs = new ArrayList<>();
    if (settle) {
      for (int i = 0; i < files.size(); i++) {
        runs.add(KV.of(i, List.of(files.get(i))));
      }
    } else if (!files.isEmpty()) {
      runs.add(KV.of(0, files));
    }
    // No shuffle spreads the files: the runners split a created list among the step's workers.
    PCollection<KV<String, byte[]>> read =
        begin
            .apply("ListFiles", Create.of(runs).withCoder(KvCoder.of(VarIntCoder.of(), ListCoder.of(StringUtf8Coder.of()))))
            .apply("ParseRows", ParDo.of(new ReadFilesFn<>(kind, formats, records, stagingDir, settle)))
            .setCoder(Chunks.PACKED);
    if (!settle) {
      return read;
    }
    return read
        .apply("GroupByIdBucket", GroupByKey.create())
        .apply("SettleDuplicates", ParDo.of(new SettleDuplicates.SettleBucketFn<>(kind, files, records, stagingDir)))
        .setCoder(Chunks.PACKED);
  }

  /** A reader of one input's files through Beam's file systems, as every worker opens them, each file in the format {@code formats} gives it. */
  static <T> InputReader<T> reader(InputKind kind, Class<T> type, SourceFormats formats) {
    return new InputReader<>(
        kind, type, file -> Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false))), formats);
  }

  /** The headers were checked before the run; a required column missing now means the file changed. */
  static IllegalStateException changedSinceStart(MissingColumnException e) {
    return new IllegalStateException(e.getMessage() + " (the file changed after the run started)");
  }

  /**
   * The Beam side of {@link InputReader}: one element is a run of an input's files in path order
   * (all of them, or one when files are read side by side) and the number of its first file. The
   * rejected rows and the tally of each file go to that file's parts. Records leave in packed
   * chunks keyed by production, or, when the files are read side by side, by their id's {@link
   * SettleDuplicates#bucket}, so that the duplicates between files meet.
   */
  static final class ReadFilesFn<T> extends DoFn<KV<Integer, List<String>>, KV<String, byte[]>> {
    /** The reader looks at the clock for its status file every 4,096 accepted rows (this mask). */
    private static final long STATUS_EVERY = 4095;
    private final InputKind kind;
    private final SourceFormats formats;
    private final InputRecords<T> records;
    private final String stagingDir;
    private final boolean byIdBucket;
    private final Counter accepted;
    private final Counter rejected;

    ReadFilesFn(InputKind kind, SourceFormats formats, InputRecords<T> records, String stagingDir, boolean byIdBucket) {
      this.kind = kind;
      this.formats = formats;
      this.records = records;
      this.stagingDir = stagingDir;
      this.byIdBucket = byIdBucket;
      this.accepted = Metrics.counter("rows", kind.contractName() + ".accepted");
      this.rejected = Metrics.counter("rows", kind.contractName() + ".rejected");
    }

    @ProcessElement
    public void process(@Element KV<Integer, List<String>> run, OutputReceiver<KV<String, byte[]>> out) throws IOException {
      int first = run.getKey();
      List<String> files = run.getValue();
      InputReader<T> reader = reader(kind, records.coder().type(), formats);
      OpenChunks<T> open = new OpenChunks<>(out::output, records.coder(), accepted);
      try (RejectedParts parts = new RejectedParts(stagingDir, kind, first, files)) {
        LongAdder acceptedSoFar = ProgressReporter.READ_STEP.accepted(kind.contractName());
        LongAdder rejectedSoFar = ProgressReporter.READ_STEP.rejected(kind.contractName());
        ReadStatusFiles.Writer status = new ReadStatusFiles.Writer(stagingDir, kind.contractName(), first);
        long[] counts = new long[2];
        reader.readAll(
            files,
            new InputReader.Rows<T>() {
              @Override
              public void accepted(T record, String id, SourcePosition at, Supplier<String> rawText) {
                open.add(byIdBucket ? SettleDuplicates.bucket(id) : records.production().apply(record), record);
                acceptedSoFar.increment();
                if ((++counts[0] & STATUS_EVERY) == 0) {
                  status.update(counts[0], counts[1], false);
                }
              }

              @Override
              public void rejected(RejectedRow row, String repeatedId) {
                parts.rejected(row);
                rejected.inc();
                rejectedSoFar.increment();
                counts[1]++;
              }
            });
        open.flushAll();
        status.update(counts[0], counts[1], true);
        List<SourceFileTally> sources = reader.sources();
        for (int i = 0; i < sources.size(); i++) {
          SourceFileTally source = sources.get(i);
          StagedParts.writeReadTally(
              stagingDir, kind, first + i,
              new InputTally(kind.contractName(), List.of(source.file()), source.read(), source.accepted(), source.rejected(), source.skipped(), List.of(source)));
        }
      } catch (MissingColumnException e) {
        throw changedSinceStart(e);
      }
    }
  }

  /**
   * The rejected rows' parts of a run of files read in order: a row goes to its file's part, each
   * opened when the file's first rejected row comes (a file without one has no part).
   */
  private static final class RejectedParts implements AutoCloseable {
    private final String stagingDir;
    private final InputKind kind;
    private final int first;
    private final List<String> files;
    private StagedParts.ReadReport open;
    private int openFile = -1;

    RejectedParts(String stagingDir, InputKind kind, int first, List<String> files) {
      this.stagingDir = stagingDir;
      this.kind = kind;
      this.first = first;
      this.files = files;
    }

    void rejected(RejectedRow row) {
      int index = files.indexOf(row.file());
      if (index < 0) {
        throw new IllegalStateException("a rejected " + kind.contractName() + " row names the file " + row.file() + ", which this reader was not given");
      }
      if (index != openFile) {
        try {
          close();
          open = StagedParts.readReport(stagingDir, kind, first + index);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        openFile = index;
      }
      open.rejected(row);
    }

    @Override
    public void close() throws IOException {
      if (open != null) {
        open.close();
        open = null;
      }
    }
  }

  /**
   * The chunks being filled, one per production. A chunk leaves when it holds {@link #CHUNK} rows;
   * and when all open chunks together hold {@link #OPEN_ROWS}, the larger ones leave early (all of
   * them, when the larger ones free less than half: thousands of productions of a few rows). Without
   * that bound, the many small productions of a large batch kept part-filled chunks until the end
   * of the file: half a million rows that outlived the young generation and cost the collector
   * more than the reading.
   */
  static final class OpenChunks<T> {
    static final int OPEN_ROWS = 64 * 1024;
    private static final int EARLY = 32;

    private Consumer<KV<String, byte[]>> out;
    private final RecordCoder<T> coder;
    private final Counter accepted;
    private final Map<String, List<T>> open = new TreeMap<>();
    private int rows;

    /** @param out where a chunk that leaves goes: the step's output receiver's {@code output} */
    OpenChunks(Consumer<KV<String, byte[]>> out, RecordCoder<T> coder, Counter accepted) {
      this.out = out;
      this.coder = coder;
      this.accepted = accepted;
    }

    /**
     * Where the chunks that leave from now on go: a step that fills chunks across the elements of
     * a bundle gives each element's receiver, then the bundle's end's.
     */
    void sendTo(Consumer<KV<String, byte[]>> receiver) {
      this.out = receiver;
    }

    void add(String production, T row) {
      List<T> chunk = open.computeIfAbsent(production, k -> new ArrayList<>());
      chunk.add(row);
      rows++;
      if (chunk.size() == CHUNK) {
        emit(production, chunk);
        open.remove(production);
      } else if (rows >= OPEN_ROWS) {
        open.entrySet().removeIf(entry -> entry.getValue().size() >= EARLY && emit(entry.getKey(), entry.getValue()));
        if (rows >= OPEN_ROWS / 2) {
          flushAll();
        }
      }
    }

    void flushAll() {
      open.forEach(this::emit);
      open.clear();
    }

    private boolean emit(String production, List<T> chunk) {
      out.accept(Chunks.packed(production, chunk, coder));
      accepted.inc(chunk.size());
      rows -= chunk.size();
      return true;
    }
  }
}
