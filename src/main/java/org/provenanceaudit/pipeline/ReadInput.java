package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.report.InputTally;

/**
 * Reads every file of one input into model records, rejected rows and one tally. The files of an
 * input are read in path order by one worker, so "the first occurrence of an id wins" means the
 * first by (file, line) on every runner, and a rejected duplicate keeps its raw text.
 *
 * <p>Records leave keyed by production, in chunks of up to {@link #CHUNK} rows: the audit joins by
 * production, and a shuffle of a few thousand chunks costs a fraction of one of millions of rows
 * (each row pays the runner's per-element overhead; see the README's measurements). A chunk
 * leaves packed, as one array of bytes ({@link Chunks}): the grouping only moves it, and Flink
 * copies an array where it would decode and encode every record at each hand-over.
 *
 * <p>The records are the step's only output. Its rejected rows and its tally go to part files in
 * the staging folder ({@link StagedParts#readReport}), where the report writer finds them: on
 * Flink every further output of a step is a task of its own that reads back every value the step
 * emits, which at scale 100 meant decoding four million events three times to keep a few rejected
 * rows.
 */
public final class ReadInput<T> extends PTransform<PBegin, PCollection<KV<String, byte[]>>> {

  static final int CHUNK = 512;

  private final InputKind kind;
  private final List<String> files;
  private final RecordCoder<T> coder;
  private final SerializableFunction<T, String> production;
  private final String stagingDir;
  private final SourceFormats formats;

  private ReadInput(
      InputKind kind,
      List<String> files,
      SourceFormats formats,
      RecordCoder<T> coder,
      SerializableFunction<T, String> production,
      String stagingDir) {
    super("Read " + kind.contractName());
    this.kind = kind;
    this.files = files.stream().sorted().toList();
    this.formats = formats;
    this.coder = coder;
    this.production = production;
    this.stagingDir = stagingDir;
  }

  /**
   * Reads {@code files} as {@code kind} in path order, each in the format {@code formats} gives it
   * (contract CSV or JSON Lines, OpenTelemetry traces, an export a mapping file maps), keying each
   * record by {@code production}; the rejected rows and the tally are staged under {@code
   * stagingDir}, the rows in report order (file path, then line), so the report writer streams them
   * without a sort.
   */
  public static <T> ReadInput<T> of(
      InputKind kind,
      List<String> files,
      SourceFormats formats,
      RecordCoder<T> coder,
      SerializableFunction<T, String> production,
      String stagingDir) {
    return new ReadInput<>(kind, files, formats, coder, production, stagingDir);
  }

  @Override
  public PCollection<KV<String, byte[]>> expand(PBegin begin) {
    return begin
        .apply("ListFiles", Create.of(List.<List<String>>of(files)).withCoder(ListCoder.of(StringUtf8Coder.of())))
        .apply("ParseRows", ParDo.of(new ReadFilesFn<T>(kind, formats, coder, production, stagingDir)))
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

  /** The Beam side of {@link InputReader}: one element is the whole list of an input's files. */
  static final class ReadFilesFn<T> extends DoFn<List<String>, KV<String, byte[]>> {
    /** The reader looks at the clock for its status file every 4,096 accepted rows (this mask). */
    private static final long STATUS_EVERY = 4095;
    private final InputKind kind;
    private final SourceFormats formats;
    private final RecordCoder<T> coder;
    private final SerializableFunction<T, String> production;
    private final String stagingDir;
    private final Counter accepted;
    private final Counter rejected;

    ReadFilesFn(InputKind kind, SourceFormats formats, RecordCoder<T> coder, SerializableFunction<T, String> production, String stagingDir) {
      this.kind = kind;
      this.formats = formats;
      this.coder = coder;
      this.production = production;
      this.stagingDir = stagingDir;
      this.accepted = Metrics.counter("rows", kind.contractName() + ".accepted");
      this.rejected = Metrics.counter("rows", kind.contractName() + ".rejected");
    }

    @ProcessElement
    public void process(@Element List<String> files, OutputReceiver<KV<String, byte[]>> out) throws IOException {
      InputReader<T> reader = reader(kind, coder.type(), formats);
      OpenChunks<T> open = new OpenChunks<>(out, coder, accepted);
      try (StagedParts.ReadReport report = StagedParts.readReport(stagingDir, kind)) {
        LongAdder acceptedSoFar = ProgressReporter.READ_STEP.accepted(kind.contractName());
        LongAdder rejectedSoFar = ProgressReporter.READ_STEP.rejected(kind.contractName());
        ReadStatusFiles.Writer status = new ReadStatusFiles.Writer(stagingDir, kind.contractName());
        long[] counts = new long[2];
        reader.readAll(
            files,
            row -> {
              open.add(production.apply(row), row);
              acceptedSoFar.increment();
              if ((++counts[0] & STATUS_EVERY) == 0) {
                status.update(counts[0], counts[1], false);
              }
            },
            row -> {
              report.rejected(row);
              rejected.inc();
              rejectedSoFar.increment();
              counts[1]++;
            });
        open.flushAll();
        status.update(counts[0], counts[1], true);
        report.tally(
            new InputTally(
                kind.contractName(), files, reader.read(), reader.accepted(), reader.rejected(), reader.skipped(), reader.sources()));
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
