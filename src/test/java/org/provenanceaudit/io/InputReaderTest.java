package org.provenanceaudit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.DeliverableStatus;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.ToolEvent;

/** Every class of bad input the contract names: rejected with file, line and reason, and counted. */
class InputReaderTest {

  /** What reading gave: accepted rows, rejected rows and the reader's counts. */
  private static final class Read<T> {
    final List<T> rows = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();
    InputReader<T> reader;

    RejectedRow onlyRejected() {
      assertEquals(1, rejected.size(), () -> "rejected: " + rejected);
      return rejected.get(0);
    }
  }

  private static final Map<String, byte[]> MEMORY = new HashMap<>();

  private static InputStream open(String file) throws IOException {
    if (MEMORY.containsKey(file)) {
      return new ByteArrayInputStream(MEMORY.get(file));
    }
    InputStream in = InputReaderTest.class.getResourceAsStream(file);
    if (in == null) {
      throw new IOException("no fixture " + file);
    }
    return in;
  }

  private static <T> Read<T> read(InputKind kind, Class<T> type, String... files) throws MissingColumnException {
    Read<T> read = new Read<>();
    read.reader = new InputReader<>(kind, type, InputReaderTest::open);
    read.reader.readAll(Arrays.asList(files), read.rows::add, read.rejected::add);
    assertEquals(read.reader.read(), read.reader.accepted() + read.reader.rejected(), "read = accepted + rejected");
    assertEquals(read.rows.size(), read.reader.accepted());
    assertEquals(read.rejected.size(), read.reader.rejected());
    return read;
  }

  private static Read<Asset> assets(String... files) throws MissingColumnException {
    return read(InputKind.ASSETS, Asset.class, files);
  }

  private static String inMemory(String name, byte[] bytes) {
    MEMORY.put(name, bytes);
    return name;
  }

  @Test
  void missingRequiredColumnIsAConfigurationErrorNamingFileAndColumn() {
    MissingColumnException e =
        assertThrows(MissingColumnException.class, () -> assets("assets-missing-deliverable-status.csv"));
    assertEquals(
        "assets-missing-deliverable-status.csv: the header lacks the required column deliverable_status", e.getMessage());
  }

  @Test
  void headersMatchInAnyCaseUnknownColumnsAreIgnoredAndListsAreTrimmed() throws Exception {
    Read<Asset> read = assets("assets-headers-in-any-case.csv");
    Asset asset = read.rows.get(0);
    assertEquals(DeliverableStatus.FINAL, asset.deliverableStatus());
    assertEquals(List.of("T-1", "T-2"), asset.talentIds());
  }

  @Test
  void byteOrderMarkAndCrlfLineEndingsAreRead() throws Exception {
    Read<Asset> read = assets("assets-bom-and-crlf.csv");
    assertEquals(List.of("A-1", "A-2"), read.rows.stream().map(Asset::assetId).toList());
    assertEquals(DeliverableStatus.TEMP, read.rows.get(1).deliverableStatus());
    assertEquals(3, read.rows.get(1).source().line());
  }

  @Test
  void unknownEnumerationValueRejectsTheRowAndNamesTheAllowedValues() throws Exception {
    Read<Asset> read = assets("assets-bad-enum.csv");
    RejectedRow rejected = read.onlyRejected();
    assertEquals("assets-bad-enum.csv", rejected.file());
    assertEquals(2, rejected.line());
    assertEquals("A-1,P-1,V-1,delivered", rejected.rawText());
    assertEquals(
        "invalid deliverable_status=\"delivered\" (expected one of final, temp, working, archived)", rejected.reason());
    assertEquals(1, read.rows.size());
  }

  @Test
  void timestampsNeedAnOffsetOrArePlainDates() throws Exception {
    Read<Asset> read = assets("assets-bad-timestamps.csv");
    assertEquals(2, read.rejected.size());
    assertTrue(read.rejected.get(0).reason().startsWith("invalid timestamp created_at=\"03/04/2026\""));
    assertTrue(read.rejected.get(1).reason().startsWith("invalid timestamp created_at=\"2026-03-04T10:15:00\""));
    assertEquals(Instant.parse("2026-03-04T09:15:00Z"), read.rows.get(0).createdAt());
  }

  @Test
  void wrongNumberOfCellsRejectsOnlyThatRow() throws Exception {
    Read<Asset> read = assets("assets-wrong-cell-count.csv");
    assertEquals(List.of("A-1", "A-4"), read.rows.stream().map(Asset::assetId).toList());
    assertEquals(List.of(3L, 4L), read.rejected.stream().map(RejectedRow::line).toList());
    assertEquals("wrong number of cells: 3, the header has 4", read.rejected.get(0).reason());
    assertEquals("wrong number of cells: 5, the header has 4", read.rejected.get(1).reason());
  }

  @Test
  void textAfterAClosingQuoteRejectsTheRowAndReadingResumesAfterIt() throws Exception {
    Read<Asset> read = assets("assets-text-after-closing-quote.csv");
    RejectedRow rejected = read.onlyRejected();
    assertEquals(2, rejected.line());
    assertTrue(rejected.reason().startsWith("broken quoting"), rejected.reason());
    assertEquals(List.of("A-2"), read.rows.stream().map(Asset::assetId).toList());
  }

  @Test
  void unbalancedQuoteRejectsTheRestOfTheFileAsOneRecordAndKeepsWhatCameBefore() throws Exception {
    Read<Asset> read = assets("assets-unbalanced-quote.csv");
    assertEquals(List.of("A-1"), read.rows.stream().map(Asset::assetId).toList());
    RejectedRow rejected = read.onlyRejected();
    assertEquals(3, rejected.line());
    assertEquals("broken quoting: a quoted field is not closed before the end of the file", rejected.reason());
    assertTrue(rejected.rawText().contains("A-3"), "the swallowed row is in the raw text: " + rejected.rawText());
  }

  /**
   * Rows are cut into cells many at a time; a broken row among them must still be judged alone,
   * with its own reason, and the rows around it kept.
   */
  @Test
  void brokenRowsAmongManyGoodRowsAreRejectedAloneWithTheirOwnReasons() throws Exception {
    StringBuilder csv = new StringBuilder("asset_id,production_id,vendor_id,deliverable_status\n");
    for (int i = 1; i <= 600; i++) {
      csv.append(
              i == 100
                  ? "A-100,P-1,V-1,\"final\"x"
                  : i == 400 ? "A-400,P-1,V-1,fi\rnal" : i == 401 ? "A-401,P-1,V-1" : "A-" + i + ",P-1,V-1,final")
          .append('\n');
    }
    Read<Asset> read = assets(inMemory("assets-broken-among-many.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(101L, 401L, 402L), read.rejected.stream().map(RejectedRow::line).toList());
    assertTrue(read.rejected.get(0).reason().startsWith("broken quoting"), read.rejected.get(0).reason());
    assertTrue(read.rejected.get(1).reason().startsWith("broken quoting"), read.rejected.get(1).reason());
    assertEquals("wrong number of cells: 3, the header has 4", read.rejected.get(2).reason());
    assertEquals(597, read.rows.size());
    assertEquals("A-600", read.rows.get(596).assetId());
    assertEquals(601, read.rows.get(596).source().line());
  }

  @Test
  void quotedFieldsHoldCommasQuotesAndNewlinesAndLinesCountFromTheRecordStart() throws Exception {
    Read<Asset> read = assets("assets-quoted-newline-comma-quote.csv");
    assertEquals(List.of("brand:acme", "artwork:\"The Pier\", 1987\nmusic:sea-shanty"), read.rows.get(0).ipRefs());
    assertEquals(2, read.rows.get(0).source().line());
    assertEquals(4, read.rows.get(1).source().line());
  }

  @Test
  void duplicateIdKeepsTheFirstByFileAndLineAndRejectsTheRest() throws Exception {
    Read<Asset> read = assets("assets-duplicate-id.csv");
    assertEquals("P-1", read.rows.get(0).productionId());
    RejectedRow rejected = read.onlyRejected();
    assertEquals(4, rejected.line());
    assertEquals("duplicate id asset_id=A-1 (first at assets-duplicate-id.csv:2)", rejected.reason());
  }

  @Test
  void duplicateIdsAcrossFilesFollowTheOrderOfTheFiles() throws Exception {
    Read<Asset> read = assets("assets-duplicate-id.csv", "assets-bad-enum.csv");
    assertEquals(List.of("A-1", "A-2"), read.rows.stream().map(Asset::assetId).toList());
    assertEquals(
        List.of("duplicate id asset_id=A-1 (first at assets-duplicate-id.csv:2)", "invalid deliverable_status=\"delivered\" (expected one of final, temp, working, archived)", "duplicate id asset_id=A-2 (first at assets-duplicate-id.csv:3)"),
        read.rejected.stream().map(RejectedRow::reason).toList());
  }

  @Test
  void emptyFileAndHeaderOnlyFileHoldNoRows() throws Exception {
    assertEquals(0, assets("assets-empty.csv").reader.read());
    assertEquals(0, assets("assets-header-only.csv").reader.read());
  }

  @Test
  void gzipIsReadByTheFileName() throws Exception {
    String file = inMemory("assets-gzipped.csv.gz", gzip("asset_id,production_id,vendor_id,deliverable_status\nA-1,P-1,V-1,final\n"));
    assertEquals(List.of("A-1"), assets(file).rows.stream().map(Asset::assetId).toList());
  }

  @Test
  void truncatedGzipKeepsTheRowsBeforeTheBreakAndRejectsTheRest() throws Exception {
    StringBuilder csv = new StringBuilder("asset_id,production_id,vendor_id,deliverable_status\n");
    for (int i = 0; i < 5000; i++) {
      csv.append("A-").append(i).append(",P-1,V-").append(i * 7919 % 1000).append(",final\n");
    }
    byte[] whole = gzip(csv.toString());
    String file = inMemory("assets-truncated.csv.gz", Arrays.copyOf(whole, whole.length / 2));
    Read<Asset> read = assets(file);
    assertTrue(read.rows.size() > 100 && read.rows.size() < 5000, "rows before the break: " + read.rows.size());
    RejectedRow rejected = read.onlyRejected();
    assertEquals(read.rows.size() + 2, rejected.line());
    assertTrue(rejected.reason().startsWith("the file could not be read past this point"), rejected.reason());
  }

  @Test
  void anInputFileAWorkerCannotOpenStopsTheRunNamingTheFileAndTheHostInsteadOfBecomingARejectedRow() {
    IllegalStateException stop = assertThrows(IllegalStateException.class, () -> assets("assets-on-an-unmounted-share.csv"));
    assertTrue(stop.getMessage().startsWith("input file assets-on-an-unmounted-share.csv cannot be opened on " + WorkerHost.name()
        + " (IOException: no fixture assets-on-an-unmounted-share.csv): every worker must see the inputs"), stop.getMessage());
  }

  @Test
  void invalidUtf8RejectsThatRowOnly() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("asset_id,production_id,vendor_id,deliverable_status\nA-1,P-1,V-".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes(",final\nA-2,P-1,Vendör,final\n".getBytes(StandardCharsets.UTF_8));
    Read<Asset> read = assets(inMemory("assets-invalid-utf8.csv", bytes.toByteArray()));
    RejectedRow rejected = read.onlyRejected();
    assertEquals(2, rejected.line());
    assertEquals("invalid UTF-8 at byte 11 of the record", rejected.reason());
    assertEquals("Vendör", read.rows.get(0).vendorId());
  }

  @Test
  void aOneMegabyteFieldIsReadWholeAndItsRawTextIsCutForTheRejectedReport() throws Exception {
    String big = "x".repeat(1 << 20);
    String csv = "asset_id,production_id,vendor_id,deliverable_status,media_type\nA-1,P-1,V-1,final,\"" + big + "\"\nA-2,P-1,V-1,bogus,\"" + big + "\"\n";
    Read<Asset> read = assets(inMemory("assets-big-field.csv", csv.getBytes(StandardCharsets.UTF_8)));
    assertEquals(big, read.rows.get(0).mediaType());
    assertEquals(RejectedRow.RAW_TEXT_LIMIT, read.onlyRejected().rawText().length());
  }

  /** Rows are parsed a batch at a time on several threads; they still arrive in file order, and a duplicate many batches later still names the first. */
  @Test
  void rowsArriveInFileOrderAndDuplicatesAreFoundAcrossBatches() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 1; i <= 3000; i++) {
      String id = i == 2999 ? "E-5" : "E-" + i;
      jsonl.append("{\"event_id\":\"").append(id).append("\",\"timestamp\":\"2026-03-04T10:15:00Z\",\"production_id\":\"P-1\",")
          .append("\"vendor_id\":\"V-1\",\"tool_id\":\"firefly-ent\",\"operation\":\"").append(i % 700 == 0 ? "paint" : "generate").append("\"}\n");
    }
    Read<ToolEvent> read = read(InputKind.TOOL_EVENTS, ToolEvent.class, inMemory("events-many.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8)));
    List<Long> lines = read.rows.stream().map(e -> e.source().line()).toList();
    assertEquals(lines.stream().sorted().toList(), lines, "rows in file order");
    assertEquals(3000 - 4 - 1, read.rows.size());
    assertEquals(List.of(700L, 1400L, 2100L, 2800L, 2999L), read.rejected.stream().map(RejectedRow::line).toList());
    assertEquals("duplicate id event_id=E-5 (first at events-many.jsonl:5)", read.rejected.get(4).reason());
  }

  /** A JSON escape can spell half a surrogate pair; such an id is not text, and must not pass for another. */
  @Test
  void halfASurrogatePairRejectsTheRowInsteadOfPassingForAnotherId() throws Exception {
    String event = "\"timestamp\":\"2026-03-04T10:15:00Z\",\"production_id\":\"P-1\",\"vendor_id\":\"V-1\",\"tool_id\":\"t\",\"operation\":\"generate\"}\n";
    String jsonl =
        "{\"event_id\":\"E-\\ud800\"," + event
            + "{\"event_id\":\"E-?\"," + event
            + "{\"event_id\":\"E-\\ud83c\\udfac\"," + event;
    Read<ToolEvent> read = read(InputKind.TOOL_EVENTS, ToolEvent.class, inMemory("events-surrogates.jsonl", jsonl.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("E-?", "E-\ud83c\udfac"), read.rows.stream().map(ToolEvent::eventId).toList());
    RejectedRow rejected = read.onlyRejected();
    assertEquals(1, rejected.line());
    assertEquals("field event_id holds half of a surrogate pair (\\ud800), which is not text", rejected.reason());
  }

  /** A failure inside the parsing (a bug, not bad input) stops the reading: nothing after it is delivered as if read. */
  @Test
  void aParsingFailureStopsTheReadAndIsTheErrorThatSurfaces() throws Exception {
    StringBuilder csv = new StringBuilder("asset_id,production_id,vendor_id,deliverable_status\n");
    for (int i = 0; i < 6000; i++) {
      csv.append("A-").append(i).append(",P-1,V-1,final\n");
    }
    InputFileReader.RowModel failing =
        new InputFileReader.RowModel() {
          @Override
          public Object parse(SourceRow row) throws InvalidRowException {
            String id = row.text("asset_id");
            if (id.equals("A-100") || id.equals("A-2000")) {
              throw new IllegalStateException("failure at " + id);
            }
            return id;
          }

          @Override
          public String id(SourceRow row) throws InvalidRowException {
            return row.text("asset_id");
          }
        };
    List<String> delivered = new ArrayList<>();
    InputFileReader.Sink sink =
        new InputFileReader.Sink() {
          @Override
          public void row(InputFileReader.ParsedRow row) {
            delivered.add(row.id());
          }

          @Override
          public void rejected(RejectedRow rejected) {
            delivered.add("rejected at " + rejected.line());
          }
        };
    java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  new InputFileReader(InputKind.ASSETS, "a.csv")
                      .read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), failing, sink, workers));
      assertEquals("failure at A-100", e.getMessage());
      assertEquals(List.of(), delivered, "the failing batch is the first one");
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void jsonLinesRowsAreCheckedLikeCsvRows() throws Exception {
    Read<ToolEvent> read = read(InputKind.TOOL_EVENTS, ToolEvent.class, "tool-events-mixed.jsonl");
    assertEquals(List.of("E-1", "E-4"), read.rows.stream().map(ToolEvent::eventId).toList());
    ToolEvent first = read.rows.get(0);
    assertEquals(Operation.GENERATE, first.operation());
    assertEquals(List.of("A-1", "A-2"), first.inputAssetIds());
    assertEquals(List.of("A-3", "A-4"), first.outputAssetIds());
    ToolEvent fourth = read.rows.get(1);
    assertEquals(Deployment.CONSUMER, fourth.deployment());
    assertEquals(Instant.parse("2026-03-02T08:00:00Z"), fourth.timestamp());
    assertEquals(List.of(3L, 4L, 5L), read.rejected.stream().map(RejectedRow::line).toList());
    assertTrue(read.rejected.get(0).reason().startsWith("broken JSON: "), read.rejected.get(0).reason());
    assertFalse(read.rejected.get(0).reason().contains("\n"), "a reason is one line");
    assertEquals("broken JSON: a line must hold one JSON object", read.rejected.get(1).reason());
    assertEquals("missing required value operation", read.rejected.get(2).reason());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
