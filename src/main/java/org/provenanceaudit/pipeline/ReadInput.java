package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.beam.sdk.coders.KvCoder;
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
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.report.InputTally;

/**
 * Reads every file of one input into model records, and stages its rejected rows and tallies. Each
 * file is one element: the files of an input are read side by side, by as many workers as the
 * runner gives the step, each file from its first line on.
 *
 * <p>"The first occurrence of an id wins" means the first by (file, line) in path order, on every
 * runner and at any parallelism. Within a file the reader settles it as it reads. Between files,
 * when an input has more than one, {@link SettleDuplicates} settles it after every file is read:
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

  private ReadInput(InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records, String stagingDir) {
    super("Read " + kind.contractName());
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
   */
  static <T> ReadInput<T> of(InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records, String stagingDir) {
    return new ReadInput<>(kind, files, formats, records, stagingDir);
  }

  @Override
  public PCollection<KV<String, byte[]>> expand(PBegin begin) {
    List<KV<Integer, String>> numbered = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      numbered.add(KV.of(i, files.get(i)));
    }
    // No shuffle spreads the files: the runners split a created list among the step's workers.
    PCollection<KV<Integer, String>> listed =
        begin.apply("ListFiles", Create.of(numbered).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())));
    if (files.size() <= 1) {
      return listed.apply("ParseRows", ParDo.of(new ReadFileFn<>(kind, formats, records, stagingDir, false))).setCoder(Chunks.PACKED);
    }
    return listed
        .apply("ParseRows", ParDo.of(new ReadFileFn<>(kind, formats, records, stagingDir, true)))
        .setCoder(Chunks.PACKED)
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
   * The Beam side of {@link InputReader}: one element is one file and its number in path order.
   * Records leave in packed chunks keyed by production, or, when the input has several files, by
   * their id's {@link SettleDuplicates#bucket}, so that the duplicates between files meet.
   */
  static final class ReadFileFn<T> extends DoFn<KV<Integer, String>, KV<String, byte[]>> {
    /** The reader looks at the clock for its status file every 4,096 accepted rows (this mask). */
    private static final long STATUS_EVERY = 4095;
    private final InputKind kind;
    private final SourceFormats formats;
    private final InputRecords<T> records;
    private final String stagingDir;
    private final boolean byIdBucket;
    private final Counter accepted;
    private final Counter rejected;

    ReadFileFn(InputKind kind, SourceFormats formats, InputRecords<T> records, String stagingDir, boolean byIdBucket) {
      this.kind = kind;
      this.formats = formats;
      this.records = records;
      this.stagingDir = stagingDir;
      this.byIdBucket = byIdBucket;
      this.accepted = Metrics.counter("rows", kind.contractName() + ".accepted");
      this.rejected = Metrics.counter("rows", kind.contractName() + ".rejected");
    }

    @ProcessElement
    public void process(@Element KV<Integer, String> numberedFile, OutputReceiver<KV<String, byte[]>> out) throws IOException {
      int number = numberedFile.getKey();
      String file = numberedFile.getValue();
      InputReader<T> reader = reader(kind, records.coder().type(), formats);
      OpenChunks<T> open = new OpenChunks<>(out, records.coder(), accepted);
      try (StagedParts.ReadReport report = StagedParts.readReport(stagingDir, kind, number)) {
        LongAdder acceptedSoFar = ProgressReporter.READ_STEP.accepted(kind.contractName());
        LongAdder rejectedSoFar = ProgressReporter.READ_STEP.rejected(kind.contractName());
        ReadStatusFiles.Writer status = new ReadStatusFiles.Writer(stagingDir, kind.contractName(), number);
        long[] counts = new long[2];
        reader.readAll(
            List.of(file),
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
                report.rejected(row);
                rejected.inc();
                rejectedSoFar.increment();
                counts[1]++;
              }
            });
        open.flushAll();
        status.update(counts[0], counts[1], true);
        report.tally(
            new InputTally(
                kind.contractName(), List.of(file), reader.read(), reader.accepted(), reader.rejected(), reader.skipped(), reader.sources()));
      } catch (MissingColumnException e) {
        throw changedSinceStart(e);
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

    private final DoFn.OutputReceiver<KV<String, byte[]>> out;
    private final RecordCoder<T> coder;
    private final Counter accepted;
    private final Map<String, List<T>> open = new TreeMap<>();
    private int rows;

    OpenChunks(DoFn.OutputReceiver<KV<String, byte[]>> out, RecordCoder<T> coder, Counter accepted) {
      this.out = out;
      this.coder = coder;
      this.accepted = accepted;
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
      out.output(Chunks.packed(production, chunk, coder));
      accepted.inc(chunk.size());
      rows -= chunk.size();
      return true;
    }
  }
}
