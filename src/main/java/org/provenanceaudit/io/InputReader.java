package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads every file of one input, in the order given, into model records and rejected rows: each
 * row is parsed against the contract, whichever format its file is in ({@link SourceFormats}),
 * and an id already seen (by file, then line) is rejected as a duplicate with the place of its
 * first occurrence. Counts what it read, per file and in all, so that read = accepted + rejected
 * + skipped can be shown for every input and every source file.
 */
public final class InputReader<T> {

  /**
   * Where a reader's records go, in file order, on the thread that called {@link #readAll}: each
   * record is accepted (the first occurrence of its id) or rejected. A reader of one file among
   * several tells its accepted ids to the step that settles duplicates between files (see {@code
   * ReadInput}), and a second reading of a file rebuilds its rejected rows from the same calls.
   */
  public interface Rows<T> {
    /**
     * {@code record}, whose id is {@code id}, first seen at {@code at}; {@code rawText} gives the
     * record's raw text (made on demand: a span's is printed from its message).
     */
    void accepted(T record, String id, SourcePosition at, Supplier<String> rawText);

    /**
     * A record that cannot be used. When it repeats an id already accepted, {@code repeatedId} is
     * that id and {@code row}'s reason is {@link #duplicateReason}; otherwise {@code repeatedId} is null.
     */
    void rejected(RejectedRow row, String repeatedId);
  }

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
    readAll(
        files,
        new Rows<T>() {
          @Override
          public void accepted(T record, String id, SourcePosition at, Supplier<String> rawText) {
            rows.accept(record);
          }

          @Override
          public void rejected(RejectedRow row, String repeatedId) {
            rejects.accept(row);
          }
        });
  }

  /**
   * Reads {@code files} in order, as {@link #readAll(List, Consumer, Consumer)} does, telling
   * {@code rows} each accepted record's id and raw text, and which rejected rows repeat an id.
   */
  public void readAll(List<String> files, Rows<T> rows) throws MissingColumnException {
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS, PARSER_THREADS);
    try {
      readAll(files, rows, workers);
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

  private void readAll(List<String> files, Rows<T> rows, ExecutorService workers)
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
    DedupingSink sink = new DedupingSink(rows);
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

  /**
   * Why a record is rejected as a repeat of {@code id}, first accepted at {@code first}: {@code
   * duplicate id asset_id=A-1 (first at assets.csv:2)}.
   */
  public static String duplicateReason(InputKind kind, String id, SourcePosition first) {
    return "duplicate id " + kind.idField() + "=" + id + " (first at " + first + ")";
  }

  private final class DedupingSink implements InputFileReader.Sink {
    private final Rows<T> rows;

    DedupingSink(Rows<T> rows) {
      this.rows = rows;
    }

    @Override
    public void row(InputFileReader.ParsedRow row) {
      SourcePosition first = firstById.putIfAbsent(row.idKey(), row.position());
      if (first != null) {
        rejected++;
        rows.rejected(
            new RejectedRow(
                kind.contractName(), row.position().file(), row.position().line(), row.rawText().get(),
                duplicateReason(kind, row.id(), first)),
            row.id());
        return;
      }
      accepted++;
      rows.accepted(type.cast(row.record()), row.id(), row.position(), row.rawText());
    }

    @Override
    public void rejected(RejectedRow row) {
      rejected++;
      rows.rejected(row, null);
    }
  }
}
