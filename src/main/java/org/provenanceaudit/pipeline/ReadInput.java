package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.provenanceaudit.io.InputFileReader;
import org.provenanceaudit.io.InputFormat;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InvalidRowException;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.ModelRows;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceRow;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.report.InputTally;

/**
 * Reads every file of one input into model records, rejected rows and one tally. The files of an
 * input are read in path order by one worker, so "the first occurrence of an id wins" means the
 * first by (file, line) on every runner, and the rejected row keeps its raw text. Reading is not
 * where the audit's time goes (see the README's measurements); the join and the rules are spread.
 */
public final class ReadInput<T> extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<RejectedRow> REJECTED = new TupleTag<>() {};
  public static final TupleTag<InputTally> TALLY = new TupleTag<>() {};

  private final InputKind kind;
  private final List<String> files;
  private final Coder<T> coder;
  private final TupleTag<T> rows = new TupleTag<>();

  private ReadInput(InputKind kind, List<String> files, Coder<T> coder) {
    super("Read " + kind.contractName());
    this.kind = kind;
    this.files = List.copyOf(files);
    this.coder = coder;
  }

  public static <T> ReadInput<T> of(InputKind kind, List<String> files, Coder<T> coder) {
    return new ReadInput<>(kind, files, coder);
  }

  public TupleTag<T> rows() {
    return rows;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple out =
        begin
            .apply("ListFiles", Create.of(List.<List<String>>of(files)).withCoder(ListCoder.of(StringUtf8Coder.of())))
            .apply("ParseRows", ParDo.of(new ReadFilesFn<T>(kind, rows)).withOutputTags(rows, TupleTagList.of(REJECTED).and(TALLY)));
    out.get(rows).setCoder(coder);
    out.get(REJECTED).setCoder(ModelCoders.REJECTED_ROW);
    out.get(TALLY).setCoder(ModelCoders.INPUT_TALLY);
    return out;
  }

  /** Reads a list of files of one kind, in order, deduplicating ids across all of them. */
  static final class ReadFilesFn<T> extends DoFn<List<String>, T> {
    private final InputKind kind;
    private final TupleTag<T> rows;
    private final Counter accepted;
    private final Counter rejected;

    ReadFilesFn(InputKind kind, TupleTag<T> rows) {
      this.kind = kind;
      this.rows = rows;
      this.accepted = Metrics.counter("rows", kind.contractName() + ".accepted");
      this.rejected = Metrics.counter("rows", kind.contractName() + ".rejected");
    }

    @ProcessElement
    public void process(@Element List<String> files, MultiOutputReceiver out) throws IOException {
      Map<String, SourcePosition> firstById = new HashMap<>();
      long[] counts = new long[2];
      InputFileReader.Sink sink =
          new InputFileReader.Sink() {
            @Override
            public void row(SourceRow row) {
              Object record;
              String id;
              try {
                record = ModelRows.parse(kind, row);
                id = row.text(kind.idField());
              } catch (InvalidRowException e) {
                rejected(new RejectedRow(kind.contractName(), row.position().file(), row.position().line(), row.rawText(), e.getMessage()));
                return;
              }
              SourcePosition first = firstById.putIfAbsent(id, row.position());
              if (first != null) {
                rejected(
                    new RejectedRow(
                        kind.contractName(), row.position().file(), row.position().line(), row.rawText(),
                        "duplicate id " + kind.idField() + "=" + id + " (first at " + first + ")"));
                return;
              }
              @SuppressWarnings("unchecked")
              T typed = (T) record;
              out.get(rows).output(typed);
              counts[0]++;
              accepted.inc();
            }

            @Override
            public void rejected(RejectedRow row) {
              out.get(REJECTED).output(row);
              counts[1]++;
              rejected.inc();
            }
          };
      for (String file : files) {
        readFile(file, sink);
      }
      out.get(TALLY).output(new InputTally(kind.contractName(), files, counts[0] + counts[1], counts[0], counts[1]));
    }

    private void readFile(String file, InputFileReader.Sink sink) throws IOException {
      LastLine last = new LastLine(sink);
      try (InputStream raw = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)));
          InputStream in = InputFormat.decompressed(file, raw)) {
        new InputFileReader(kind, file).read(in, last);
      } catch (MissingColumnException e) {
        throw new IllegalStateException(e.getMessage() + " (the file changed after the run started)");
      } catch (IOException e) {
        // A file that breaks off (a truncated .gz, a read error) loses its tail, never silently.
        sink.rejected(
            new RejectedRow(kind.contractName(), file, last.line + 1, "", "the file could not be read past this point: " + e.getMessage()));
      }
    }
  }

  /** Remembers the last line a record was seen on, to place a read error. */
  private static final class LastLine implements InputFileReader.Sink {
    private final InputFileReader.Sink sink;
    private long line;

    LastLine(InputFileReader.Sink sink) {
      this.sink = sink;
    }

    @Override
    public void row(SourceRow row) {
      line = row.position().line();
      sink.row(row);
    }

    @Override
    public void rejected(RejectedRow row) {
      line = Math.max(line, row.line());
      sink.rejected(row);
    }
  }
}
