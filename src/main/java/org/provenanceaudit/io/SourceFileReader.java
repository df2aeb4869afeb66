package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;

/**
 * Reads one source file of an input into rows and rejected rows, in file order: the contract's
 * CSV and JSON Lines ({@link InputFileReader}) and OpenTelemetry traces ({@link OtlpTraceReader}).
 * Each names its format for the reports and counts the records it skipped on purpose.
 */
public interface SourceFileReader {

  /** The format as the reports name it: {@code contract CSV}, {@code contract JSON Lines}, {@code OTLP JSON}, {@code OTLP protobuf}. */
  String format();

  /**
   * Reads {@code in} (already decompressed) to its end; each record reaches {@code sink} as a row
   * or a rejected row, or is counted in {@link #skipped}. When the stream breaks off, what was
   * read before the break reaches the sink before the {@link IOException} is thrown.
   *
   * @throws MissingColumnException when a CSV header lacks a required column
   */
  void read(InputStream in, InputFileReader.RowModel model, InputFileReader.Sink sink, ExecutorService workers)
      throws IOException, MissingColumnException;

  /** Records read and deliberately left out (spans that are not GenAI spans); 0 for the contract's files. */
  long skipped();
}
