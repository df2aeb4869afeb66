package org.provenanceaudit.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads one input file into rows and rejected rows, never dropping one: every record that is read
 * reaches exactly one of the two sinks, in file order. A header that lacks a required column is a
 * configuration error ({@link MissingColumnException}), raised before any row is read.
 *
 * <p>Cutting the file into records is sequential (one pass over the bytes); turning a record into
 * a model record (UTF-8, CSV cells or JSON, the contract's types) is not, and runs on the given
 * workers a batch of {@value #BATCH} records at a time, while this thread cuts the next batches.
 * Results reach the sink in file order whatever worker finished first, so "the first occurrence of
 * an id wins" means the same on one thread or four. At scale 100 the tool-event file (four million
 * JSON lines) is the longest single task of the audit.
 */
public final class InputFileReader implements SourceFileReader {

  /** Where the records of a file go, in file order, on the thread that called {@link #read}. */
  public interface Sink {
    void row(ParsedRow row);

    void rejected(RejectedRow rejected);
  }

  /** Turns a row into a model record; called on a worker thread, so it must not keep state. */
  public interface RowModel {
    Object parse(SourceRow row) throws InvalidRowException;

    String id(SourceRow row) throws InvalidRowException;
  }

  /**
   * A row that reads as a model record: the record, its id, where it came from, its raw text, made
   * only when a report needs it (a span's text is printed from its message), and its id's key in
   * the table of first occurrences.
   */
  public record ParsedRow(Object record, String id, SourcePosition position, Supplier<String> rawText, FirstOccurrences.Key idKey) {

    /** The row, with its id's key for the first-occurrence table made here, on the parsing thread. */
    public ParsedRow(Object record, String id, SourcePosition position, Supplier<String> rawText) {
      this(record, id, position, rawText, FirstOccurrences.key(id));
    }
  }

  static final int BATCH = 512;
  static final int BATCH_BYTES = 4 << 20;
  private static final int BATCHES_IN_FLIGHT = 8;
  private static final long BYTES_IN_FLIGHT = 64L << 20;

  /** Rejects an object that gives one name twice: the value kept would be a guess. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final CSVFormat CSV = CSVFormat.RFC4180;

  private final InputKind kind;
  private final String fileName;
  private final InputFormat format;

  public InputFileReader(InputKind kind, String fileName) {
    this.kind = kind;
    this.fileName = fileName;
    this.format =
        InputFormat.ofFileName(fileName)
            .orElseThrow(() -> new IllegalArgumentException("not an input file name: " + fileName));
  }

  /** {@code contract CSV} or {@code contract JSON Lines}. */
  @Override
  public String format() {
    return format == InputFormat.CSV ? "contract CSV" : "contract JSON Lines";
  }

  /** A contract file skips nothing: every record is a row or a rejected row. */
  @Override
  public long skipped() {
    return 0;
  }

  /**
   * Reads {@code in} (already decompressed) to its end, parsing on {@code workers}. When the
   * stream breaks off, the rows read before the break still reach the sink before the {@link
   * IOException} is thrown.
   */
  @Override
  public void read(InputStream in, RowModel model, Sink sink, ExecutorService workers) throws IOException, MissingColumnException {
    RecordSplitter splitter = new RecordSplitter(in, format);
    Header header = null;
    if (format == InputFormat.CSV) {
      RecordSplitter.Record headerRecord = splitter.next();
      if (headerRecord == null) {
        return;
      }
      header = new Header(checkedHeader(headerRecord));
    }
    Batches batches = new Batches(header, model, sink, workers);
    try {
      for (RecordSplitter.Record record = splitter.next(); record != null; record = splitter.next()) {
        batches.add(RawRecord.copyOf(record));
      }
    } catch (IOException broken) {
      // The stream broke off: what was cut before the break still reaches the sink, then the break.
      try {
        batches.finish();
      } catch (RuntimeException | Error e) {
        e.addSuppressed(broken);
        throw e;
      }
      throw broken;
    } catch (RuntimeException | Error e) {
      batches.abandon();
      throw e;
    }
    batches.finish();
  }

  /**
   * Records on their way to the workers and back, in file order. A batch ends at {@value #BATCH}
   * records or {@value #BATCH_BYTES} bytes; batches in flight are bounded by count and by bytes,
   * so a file of megabyte records holds a few dozen of them at once, not thousands.
   */
  private final class Batches {
    private final Header header;
    private final RowModel model;
    private final Sink sink;
    private final ExecutorService workers;
    private final ArrayDeque<Future<List<Object>>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Long> inFlightSizes = new ArrayDeque<>();
    private long inFlightBytes;
    private List<RawRecord> batch = new ArrayList<>();
    private long batchBytes;

    Batches(Header header, RowModel model, Sink sink, ExecutorService workers) {
      this.header = header;
      this.model = model;
      this.sink = sink;
      this.workers = workers;
    }

    void add(RawRecord record) {
      batch.add(record);
      batchBytes += record.bytes().length;
      if (batch.size() == BATCH || batchBytes >= BATCH_BYTES) {
        submit();
      }
      while (inFlight.size() > BATCHES_IN_FLIGHT || inFlightBytes > BYTES_IN_FLIGHT) {
        deliverOldest();
      }
    }

    /** Parses what is left and delivers every batch. */
    void finish() {
      submit();
      while (!inFlight.isEmpty()) {
        deliverOldest();
      }
    }

    /** After a failure: nothing more reaches the sink. */
    void abandon() {
      inFlight.forEach(future -> future.cancel(true));
      inFlight.clear();
    }

    private void submit() {
      if (batch.isEmpty()) {
        return;
      }
      List<RawRecord> full = batch;
      inFlight.add(workers.submit(() -> parse(full, header, model)));
      inFlightSizes.add(batchBytes);
      inFlightBytes += batchBytes;
      batch = new ArrayList<>();
      batchBytes = 0;
    }

    private void deliverOldest() {
      inFlightBytes -= inFlightSizes.poll();
      try {
        deliver(awaitBatch(inFlight.poll(), fileName), sink);
      } catch (RuntimeException | Error e) {
        abandon();
        throw e;
      }
    }
  }

  /**
   * Waits for one batch of records parsed on a worker thread, and gives back what it made. Shared by
   * every reader that parses on workers (the contract's, OpenTelemetry traces', mapped exports').
   *
   * @param file the file the batch is from, for the message
   * @throws IllegalStateException when this thread is interrupted, or when the worker failed with a
   *     checked exception; a worker's {@link RuntimeException} or {@link Error} is rethrown as it was
   */
  public static <T> T awaitBatch(Future<T> parsed, String file) {
    try {
      return parsed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + file, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Hands a parsed batch's outcomes, each a {@link ParsedRow} or a {@link RejectedRow} in file order, to {@code sink}. */
  public static void deliver(List<Object> outcomes, Sink sink) {
    for (Object outcome : outcomes) {
      if (outcome instanceof ParsedRow row) {
        sink.row(row);
      } else {
        sink.rejected((RejectedRow) outcome);
      }
    }
  }

  /**
   * Checks the start of the file (already decompressed) before the run: text in an encoding other
   * than UTF-8 (a spreadsheet's "Unicode Text") is a {@link MissingColumnException} saying which
   * and what to do; for a CSV file, the header's column names, lower-cased, are then checked
   * against the kind's required columns and returned (empty for an empty file). A JSON Lines file
   * gives an empty list.
   */
  public List<String> readHeader(InputStream in) throws IOException, MissingColumnException {
    byte[] start = new byte[ForeignEncoding.PROBE_BYTES];
    int length = in.readNBytes(start, 0, start.length);
    Optional<String> encoding = ForeignEncoding.of(start, length);
    if (encoding.isPresent()) {
      throw new MissingColumnException(
          fileName, encoding.get() + ": save as UTF-8 " + (format == InputFormat.CSV ? "CSV" : "JSON Lines") + " (UTF-8 is the only encoding read)");
    }
    if (format != InputFormat.CSV) {
      return List.of();
    }
    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(start, 0, length), in);
    RecordSplitter.Record header = new RecordSplitter(whole, InputFormat.CSV).next();
    return header == null ? List.of() : checkedHeader(header);
  }

  /** A CSV file's columns by lower-cased name; {@link #checkedHeader} made sure no name is given twice. */
  private static final class Header {
    final Map<String, Integer> columns = new HashMap<>();
    final int width;

    Header(List<String> names) {
      for (int i = 0; i < names.size(); i++) {
        columns.putIfAbsent(names.get(i), i);
      }
      width = names.size();
    }
  }

  /** One record's bytes, copied out of the splitter's reused buffer so a worker can own them. */
  private record RawRecord(byte[] bytes, long firstLine, boolean oversized, boolean unterminatedQuote) {
    static RawRecord copyOf(RecordSplitter.Record record) {
      return new RawRecord(
          Arrays.copyOf(record.bytes(), record.length()), record.firstLine(), record.oversized(), record.unterminatedQuote());
    }
  }

  /** One batch, on a worker: each record's {@link ParsedRow} or {@link RejectedRow}, in order. */
  private List<Object> parse(List<RawRecord> batch, Header header, RowModel model) {
    CharsetDecoder utf8 = strictUtf8();
    List<Object> outcomes = new ArrayList<>(batch.size());
    Sink collect =
        new Sink() {
          @Override
          public void row(ParsedRow row) {
            outcomes.add(row);
          }

          @Override
          public void rejected(RejectedRow rejected) {
            outcomes.add(rejected);
          }
        };
    RowSink rows = new RowSink(model, collect);
    if (header != null) {
      CsvBatch cells = new CsvBatch(header, rows, collect);
      for (RawRecord record : batch) {
        SourcePosition position = new SourcePosition(fileName, record.firstLine());
        Decoded decoded = decode(record.bytes(), utf8);
        String problem = decoded.problem().orElse(structuralProblem(record.unterminatedQuote(), record.oversized()));
        if (problem != null) {
          cells.flush();
          collect.rejected(reject(position, decoded.text(), problem));
          continue;
        }
        cells.add(position, decoded.text());
      }
      cells.flush();
      return outcomes;
    }
    for (RawRecord record : batch) {
      SourcePosition position = new SourcePosition(fileName, record.firstLine());
      Decoded decoded = decode(record.bytes(), utf8);
      String problem = decoded.problem().orElse(record.oversized() ? oversized() : null);
      if (problem != null) {
        collect.rejected(reject(position, decoded.text(), problem));
        continue;
      }
      if (decoded.text().isBlank()) {
        continue;
      }
      JsonSourceRow row;
      try (JsonParser parser = JSON.createParser(decoded.text())) {
        row = JsonSourceRow.read(parser, JSON, position, decoded.text());
      } catch (JsonProcessingException e) {
        collect.rejected(reject(position, decoded.text(), "broken JSON: " + firstClause(e.getOriginalMessage())));
        continue;
      } catch (InvalidRowException e) {
        collect.rejected(reject(position, decoded.text(), e.getMessage()));
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (row == null) {
        collect.rejected(reject(position, decoded.text(), "broken JSON: a line must hold one JSON object"));
        continue;
      }
      rows.accept(row);
    }
    return outcomes;
  }

  /** A row read against the contract: its model record, or a rejection naming the field. */
  private final class RowSink {
    private final RowModel model;
    private final Sink sink;

    RowSink(RowModel model, Sink sink) {
      this.model = model;
      this.sink = sink;
    }

    void accept(SourceRow row) {
      try {
        sink.row(new ParsedRow(model.parse(row), model.id(row), row.position(), row::rawText));
      } catch (InvalidRowException e) {
        sink.rejected(reject(row.position(), row.rawText(), e.getMessage()));
      }
    }
  }

  /**
   * Records waiting to be cut into cells by one CSV parser: a parser per record costs more than
   * the record (each allocates its own buffers). The batch is parsed as one text, and when that
   * text does not read as exactly one row starting where each record starts, or the parser throws,
   * each record is read on its own, so a broken record is rejected with its own reason and the
   * others are kept.
   */
  private final class CsvBatch {
    private static final int SIZE = 256;
    private final Header header;
    private final RowSink rows;
    private final Sink sink;
    private final List<SourcePosition> positions = new ArrayList<>(SIZE);
    private final List<String> texts = new ArrayList<>(SIZE);
    private final List<Integer> starts = new ArrayList<>(SIZE);
    private final StringBuilder joined = new StringBuilder();

    CsvBatch(Header header, RowSink rows, Sink sink) {
      this.header = header;
      this.rows = rows;
      this.sink = sink;
    }

    void add(SourcePosition position, String text) {
      if (text.isEmpty()) {
        flush();
        emit(position, text, null);
        return;
      }
      positions.add(position);
      texts.add(text);
      starts.add(joined.length());
      joined.append(text).append('\n');
      if (texts.size() == SIZE) {
        flush();
      }
    }

    void flush() {
      if (texts.isEmpty()) {
        return;
      }
      List<CSVRecord> records = null;
      try (CSVParser parser = CSVParser.parse(new StringReader(joined.toString()), CSV)) {
        records = parser.getRecords();
      } catch (UncheckedIOException | IOException e) {
        records = null;
      }
      boolean whole = records != null && records.size() == texts.size();
      for (int i = 0; whole && i < records.size(); i++) {
        whole = records.get(i).getCharacterPosition() == starts.get(i);
      }
      for (int i = 0; i < texts.size(); i++) {
        emit(positions.get(i), texts.get(i), whole ? records.get(i).toList() : null);
      }
      positions.clear();
      texts.clear();
      starts.clear();
      joined.setLength(0);
    }

    /** One record's row or rejection; {@code cells} null when the record must be read alone. */
    private void emit(SourcePosition position, String text, List<String> cells) {
      if (cells == null) {
        try {
          cells = cells(text);
        } catch (InvalidRowException e) {
          sink.rejected(reject(position, text, e.getMessage()));
          return;
        }
      }
      if (cells.size() != header.width) {
        sink.rejected(reject(position, text, "wrong number of cells: " + cells.size() + ", the header has " + header.width));
        return;
      }
      rows.accept(new CsvSourceRow(header.columns, cells, position, text));
    }
  }

  private List<String> checkedHeader(RecordSplitter.Record record) throws MissingColumnException {
    Decoded decoded = decode(RawRecord.copyOf(record).bytes(), strictUtf8());
    if (decoded.problem().isPresent()) {
      throw new MissingColumnException(fileName, "header row: " + decoded.problem().get());
    }
    List<String> header;
    try {
      header = cells(decoded.text());
    } catch (InvalidRowException e) {
      throw new MissingColumnException(fileName, "header row: " + e.getMessage());
    }
    List<String> names = new ArrayList<>(header.size());
    for (String name : header) {
      String lower = name.trim().toLowerCase(Locale.ROOT);
      int first = names.indexOf(lower);
      if (first >= 0 && !lower.isEmpty()) {
        throw new MissingColumnException(
            fileName,
            "the header names the column " + lower + " twice (columns " + (first + 1) + " and " + (names.size() + 1)
                + ", names match in any case): which one holds the values is a guess; remove or rename one");
      }
      names.add(lower);
    }
    for (String required : kind.requiredFields()) {
      if (!names.contains(required)) {
        throw new MissingColumnException(fileName, "the header lacks the required column " + required + otherDelimiter(decoded.text()));
      }
    }
    return names;
  }

  /**
   * Why a header lacks a required column when the answer is a spreadsheet's other dialect: its
   * cells split on {@code ;} (the delimiter of locales whose decimal mark is a comma) or on tabs
   * ("Text (Tab delimited)") name every required column. Empty otherwise.
   */
  private String otherDelimiter(String headerText) {
    for (String[] dialect : new String[][] {{";", "`;`-delimited"}, {"\t", "tab-delimited"}}) {
      List<String> names = new ArrayList<>();
      for (String name : headerText.split(dialect[0], -1)) {
        names.add(name.replace("\"", "").trim().toLowerCase(Locale.ROOT));
      }
      if (names.size() > 1 && names.containsAll(kind.requiredFields())) {
        return ": the header looks " + dialect[1] + "; save it with commas (a CSV file's delimiter is the comma)";
      }
    }
    return "";
  }

  private static String structuralProblem(boolean unterminatedQuote, boolean oversized) {
    if (unterminatedQuote) {
      return "broken quoting: a quoted field is not closed before the end of the file";
    }
    return oversized ? oversized() : null;
  }

  private static String oversized() {
    return "record longer than " + (RecordSplitter.MAX_RECORD_BYTES >> 20) + " MiB";
  }

  private static List<String> cells(String text) throws InvalidRowException {
    try (CSVParser parser = CSVParser.parse(new StringReader(text), CSV)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new InvalidRowException("broken quoting: the record does not read as one CSV row");
      }
      return records.get(0).toList();
    } catch (UncheckedIOException | IOException e) {
      throw new InvalidRowException("broken quoting: " + firstSentence(e.getMessage()));
    }
  }

  /** Jackson's message up to where it starts quoting the source back. */
  private static String firstClause(String message) {
    int cut = message.indexOf(" (start marker");
    String text = cut > 0 ? message.substring(0, cut) : message;
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline) : text;
  }

  private static String firstSentence(String message) {
    if (message == null) {
      return "unreadable CSV";
    }
    int cut = message.indexOf(" at line");
    String text = cut > 0 ? message.substring(0, cut) : message;
    return text.replace("java.io.IOException: ", "").replace("(line ", "(").trim();
  }

  private RejectedRow reject(SourcePosition position, String rawText, String reason) {
    return new RejectedRow(kind.contractName(), position.file(), position.line(), rawText, reason);
  }

  private record Decoded(String text, Optional<String> problem) {}

  /** A decoder that reports bad bytes instead of replacing them; one per thread (decoders keep state). */
  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * The record as text, or, when it is not UTF-8, its start decoded leniently and the offset of its
   * first bad byte. Well-formed records (nearly all) are checked without decoding and then made a
   * String by the JDK in one step; only a bad one goes through the decoder, to find the byte.
   */
  private static Decoded decode(byte[] record, CharsetDecoder utf8) {
    if (WellFormedUtf8.check(record)) {
      return new Decoded(new String(record, StandardCharsets.UTF_8), Optional.empty());
    }
    ByteBuffer bytes = ByteBuffer.wrap(record);
    CharBuffer chars = CharBuffer.allocate(record.length);
    utf8.reset();
    CoderResult result = utf8.decode(bytes, chars, true);
    if (result.isError()) {
      int offset = bytes.position() + 1;
      String lenient = new String(record, 0, Math.min(record.length, RejectedRow.RAW_TEXT_LIMIT), StandardCharsets.UTF_8);
      return new Decoded(lenient, Optional.of("invalid UTF-8 at byte " + offset + " of the record"));
    }
    utf8.flush(chars);
    chars.flip();
    return new Decoded(chars.toString(), Optional.empty());
  }
}
