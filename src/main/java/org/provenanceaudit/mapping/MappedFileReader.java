package org.provenanceaudit.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.provenanceaudit.io.ForeignEncoding;
import org.provenanceaudit.io.InputFileReader;
import org.provenanceaudit.io.SourceFileReader;
import org.provenanceaudit.io.InvalidRowException;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads one mapped file into rows and rejected rows, as {@link InputFileReader} reads a contract
 * file and into the same {@link InputFileReader.Sink}: every record reaches exactly one of the two,
 * in file order, with the file's own name and the line its record starts on. The file is decoded in
 * its declared encoding (a byte order mark is dropped) and cut into records by commons-csv in its
 * declared dialect, or into lines for JSON Lines, on the calling thread; turning records into model
 * records runs on the workers, {@value #BATCH} at a time.
 *
 * <p>A byte sequence the encoding cannot decode, or quoting commons-csv cannot read, ends the file
 * there: the rows before it are kept, and the {@link IOException} says where, which the input reader
 * turns into one rejected row.
 */
public final class MappedFileReader implements SourceFileReader {

  static final int BATCH = 512;
  private static final int BATCHES_IN_FLIGHT = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MappedFile mapped;
  private final MappedSource source;
  private final CSVFormat format;

  public MappedFileReader(MappedFile mapped) {
    this.mapped = mapped;
    this.source = mapped.source();
    this.format = csvFormat(source.dialect());
  }

  /** {@code mapped CSV (mapping FILE)} or {@code mapped JSON Lines (mapping FILE)}. */
  @Override
  public String format() {
    return source.formatLabel();
  }

  /** A mapped export skips no record: each is a row or a rejected row. */
  @Override
  public long skipped() {
    return 0;
  }

  /**
   * Reads {@code in} (already decompressed) to its end.
   *
   * @throws MissingColumnException when a mapped column is no longer in the header (the file
   *     changed after {@link #checkStart} passed)
   * @throws IOException when the bytes stop decoding or the quoting breaks; rows before reach the sink first
   */
  @Override
  public void read(InputStream in, InputFileReader.RowModel model, InputFileReader.Sink sink, ExecutorService workers)
      throws IOException, MissingColumnException {
    Reader reader = decoding(in, source.dialect().encoding());
    long line = skipLines(reader, source.dialect().skipLines());
    Batches batches = new Batches(model, sink, workers);
    try {
      if (source.jsonLines()) {
        MappedRow.Plan plan = plan(Map.of());
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
          line++;
          if (!text.isBlank()) {
            batches.add(new Raw(line, text, null, -1, plan));
          }
        }
      } else {
        readDelimited(reader, line, batches);
      }
    } catch (IOException | UncheckedIOException e) {
      batches.finish();
      IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
      throw new IOException(
          cause instanceof CharacterCodingException
              ? "bytes that are not " + source.dialect().encoding() + " after line " + batches.lastLine
              : "unreadable " + (source.jsonLines() ? "JSON Lines" : "delimited text") + " after line " + batches.lastLine + ": " + cause.getMessage(),
          cause);
    } catch (RuntimeException | Error e) {
      batches.abandon();
      throw e;
    }
    batches.finish();
  }

  private void readDelimited(Reader reader, long skipped, Batches batches) throws IOException, MissingColumnException {
    CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    Iterator<CSVRecord> records = parser.iterator();
    MappedRow.Plan plan;
    int width = -1;
    long linesRead = 0;
    if (source.dialect().header()) {
      if (!records.hasNext()) {
        return;
      }
      List<String> header = records.next().toList();
      linesRead = parser.getCurrentLineNumber();
      try {
        plan = plan(columns(header));
      } catch (MappingException e) {
        throw new MissingColumnException(mapped.file(), e.getMessage() + " (the file changed after the run started)");
      }
      width = header.size();
    } else {
      plan = plan(positions());
    }
    while (records.hasNext()) {
      CSVRecord record = records.next();
      long line = skipped + linesRead + 1;
      linesRead = parser.getCurrentLineNumber();
      List<String> cells = record.toList();
      if (cells.size() == 1 && cells.get(0).isEmpty()) {
        continue;
      }
      batches.add(new Raw(line, null, cells, width, plan));
    }
  }

  /**
   * Checks, before the run, that the start of {@code file}'s bytes agrees with its source: a
   * declared UTF-8 or Windows-1252 file does not start as UTF-16 (nor the reverse), and a header
   * names every mapped column once.
   *
   * @throws MappingException naming the mapping file, the source and the key ({@code
   *     dialect.encoding}, {@code fields.asset_id.column})
   */
  public static void checkStart(MappedFile file, InputStream in) throws MappingException, IOException {
    MappedSource source = file.source();
    byte[] start = new byte[ForeignEncoding.PROBE_BYTES];
    int length = in.readNBytes(start, 0, start.length);
    Optional<String> foreign = ForeignEncoding.of(start, length);
    boolean utf16 = source.dialect().encoding().startsWith("UTF-16");
    if (foreign.isPresent() != utf16 && length > 0) {
      throw new MappingException(
          source.origin(), source.label(), "dialect.encoding",
          file.file() + (foreign.isPresent() ? " is " + foreign.get() : " is not UTF-16 (no byte order mark, no NUL bytes)")
              + ", not " + source.dialect().encoding() + ": declare the encoding it is written in");
    }
    if (source.jsonLines() || !source.dialect().header()) {
      return;
    }
    Reader reader = decoding(new SequenceInputStream(new ByteArrayInputStream(start, 0, length), in), source.dialect().encoding());
    skipLines(reader, source.dialect().skipLines());
    List<String> header;
    try {
      CSVParser parser = CSVParser.builder().setReader(reader).setFormat(csvFormat(source.dialect())).get();
      Iterator<CSVRecord> records = parser.iterator();
      header = records.hasNext() ? records.next().toList() : null;
    } catch (UncheckedIOException e) {
      throw new MappingException(source.origin(), source.label(), "dialect", file.file() + ": the header row cannot be read: " + e.getCause().getMessage());
    }
    if (header != null) {
      new MappedFileReader(file).columns(header);
    }
  }

  /** Where each column a rule names by header name sits; the header's names match trimmed, in any case. */
  private Map<String, Integer> columns(List<String> header) throws MappingException {
    Map<String, List<Integer>> byName = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      byName.computeIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
    }
    Map<String, Integer> columns = positions();
    for (FieldRule rule : source.fields().values()) {
      if (rule.from() != FieldRule.From.COLUMN) {
        continue;
      }
      List<Integer> at = byName.getOrDefault(rule.name().toLowerCase(Locale.ROOT), List.of());
      String key = "fields." + rule.field() + ".column";
      if (at.isEmpty()) {
        throw new MappingException(
            source.origin(), source.label(), key,
            "\"" + rule.name() + "\" is not a column of " + mapped.file() + " (its columns: " + String.join(", ", new LinkedHashSet<>(header)) + ")"
                + otherDelimiter(header));
      }
      if (at.size() > 1) {
        throw new MappingException(
            source.origin(), source.label(), key, "\"" + rule.name() + "\" names columns " + (at.get(0) + 1) + " and " + (at.get(1) + 1) + " of " + mapped.file() + ": name it by position");
      }
      columns.put(rule.field(), at.get(0));
    }
    return columns;
  }

  /** A one-column header that another delimiter would split: the usual cause of a missing column. */
  private String otherDelimiter(List<String> header) {
    if (header.size() != 1) {
      return "";
    }
    for (char d : new char[] {',', ';', '\t', '|'}) {
      if (d != source.dialect().delimiter() && header.get(0).indexOf(d) >= 0) {
        return "; the header looks " + (d == '\t' ? "tab" : "\"" + d + "\"") + "-delimited: set dialect.delimiter";
      }
    }
    return "";
  }

  /** The 0-based cell of each rule that names its column by position. */
  private Map<String, Integer> positions() {
    Map<String, Integer> columns = new HashMap<>();
    for (FieldRule rule : source.fields().values()) {
      if (rule.from() == FieldRule.From.POSITION) {
        columns.put(rule.field(), rule.position() - 1);
      }
    }
    return columns;
  }

  private MappedRow.Plan plan(Map<String, Integer> columns) {
    return new MappedRow.Plan(source.fields(), columns, mapped.captures(), new LinkedHashSet<>(source.kind().requiredFields()));
  }

  private static CSVFormat csvFormat(Dialect dialect) {
    return CSVFormat.RFC4180.builder()
        .setDelimiter(dialect.delimiter())
        .setQuote(dialect.quote())
        .setIgnoreEmptyLines(false)
        .get();
  }

  /**
   * {@code in} decoded strictly in {@code encoding}, without its byte order mark. UTF-16 without a
   * mark is read in the byte order its NUL bytes show.
   */
  static Reader decoding(InputStream in, String encoding) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    String charset = encoding;
    if (encoding.equals("UTF-16")) {
      buffered.mark(ForeignEncoding.PROBE_BYTES);
      byte[] start = buffered.readNBytes(ForeignEncoding.PROBE_BYTES);
      buffered.reset();
      String found = ForeignEncoding.of(start, start.length).orElse("");
      charset = found.endsWith("without BOM") ? (found.contains("little") ? "UTF-16LE" : "UTF-16BE") : "UTF-16";
    }
    PushbackReader reader =
        new PushbackReader(
            new InputStreamReader(
                buffered,
                Charset.forName(charset).newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
            1);
    int first = reader.read();
    if (first >= 0 && first != '\uFEFF') {
      reader.unread(first);
    }
    return reader;
  }

  /** Skips {@code count} lines (ended by LF, CRLF or CR); returns how many were there. */
  private static long skipLines(Reader reader, int count) throws IOException {
    long skipped = 0;
    while (skipped < count) {
      int c = reader.read();
      if (c < 0) {
        break;
      }
      if (c == '\n') {
        skipped++;
      } else if (c == '\r') {
        skipped++;
        int next = reader.read();
        if (next != '\n' && next >= 0) {
          ((PushbackReader) reader).unread(next);
        }
      }
    }
    return skipped;
  }

  /**
   * One record on its way to a worker: a JSON line's text, or a delimited record's cells with the
   * header's width (-1 for a file without a header, whose rows may be of any width).
   */
  private record Raw(long line, String text, List<String> cells, int width, MappedRow.Plan plan) {}

  /** Records in flight to the workers and back, delivered in file order. */
  private final class Batches {
    private final InputFileReader.RowModel model;
    private final InputFileReader.Sink sink;
    private final ExecutorService workers;
    private final ArrayDeque<Future<List<Object>>> inFlight = new ArrayDeque<>();
    private List<Raw> batch = new ArrayList<>(BATCH);
    long lastLine;

    Batches(InputFileReader.RowModel model, InputFileReader.Sink sink, ExecutorService workers) {
      this.model = model;
      this.sink = sink;
      this.workers = workers;
    }

    void add(Raw raw) {
      lastLine = raw.line();
      batch.add(raw);
      if (batch.size() == BATCH) {
        submit();
      }
      while (inFlight.size() > BATCHES_IN_FLIGHT) {
        deliver(inFlight.poll());
      }
    }

    void finish() {
      submit();
      while (!inFlight.isEmpty()) {
        deliver(inFlight.poll());
      }
    }

    void abandon() {
      inFlight.forEach(future -> future.cancel(true));
      inFlight.clear();
    }

    private void submit() {
      if (!batch.isEmpty()) {
        List<Raw> full = batch;
        inFlight.add(workers.submit(() -> parse(full, model)));
        batch = new ArrayList<>(BATCH);
      }
    }

    private void deliver(Future<List<Object>> parsed) {
      List<Object> outcomes;
      try {
        outcomes = InputFileReader.awaitBatch(parsed, mapped.file());
      } catch (RuntimeException | Error e) {
        abandon();
        throw e;
      }
      InputFileReader.deliver(outcomes, sink);
    }
  }

  /** One batch, on a worker: each record's row or rejection, in order. */
  private List<Object> parse(List<Raw> batch, InputFileReader.RowModel model) {
    List<Object> outcomes = new ArrayList<>(batch.size());
    for (Raw raw : batch) {
      SourcePosition position = new SourcePosition(mapped.file(), raw.line());
      // A delimited record's text is written back from its cells only when a report shows it.
      Supplier<String> rawText = raw.text() != null ? raw::text : () -> rawText(raw.cells());
      try {
        MappedRow row;
        if (raw.text() != null) {
          row = new MappedRow(raw.plan(), null, object(raw.text()), position, rawText);
        } else if (raw.width() >= 0 && raw.cells().size() != raw.width()) {
          throw new InvalidRowException("wrong number of cells: " + raw.cells().size() + ", the header has " + raw.width());
        } else {
          row = new MappedRow(raw.plan(), raw.cells(), null, position, rawText);
        }
        outcomes.add(new InputFileReader.ParsedRow(model.parse(row), model.id(row), position, rawText));
      } catch (InvalidRowException e) {
        outcomes.add(new RejectedRow(source.kind().contractName(), mapped.file(), raw.line(), rawText.get(), e.getMessage()));
      }
    }
    return outcomes;
  }

  /**
   * The record's cells written back in the file's dialect, for the reports: a cell is quoted only
   * when it holds the delimiter, the quote or a line break. Done here rather than by {@link
   * CSVFormat#format}, which builds a printer per call and cost more than reading the row.
   */
  private String rawText(List<String> cells) {
    char delimiter = source.dialect().delimiter();
    Character quote = source.dialect().quote();
    StringBuilder text = new StringBuilder(128);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        text.append(delimiter);
      }
      String cell = cells.get(i);
      boolean quoted = quote != null && needsQuotes(cell, delimiter, quote);
      if (quoted) {
        text.append(quote).append(cell.replace(String.valueOf(quote), String.valueOf(quote) + quote)).append(quote);
      } else {
        text.append(cell);
      }
    }
    return text.toString();
  }

  private static boolean needsQuotes(String cell, char delimiter, char quote) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private static JsonNode object(String text) throws InvalidRowException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidRowException("broken JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRowException("broken JSON: a line must hold one JSON object");
    }
    return node;
  }
}
