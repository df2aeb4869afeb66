package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads every file of one input, in the order given, into model records and rejected rows: each
 * row is parsed against the contract, whichever format its file is in ({@link SourceFormats}),
 * and an id already seen (by file, then line) is rejected as a duplicate with the place of its
 * first occurrence. Counts what it read, per file and in all, so that read = accepted + rejected
 * + skipped can be shown for every input and every source file.
 */
public final class InputReader<T> {

  /** Opens an input file's raw bytes; the reader decompresses by the file's name. */
  public interface Opener {
    InputStream open(String file) throws IOException;
  }

  private final InputKind kind;
  private final Class<T> type;
  private final Opener opener;
  private final SourceFormats formats;
  private final FirstOccurrences firstById = new FirstOccurrences();
  private final List<SourceFileTally> sources = new ArrayList<>();
  private long accepted;
  private long rejected;
  private long skipped;

  /** A reader of contract files only. */
  public InputReader(InputKind kind, Class<T> type, Opener opener) {
    this(kind, type, opener, SourceFormats.CONTRACT);
  }

  /** A reader that reads each file in the format {@code formats} gives it. */
  public InputReader(InputKind kind, Class<T> type, Opener opener, SourceFormats formats) {
    this.kind = kind;
    this.type = type;
    this.opener = opener;
    this.formats = formats;
  }

  public long accepted() {
    return accepted;
  }

  public long rejected() {
    return rejected;
  }

  /** Records deliberately left out: spans that are not GenAI spans. */
  public long skipped() {
    return skipped;
  }

  public long read() {
    return accepted + rejected + skipped;
  }

  /** Each file read so far, in reading order, with its format and counts. */
  public List<SourceFileTally> sources() {
    return List.copyOf(sources);
  }

  /**
   * Reads {@code files} in order. A file whose header lacks a required column is a
   * {@link MissingColumnException}; a file that breaks off (a truncated {@code .gz}, a read error)
   * keeps the rows before the break and adds one rejected row saying where it broke. Rows are
   * parsed on up to {@link #WORKERS} threads and reach {@code rows} and {@code rejects} in file
   * order on this one.
   */
  public void readAll(List<String> files, Consumer<T> rows, Consumer<RejectedRow> rejects) throws MissingColumnException {
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS, PARSER_THREADS);
    try {
      readAll(files, rows, rejects, workers);
    } finally {
      workers.shutdownNow();
    }
  }

  /** Parsing threads: as many as the machine has cores, up to four (measured in the README). */
  static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private static final ThreadFactory PARSER_THREADS =
      runnable -> {
        Thread thread = new Thread(runnable, "provenance-audit-parser");
        thread.setDaemon(true);
        return thread;
      };

  private void readAll(List<String> files, Consumer<T> rows, Consumer<RejectedRow> rejects, ExecutorService workers)
      throws MissingColumnException {
    InputFileReader.RowModel model =
        new InputFileReader.RowModel() {
          @Override
          public Object parse(SourceRow row) throws InvalidRowException {
            return ModelRows.parse(kind, row);
          }

          @Override
          public String id(SourceRow row) throws InvalidRowException {
            return row.text(kind.idField());
          }
        };
    InputFileReader.Sink sink = new DedupingSink(rows, rejects);
    for (String file : files) {
      long acceptedBefore = accepted;
      long rejectedBefore = rejected;
      long[] lastLine = {0};
      InputFileReader.Sink tracking =
          new InputFileReader.Sink() {
            @Override
            public void row(InputFileReader.ParsedRow row) {
              lastLine[0] = row.position().line();
              sink.row(row);
            }

            @Override
            public void rejected(RejectedRow row) {
              lastLine[0] = Math.max(lastLine[0], row.line());
              sink.rejected(row);
            }
          };
      SourceFileReader reader = formats.readerFor(kind, file);
      try (InputStream raw = openOrFail(file);
          InputStream in = InputFormat.decompressed(file, raw)) {
        reader.read(in, model, tracking, workers);
      } catch (IOException e) {
        sink.rejected(
            new RejectedRow(
                kind.contractName(), file, lastLine[0] + 1, "", "the file could not be read past this point: " + e.getMessage()));
      }
      skipped += reader.skipped();
      long fileAccepted = accepted - acceptedBefore;
      long fileRejected = rejected - rejectedBefore;
      sources.add(
          new SourceFileTally(file, reader.format(), fileAccepted + fileRejected + reader.skipped(), fileAccepted, fileRejected, reader.skipped()));
    }
  }

  /**
   * Opens an input file the run checked before it started. A file that cannot be opened now is no
   * row's problem but the worker's: a task manager that does not see the shared disk, or a file
   * removed since. Making it one rejected row would let the audit finish on part of its input, so
   * it stops the run, naming the file and the host.
   *
   * @throws IllegalStateException when the file cannot be opened
   */
  private InputStream openOrFail(String file) {
    try {
      return opener.open(file);
    } catch (IOException e) {
      throw new IllegalStateException(
          "input file " + file + " cannot be opened on " + WorkerHost.name() + " (" + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): every worker must see the inputs at the"
              + " path the run was given (a shared disk mounted alike on every task manager), and they must stay until the run ends");
    }
  }

  private final class DedupingSink implements InputFileReader.Sink {
    private final Consumer<T> rows;
    private final Consumer<RejectedRow> rejects;

    DedupingSink(Consumer<T> rows, Consumer<RejectedRow> rejects) {
      this.rows = rows;
      this.rejects = rejects;
    }

    @Override
    public void row(InputFileReader.ParsedRow row) {
      SourcePosition first = firstById.putIfAbsent(row.idKey(), row.position());
      if (first != null) {
        rejected(
            new RejectedRow(
                kind.contractName(), row.position().file(), row.position().line(), row.rawText().get(),
                "duplicate id " + kind.idField() + "=" + row.id() + " (first at " + first + ")"));
        return;
      }
      accepted++;
      rows.accept(type.cast(row.record()));
    }

    @Override
    public void rejected(RejectedRow row) {
      rejected++;
      rejects.accept(row);
    }
  }
}
