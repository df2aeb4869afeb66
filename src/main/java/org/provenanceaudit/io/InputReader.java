package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads every file of one input, in the order given, into model records and rejected rows: each
 * row is parsed against the contract, and an id already seen (by file, then line) is rejected as
 * a duplicate with the place of its first occurrence. Counts what it read, so that read =
 * accepted + rejected can be shown for every input.
 */
public final class InputReader<T> {

  /** Opens an input file's raw bytes; the reader decompresses by the file's name. */
  public interface Opener {
    InputStream open(String file) throws IOException;
  }

  private final InputKind kind;
  private final Class<T> type;
  private final Opener opener;
  private final Map<String, SourcePosition> firstById = new HashMap<>();
  private long accepted;
  private long rejected;

  public InputReader(InputKind kind, Class<T> type, Opener opener) {
    this.kind = kind;
    this.type = type;
    this.opener = opener;
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
   * keeps the rows before the break and adds one rejected row saying where it broke.
   */
  public void readAll(List<String> files, Consumer<T> rows, Consumer<RejectedRow> rejects) throws MissingColumnException {
    InputFileReader.Sink sink = new DedupingSink(rows, rejects);
    for (String file : files) {
      long[] lastLine = {0};
      InputFileReader.Sink tracking =
          new InputFileReader.Sink() {
            @Override
            public void row(SourceRow row) {
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
        new InputFileReader(kind, file).read(in, tracking);
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
    public void row(SourceRow row) {
      T record;
      String id;
      try {
        record = type.cast(ModelRows.parse(kind, row));
        id = row.text(kind.idField());
      } catch (InvalidRowException e) {
        rejected(reject(row, e.getMessage()));
        return;
      }
      SourcePosition first = firstById.putIfAbsent(id, row.position());
      if (first != null) {
        rejected(reject(row, "duplicate id " + kind.idField() + "=" + id + " (first at " + first + ")"));
        return;
      }
      accepted++;
      rows.accept(record);
    }

    @Override
    public void rejected(RejectedRow row) {
      rejected++;
      rejects.accept(row);
    }

    private RejectedRow reject(SourceRow row, String reason) {
      return new RejectedRow(kind.contractName(), row.position().file(), row.position().line(), row.rawText(), reason);
    }
  }
}
