package org.provenanceaudit.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads one input file into rows and rejected rows, never dropping one: every record that is read
 * reaches exactly one of the two sinks. A header that lacks a required column is a configuration
 * error ({@link MissingColumnException}), raised before any row is read.
 */
public final class InputFileReader {

  /** Where the records of a file go. */
  public interface Sink {
    void row(SourceRow row);

    void rejected(RejectedRow rejected);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CSVFormat CSV = CSVFormat.RFC4180;

  private final InputKind kind;
  private final String fileName;
  private final InputFormat format;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  public InputFileReader(InputKind kind, String fileName) {
    this.kind = kind;
    this.fileName = fileName;
    this.format =
        InputFormat.ofFileName(fileName)
            .orElseThrow(() -> new IllegalArgumentException("not an input file name: " + fileName));
  }

  /** Reads {@code in} (already decompressed) to its end. */
  public void read(InputStream in, Sink sink) throws IOException, MissingColumnException {
    RecordSplitter splitter = new RecordSplitter(in, format);
    if (format == InputFormat.CSV) {
      readCsv(splitter, sink);
    } else {
      readJsonLines(splitter, sink);
    }
  }

  /**
   * The CSV header's column names, lower-cased, or empty for an empty file; checked against the
   * kind's required columns.
   */
  public List<String> readHeader(InputStream in) throws IOException, MissingColumnException {
    RecordSplitter.Record header = new RecordSplitter(in, InputFormat.CSV).next();
    return header == null ? List.of() : checkedHeader(header);
  }

  private void readCsv(RecordSplitter splitter, Sink sink) throws IOException, MissingColumnException {
    RecordSplitter.Record headerRecord = splitter.next();
    if (headerRecord == null) {
      return;
    }
    List<String> header = checkedHeader(headerRecord);
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i), i);
    }
    CsvBatch batch = new CsvBatch(columns, header.size(), sink);
    for (RecordSplitter.Record record = splitter.next(); record != null; record = splitter.next()) {
      SourcePosition position = new SourcePosition(fileName, record.firstLine());
      Decoded decoded = decode(record);
      String problem = decoded.problem().orElse(structuralProblem(record));
      if (problem != null) {
        batch.flush();
        sink.rejected(reject(position, decoded.text(), problem));
        continue;
      }
      batch.add(position, decoded.text());
    }
    batch.flush();
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
    private final Map<String, Integer> columns;
    private final int width;
    private final Sink sink;
    private final List<SourcePosition> positions = new ArrayList<>(SIZE);
    private final List<String> texts = new ArrayList<>(SIZE);
    private final List<Integer> starts = new ArrayList<>(SIZE);
    private final StringBuilder joined = new StringBuilder();

    CsvBatch(Map<String, Integer> columns, int width, Sink sink) {
      this.columns = columns;
      this.width = width;
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
      if (cells.size() != width) {
        sink.rejected(reject(position, text, "wrong number of cells: " + cells.size() + ", the header has " + width));
        return;
      }
      sink.row(new CsvSourceRow(columns, cells, position, text));
    }
  }

  private void readJsonLines(RecordSplitter splitter, Sink sink) throws IOException {
    for (RecordSplitter.Record record = splitter.next(); record != null; record = splitter.next()) {
      SourcePosition position = new SourcePosition(fileName, record.firstLine());
      Decoded decoded = decode(record);
      String problem = decoded.problem().orElse(record.oversized() ? oversized() : null);
      if (problem != null) {
        sink.rejected(reject(position, decoded.text(), problem));
        continue;
      }
      if (decoded.text().isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(decoded.text());
      } catch (JsonProcessingException e) {
        sink.rejected(reject(position, decoded.text(), "broken JSON: " + firstClause(e.getOriginalMessage())));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.rejected(reject(position, decoded.text(), "broken JSON: a line must hold one JSON object"));
        continue;
      }
      sink.row(new JsonSourceRow(node, position, decoded.text()));
    }
  }

  private List<String> checkedHeader(RecordSplitter.Record record) throws MissingColumnException {
    Decoded decoded = decode(record);
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
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    for (String required : kind.requiredFields()) {
      if (!names.contains(required)) {
        throw new MissingColumnException(fileName, "the header lacks the required column " + required);
      }
    }
    return names;
  }

  private static String structuralProblem(RecordSplitter.Record record) {
    if (record.unterminatedQuote()) {
      return "broken quoting: a quoted field is not closed before the end of the file";
    }
    return record.oversized() ? oversized() : null;
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

  private Decoded decode(RecordSplitter.Record record) {
    ByteBuffer bytes = ByteBuffer.wrap(record.bytes(), 0, record.length());
    CharBuffer chars = CharBuffer.allocate(record.length());
    utf8.reset();
    CoderResult result = utf8.decode(bytes, chars, true);
    if (result.isError()) {
      int offset = bytes.position() + 1;
      String lenient = new String(record.bytes(), 0, Math.min(record.length(), RejectedRow.RAW_TEXT_LIMIT), StandardCharsets.UTF_8);
      return new Decoded(lenient, Optional.of("invalid UTF-8 at byte " + offset + " of the record"));
    }
    utf8.flush(chars);
    chars.flip();
    return new Decoded(chars.toString(), Optional.empty());
  }
}
