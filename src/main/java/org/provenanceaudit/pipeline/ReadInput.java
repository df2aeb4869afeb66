package org.provenanceaudit.pipeline;

import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
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
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.report.InputTally;

/**
 * Reads every file of one input into model records, rejected rows and one tally. The files of an
 * input are read in path order by one worker, so "the first occurrence of an id wins" means the
 * first by (file, line) on every runner, and a rejected duplicate keeps its raw text.
 *
 * <p>Records leave keyed by production, in chunks of up to {@link #CHUNK} rows: the audit joins by
 * production, and a shuffle of a few thousand chunks costs a fraction of one of millions of rows
 * (each row pays the runner's per-element overhead; see the README's measurements).
 */
public final class ReadInput<T> extends PTransform<PBegin, PCollectionTuple> {

  static final int CHUNK = 512;

  public static final TupleTag<RejectedRow> REJECTED = new TupleTag<>() {};
  public static final TupleTag<InputTally> TALLY = new TupleTag<>() {};

  private final InputKind kind;
  private final List<String> files;
  private final RecordCoder<T> coder;
  private final SerializableFunction<T, String> production;
  private final TupleTag<KV<String, List<T>>> rows = new TupleTag<>();

  private ReadInput(InputKind kind, List<String> files, RecordCoder<T> coder, SerializableFunction<T, String> production) {
    super("Read " + kind.contractName());
    this.kind = kind;
    this.files = List.copyOf(files);
    this.coder = coder;
    this.production = production;
  }

  /** Reads {@code files} as {@code kind}, keying each record by {@code production}. */
  public static <T> ReadInput<T> of(
      InputKind kind, List<String> files, RecordCoder<T> coder, SerializableFunction<T, String> production) {
    return new ReadInput<>(kind, files, coder, production);
  }

  /** The records, as (production, chunk of that production's records). */
  public TupleTag<KV<String, List<T>>> rows() {
    return rows;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple out =
        begin
            .apply("ListFiles", Create.of(List.<List<String>>of(files)).withCoder(ListCoder.of(StringUtf8Coder.of())))
            .apply(
                "ParseRows",
                ParDo.of(new ReadFilesFn<T>(kind, coder.type(), production, rows))
                    .withOutputTags(rows, TupleTagList.of(REJECTED).and(TALLY)));
    out.get(rows).setCoder(chunkCoder(coder));
    out.get(REJECTED).setCoder(ModelCoders.REJECTED_ROW);
    out.get(TALLY).setCoder(ModelCoders.INPUT_TALLY);
    return out;
  }

  public static <T> KvCoder<String, List<T>> chunkCoder(RecordCoder<T> coder) {
    return KvCoder.of(StringUtf8Coder.of(), coder.chunks());
  }

  /** The Beam side of {@link InputReader}: one element is the whole list of an input's files. */
  static final class ReadFilesFn<T> extends DoFn<List<String>, KV<String, List<T>>> {
    private final InputKind kind;
    private final Class<T> type;
    private final SerializableFunction<T, String> production;
    private final TupleTag<KV<String, List<T>>> rows;
    private final Counter accepted;
    private final Counter rejected;

    ReadFilesFn(InputKind kind, Class<T> type, SerializableFunction<T, String> production, TupleTag<KV<String, List<T>>> rows) {
      this.kind = kind;
      this.type = type;
      this.production = production;
      this.rows = rows;
      this.accepted = Metrics.counter("rows", kind.contractName() + ".accepted");
      this.rejected = Metrics.counter("rows", kind.contractName() + ".rejected");
    }

    @ProcessElement
    public void process(@Element List<String> files, MultiOutputReceiver out) {
      InputReader<T> reader =
          new InputReader<>(kind, type, file -> Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false))));
      Map<String, List<T>> open = new TreeMap<>();
      try {
        reader.readAll(
            files,
            row -> {
              String key = production.apply(row);
              List<T> chunk = open.computeIfAbsent(key, k -> new ArrayList<>());
              chunk.add(row);
              if (chunk.size() == CHUNK) {
                out.get(rows).output(KV.of(key, chunk));
                open.remove(key);
                accepted.inc(CHUNK);
              }
            },
            row -> {
              out.get(REJECTED).output(row);
              rejected.inc();
            });
      } catch (MissingColumnException e) {
        throw new IllegalStateException(e.getMessage() + " (the file changed after the run started)");
      }
      open.forEach(
          (key, chunk) -> {
            out.get(rows).output(KV.of(key, chunk));
            accepted.inc(chunk.size());
          });
      out.get(TALLY).output(new InputTally(kind.contractName(), files, reader.read(), reader.accepted(), reader.rejected()));
    }
  }
}
