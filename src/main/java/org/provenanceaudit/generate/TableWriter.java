package org.provenanceaudit.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.provenanceaudit.model.Fields;

/**
 * Streams the rows of one input and mixes into them, at places drawn from its own random stream,
 * an exact number of malformed rows. The rows' places are drawn one slot at a time (selection
 * sampling), so nothing but counters is held however large the input. An input written as several
 * files gets them in contiguous slices of its planned rows, in row order, each file with its own
 * header (and BOM), so that reading the files in path order gives the rows of the single file.
 */
final class TableWriter implements Closeable {

  private static final int BUFFER = 1 << 20;
  private static final String[] BAD_ENUMS = {"finalised", "tbd", "GENERATE IMAGE", "approved-by-phone"};
  private static final String[] BAD_TIMESTAMPS = {"2024-13-45T10:00:00Z", "31/02/2024", "yesterday", "2024-05-06 25:61"};
  private static final String[] BAD_BOOLEANS = {"maybe", "2", "y?"};

  private final InputTable table;
  private final Path dir;
  private final List<String> fileNames;
  private final RowEncoder encoder;
  private final boolean bom;
  private final long plannedRows;
  private Writer out;
  private int file;
  private final SplittableRandom random;
  private final List<Defect> defects;
  private final boolean spans;
  private final Map<Defect, Long> planted = new EnumMap<>(Defect.class);
  private Supplier<String[]> freshRow;
  private String[] lastRow;
  private long slotsLeft;
  private long malformedLeft;
  private long rows;

  /**
   * Opens the input's first file.
   *
   * @param totalRows rows the input will hold, malformed ones included
   * @param malformed how many of those are malformed
   * @param mapped write the assets as a ShotGrid-like export ({@link ShotGridAssets}) instead of the contract
   * @param spans write tool events as OpenTelemetry GenAI spans ({@link OtlpToolEvents}) instead of the contract
   * @param files how many files the input is written as (1 to {@link GeneratorSettings#MAX_FILES}): file
   *     {@code k} (from 0) gets the rows from {@code k * totalRows / files} on, the last also any rows
   *     written beyond {@code totalRows}; see {@link #shardName} for their names
   * @throws IOException when the first file cannot be created */
  TableWriter(Path dir, InputTable table, OutputFormat format, long totalRows, long malformed,
      SplittableRandom random, boolean mapped, boolean spans, int files) throws IOException {
    this.table = table;
    this.dir = dir;
    boolean shotGrid = mapped && table == InputTable.ASSETS;
    this.spans = spans && table == InputTable.TOOL_EVENTS;
    String fileName = shotGrid ? ShotGridAssets.FILE_NAME : this.spans ? OtlpToolEvents.FILE_NAME : format.fileName(table);
    this.fileNames = IntStream.range(0, files).mapToObj(k -> shardName(fileName, k, files)).toList();
    boolean json = this.spans || (!shotGrid && format.jsonLines(table));
    // Spreadsheet exports differ: one table comes with a BOM, one with CRLF line ends.
    this.encoder = shotGrid ? new ShotGridAssets() : this.spans ? new OtlpToolEvents() : json ? RowEncoder.jsonLines(table)
        : RowEncoder.csv(table, table == InputTable.DISCLOSURES ? "\r\n" : "\n");
    this.bom = !json && table == InputTable.PRODUCTIONS;
    this.random = random;
    this.defects = this.spans ? Defect.applicableToSpans() : Defect.applicable(table, json);
    this.plannedRows = totalRows;
    this.slotsLeft = totalRows;
    this.malformedLeft = malformed;
    this.out = open(0);
  }

  /**
   * The name of file {@code k} (from 0) of an input written as {@code files} files: the single
   * file's name when there is one, else Beam's shard name template {@code -SSSSS-of-NNNNN} put
   * before the file's endings ({@code tool-events-00001-of-00004.jsonl.gz}). The name keeps the
   * input's prefix and endings, which is how the audit's {@code --input} scan finds an input's
   * files, and the numbers are zero-padded, so path order is row order.
   */
  static String shardName(String fileName, int k, int files) {
    if (files == 1) {
      return fileName;
    }
    int dot = fileName.indexOf('.');
    return fileName.substring(0, dot) + String.format(Locale.ROOT, "-%05d-of-%05d", k + 1, files)
        + fileName.substring(dot);
  }

  private Writer open(int k) throws IOException {
    String name = fileNames.get(k);
    OutputStream stream = Files.newOutputStream(dir.resolve(name));
    if (name.endsWith(".gz")) {
      stream = new BackgroundGzip(stream, name);
    }
    Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
    if (bom) {
      writer.write('\uFEFF');
    }
    encoder.header(writer);
    return writer;
  }

  /** Moves on to the file the next row belongs in, closing the ones before it (and opening any left empty). */
  private void startRow() throws IOException {
    while (file + 1 < fileNames.size() && rows >= firstRowOf(file + 1)) {
      nextFile();
    }
  }

  private long firstRowOf(int k) {
    return Math.multiplyExact(plannedRows, (long) k) / fileNames.size();
  }

  private void nextFile() throws IOException {
    encoder.endBatch(out);
    Writer finished = out;
    out = null;
    finished.close();
    out = open(++file);
  }

  InputTable table() {
    return table;
  }

  /** The input's first file's name; the only one's unless it is written as several. */
  String fileName() {
    return fileNames.get(0);
  }

  /** The names of the input's files, in path order, which is row order. */
  List<String> fileNames() {
    return fileNames;
  }

  /** The defects this file can carry, in the order expected.json lists them. */
  List<Defect> defects() {
    return defects;
  }

  /** Where malformed rows get a fresh, otherwise valid row to break (set per production). */
  void freshRows(Supplier<String[]> supplier) {
    this.freshRow = supplier;
  }

  /** Writes a valid row, after any malformed rows whose turn comes first. */
  void write(String[] row) throws IOException {
    while (slotsLeft > 0 && malformedLeft > 0
        && random.nextDouble() * slotsLeft < malformedLeft) {
      writeMalformed();
      slotsLeft--;
      malformedLeft--;
    }
    startRow();
    encoder.row(out, row);
    lastRow = row;
    rows++;
    slotsLeft--;
  }

  long rows() {
    return rows;
  }

  Map<Defect, Long> planted() {
    return planted;
  }

  long malformed() {
    return planted.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Writes the malformed rows still due and finishes the input's files, every one of them created. */
  @Override
  public void close() throws IOException {
    try {
      while (malformedLeft > 0) {
        writeMalformed();
        malformedLeft--;
      }
      while (file + 1 < fileNames.size()) {
        nextFile();
      }
      encoder.endBatch(out);
    } finally {
      if (out != null) {
        out.close();
      }
    }
  }

  private void writeMalformed() throws IOException {
    startRow();
    Defect defect = defects.get(random.nextInt(defects.size()));
    if (defect == Defect.DUPLICATE_ID && lastRow == null) {
      defect = Defect.MISSING_REQUIRED;
    }
    String[] row = defect == Defect.DUPLICATE_ID ? lastRow.clone() : freshRow.get();
    switch (defect) {
      case BAD_ENUM -> row[pick(InputTable.Kind.ENUM, InputTable.Kind.MULTI_ENUM)] = pick(BAD_ENUMS);
      case BAD_TIMESTAMP -> row[pick(InputTable.Kind.TIMESTAMP, InputTable.Kind.TIMESTAMP)] = pick(BAD_TIMESTAMPS);
      case BAD_BOOLEAN -> row[pick(InputTable.Kind.BOOL, InputTable.Kind.BOOL)] = pick(BAD_BOOLEANS);
      case MISSING_REQUIRED -> row[requiredField()] = "";
      case WRONG_CELL_COUNT -> row = resized(row);
      case BROKEN_JSON -> {
        String json = encoder.text(row);
        encoder.endBatch(out);
        out.write(json, 0, json.length() / 2);
        out.write('\n');
        row = null;
      }
      case DUPLICATE_ID -> { }
    }
    if (row != null) {
      encoder.row(out, row);
    }
    planted.merge(defect, 1L, Long::sum);
    rows++;
  }

  private String[] resized(String[] row) {
    String[] resized = java.util.Arrays.copyOf(row, random.nextBoolean() ? row.length + 1 : row.length - 1);
    if (resized.length > row.length) {
      resized[row.length] = "extra";
    }
    return resized;
  }

  private int pick(InputTable.Kind kind, InputTable.Kind orKind) {
    List<InputTable.Field> fields = table.fields();
    int count = 0;
    for (InputTable.Field field : fields) {
      if (field.kind() == kind || field.kind() == orKind) {
        count++;
      }
    }
    int chosen = random.nextInt(count);
    for (int i = 0; i < fields.size(); i++) {
      if ((fields.get(i).kind() == kind || fields.get(i).kind() == orKind) && chosen-- == 0) {
        return i;
      }
    }
    throw new IllegalStateException("no " + kind + " field in " + table);
  }

  /**
   * A required field other than the id when there is one, so the row still has an identity. A
   * span's operation is never left out: without {@code gen_ai.operation.name} a span is not a tool
   * event at all, and is skipped rather than rejected.
   */
  private int requiredField() {
    List<InputTable.Field> fields = table.fields();
    int count = 0;
    for (int i = 1; i < fields.size(); i++) {
      if (blankable(fields.get(i))) {
        count++;
      }
    }
    if (count == 0) {
      return 0;
    }
    int chosen = random.nextInt(count);
    for (int i = 1; i < fields.size(); i++) {
      if (blankable(fields.get(i)) && chosen-- == 0) {
        return i;
      }
    }
    throw new IllegalStateException();
  }

  private boolean blankable(InputTable.Field field) {
    return field.required() && !(spans && field.name().equals(Fields.OPERATION));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
