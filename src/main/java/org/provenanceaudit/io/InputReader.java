package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.provenanceaudit.mapping.MappedFile;
import org.provenanceaudit.mapping.MappedFileReader;
import org.provenanceaudit.mapping.MappedInputs;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads every file of one input, in the order given, into model records and rejected rows: each
 * row is parsed against the contract, and an id already seen (by file, then line) is rejected as
 * a duplicate with the place of its first occurrence. Counts what it read, so that read =
 * accepted + rejected can be shown for every input. A file a mapping file claims is read through
 * its mapping ({@link MappedFileReader}) into the same rows, duplicates and counts.
 */
public final class InputReader<T> {

  /** Opens an input file's raw bytes; the reader decompresses by the file's name. */
  public interface Opener {
    InputStream open(String file) throws IOException;
  }

  private final InputKind kind;
  private final Class<T> type;
  private final Opener opener;
  private final MappedInputs mapped;
  private final FirstOccurrences firstById = new FirstOccurrences();
  private long accepted;
  private long rejected;

  public InputReader(InputKind kind, Class<T> type, Opener opener) {
    this(kind, type, opener, MappedInputs.NONE);
  }

  /** A reader that reads the files {@code mapped} names through their mapping, and the others as the contract. */
  public InputReader(InputKind kind, Class<T> type, Opener opener, MappedInputs mapped) {
    this.kind = kind;
    this.type = type;
    this.opener = opener;
    this.mapped = mapped;
  }

  public long accepted() {
    return accepted;
  }

  public long rejected() {
    return rejected;
  }

  public long read() {
    return accepted + rejected;
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
      try (InputStream raw = opener.open(file);
          InputStream in = InputFormat.decompressed(file, raw)) {
        Optional<MappedFile> mapping = mapped.of(file);
        if (mapping.isPresent()) {
          new MappedFileReader(mapping.get()).read(in, model, tracking, workers);
        } else {
          new InputFileReader(kind, file).read(in, model, tracking, workers);
        }
      } catch (IOException e) {
        sink.rejected(
            new RejectedRow(
                kind.contractName(), file, lastLine[0] + 1, "", "the file could not be read past this point: " + e.getMessage()));
      }
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
      SourcePosition first = firstById.putIfAbsent(row.id(), row.position());
      if (first != null) {
        rejected(
            new RejectedRow(
                kind.contractName(), row.position().file(), row.position().line(), row.rawText(),
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
