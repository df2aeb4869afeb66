package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.OtlpAttributes;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.mapping.MappedInputs;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.report.InputTally;

/**
 * The files of an input read side by side give exactly what one reader reading them one after the
 * other in path order gives: the same records, the same rejected rows in the same order with the
 * same reasons (a later file's repeat of an id names the first file's line), the same counts per
 * file. The inputs are the sample data cut into several files that repeat each other's rows, the
 * way a re-export or an overlapping export does.
 */
class ReadInputSideBySideTest {

  private static final Path SAMPLE = Path.of("sample-data");
  /** What the pipeline's records step emitted, unpacked; the DirectRunner runs in this JVM. */
  private static final ConcurrentLinkedQueue<Object> EMITTED = new ConcurrentLinkedQueue<>();

  @TempDir Path work;

  @Test
  void assetsCutIntoOverlappingCsvFilesReadAsOneReaderReadsThem() throws Exception {
    List<String> lines = Files.readAllLines(SAMPLE.resolve("assets.csv"));
    String header = lines.get(0);
    List<String> rows = lines.subList(1, lines.size());
    Path a = write("assets-a.csv", header, rows.subList(0, 30));
    List<String> b = new ArrayList<>(rows.subList(24, 40));
    b.add(5, "A-BROKEN,P-SERIES,too,few,cells");
    b.add(rows.get(26)); // a repeat within this file of an id first seen in assets-a.csv
    b.add(rows.get(35)); // a repeat within this file of an id first seen in this file
    b.addAll(rows.subList(40, rows.size()));
    Path bFile = write("assets-b.csv", header, b);
    Path c = write("assets-c.csv", header, rows.subList(0, 30)); // the whole first file exported again
    List<String> files = List.of(c.toString(), a.toString(), bFile.toString()); // any order: read in path order

    Outcome sideBySide = readSideBySide(InputKind.ASSETS, files, SourceFormats.CONTRACT, assetRecords());
    Outcome oneReader = readOneAfterAnother(InputKind.ASSETS, Asset.class, files, SourceFormats.CONTRACT);

    assertEquals(oneReader.rejected(), sideBySide.rejected());
    assertEquals(oneReader.records(), sideBySide.records());
    assertEquals(oneReader.tally(), sideBySide.tally());
    // The first of assets-b.csv's two rows of A-S-154 repeats assets-a.csv's, and so does its second.
    assertEquals(
        List.of(bFile + ":4 duplicate id asset_id=A-S-154 (first at " + a + ":28)", bFile + ":19 duplicate id asset_id=A-S-154 (first at " + a + ":28)"),
        sideBySide.rejected().stream().filter(row -> row.file().equals(bFile.toString()) && row.rawText().startsWith("A-S-154,")).map(row -> row.file() + ":" + row.line() + " " + row.reason()).toList());
    assertEquals(30, sideBySide.rejected().stream().filter(row -> row.file().equals(c.toString())).count(), "every row of the re-export is a duplicate");
    assertEquals(sideBySide.tally().read(), sideBySide.tally().accepted() + sideBySide.tally().rejected());
  }

  @Test
  void toolEventsFromJsonLinesAndOtlpTracesWithSpansRepeatedAcrossFilesReadAsOneReaderReadsThem() throws Exception {
    List<String> events = Files.readAllLines(SAMPLE.resolve("tool-events.jsonl"));
    List<String> spans = Files.readAllLines(SAMPLE.resolve("otlp-traces.jsonl"));
    Path eventsA = write("tool-events-a.jsonl", null, events);
    List<String> eventsB = new ArrayList<>(events.subList(2, 10));
    eventsB.add(3, "{\"event_id\": \"E-BROKEN\", ");
    eventsB.add(events.get(4));
    Path eventsBFile = write("tool-events-b.jsonl", null, eventsB);
    Path spansA = write("otlp-traces-a.jsonl", null, spans);
    // A line of several spans sent twice by a retrying exporter, then once more in the same file.
    Path spansB = write("otlp-traces-b.jsonl", null, List.of(spans.get(1), spans.get(4), spans.get(1)));
    List<String> files = List.of(eventsA.toString(), eventsBFile.toString(), spansA.toString(), spansB.toString());
    SourceFormats formats = new SourceFormats(List.of(spansA.toString(), spansB.toString()), OtlpAttributes.DEFAULTS, MappedInputs.NONE);

    Outcome sideBySide = readSideBySide(InputKind.TOOL_EVENTS, files, formats, eventRecords());
    Outcome oneReader = readOneAfterAnother(InputKind.TOOL_EVENTS, ToolEvent.class, files, formats);

    assertEquals(oneReader.rejected(), sideBySide.rejected());
    assertEquals(oneReader.records(), sideBySide.records());
    assertEquals(oneReader.tally(), sideBySide.tally());
    assertTrue(
        sideBySide.rejected().stream().anyMatch(row -> row.file().equals(spansB.toString()) && row.line() == 3 && row.reason().contains("(first at " + spansA + ":2)")),
        "the spans of the line sent a third time name their first occurrence, in the other file");
    assertTrue(sideBySide.tally().skipped() > 0, "the spans that are not GenAI spans are counted as skipped");
  }

  /**
   * The progress lines' row counts (the readers' metrics, and on a cluster their status files) end
   * at the reports' counts: a row a reader accepted that turns out to repeat an id of an earlier
   * file is counted rejected, as one reader counts it, not accepted twice.
   */
  @Test
  void theProgressCountsOfFilesReadSideBySideEndAtOneReadersCounts() throws Exception {
    List<String> lines = Files.readAllLines(SAMPLE.resolve("assets.csv"));
    List<String> rows = lines.subList(1, 31);
    Path a = write("assets-a.csv", lines.get(0), rows);
    Path again = write("assets-b.csv", lines.get(0), rows); // the same rows exported again
    List<String> files = List.of(a.toString(), again.toString());
    Path staging = Files.createDirectories(work.resolve("staging-progress"));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(ReadInput.of(InputKind.ASSETS, files, SourceFormats.CONTRACT, assetRecords(), staging.toString(), true));
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    InputTally tally = readOneAfterAnother(InputKind.ASSETS, Asset.class, files, SourceFormats.CONTRACT).tally();

    assertEquals(Map.of("assets.accepted", tally.accepted(), "assets.rejected", tally.rejected()), ReadStatusFiles.read(staging), "the status files");
    assertEquals(Map.of("assets.accepted", tally.accepted(), "assets.rejected", tally.rejected()), rowCounters(result), "the metrics");
  }

  private static Map<String, Long> rowCounters(PipelineResult result) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      String name = counter.getName().getName();
      if (name.endsWith(".accepted") || name.endsWith(".rejected")) {
        counts.merge(name, counter.getCommitted(), Long::sum);
      }
    }
    return counts;
  }

  /** An input of one file takes the reader's word: no settling step, the same outcome. */
  @Test
  void anInputOfOneFileReadsAsBefore() throws Exception {
    List<String> lines = Files.readAllLines(SAMPLE.resolve("assets.csv"));
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    rows.add(rows.get(3));
    Path only = write("assets.csv", lines.get(0), rows);
    List<String> files = List.of(only.toString());
    Outcome sideBySide = readSideBySide(InputKind.ASSETS, files, SourceFormats.CONTRACT, assetRecords());
    assertEquals(readOneAfterAnother(InputKind.ASSETS, Asset.class, files, SourceFormats.CONTRACT), sideBySide);
    RejectedRow last = sideBySide.rejected().get(sideBySide.rejected().size() - 1);
    assertEquals(rows.size() + 1, last.line());
    assertTrue(last.reason().endsWith("(first at " + only + ":5)"), last.reason());
  }

  private record Outcome(List<Object> records, List<RejectedRow> rejected, InputTally tally) {}

  private static InputRecords<Asset> assetRecords() {
    return new InputRecords<>(ModelCoders.ASSET, Asset::productionId, Asset::assetId, Asset::source);
  }

  private static InputRecords<ToolEvent> eventRecords() {
    return new InputRecords<>(ModelCoders.TOOL_EVENT, ToolEvent::productionId, ToolEvent::eventId, ToolEvent::source);
  }

  private Path write(String name, String header, List<String> rows) throws IOException {
    List<String> all = new ArrayList<>();
    if (header != null) {
      all.add(header);
    }
    all.addAll(rows);
    return Files.write(Files.createDirectories(work.resolve("in")).resolve(name), all, StandardCharsets.UTF_8);
  }

  private <T> Outcome readSideBySide(InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records)
      throws IOException {
    Path staging = Files.createDirectories(work.resolve("staging-" + kind.contractName()));
    EMITTED.clear();
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(ReadInput.of(kind, files, formats, records, staging.toString(), true)).apply(ParDo.of(new Collect<>(records.coder())));
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish());
    // What the report writer does first.
    new WriteReports.InputFiles(Map.of(kind, files), formats).settleDuplicates(staging.toString());

    Map<String, Integer> count = Map.of(kind.contractName(), files.size());
    List<RejectedRow> rejected = new ArrayList<>();
    StagedParts.rejectedRows(staging.toString(), count).forEach(kind.contractName(), rejected::add);
    InputTally tally =
        StagedParts.readTallies(staging.toString(), count).stream().filter(t -> t.inputKind().equals(kind.contractName())).findFirst().orElseThrow();
    List<Object> emitted = new ArrayList<>(EMITTED);
    emitted.sort(BY_SOURCE_THEN_ID);
    return new Outcome(emitted, rejected, tally);
  }

  /** The reference: one {@link InputReader} reading every file in path order, as the audit did before files were read side by side. */
  private static <T> Outcome readOneAfterAnother(InputKind kind, Class<T> type, List<String> files, SourceFormats formats) throws Exception {
    List<String> inOrder = files.stream().sorted().toList();
    InputReader<T> reader = ReadInput.reader(kind, type, formats);
    List<Object> records = new ArrayList<>();
    List<RejectedRow> rejected = new ArrayList<>();
    reader.readAll(inOrder, records::add, rejected::add);
    records.sort(BY_SOURCE_THEN_ID);
    return new Outcome(
        records,
        rejected,
        new InputTally(kind.contractName(), inOrder, reader.read(), reader.accepted(), reader.rejected(), reader.skipped(), reader.sources()));
  }

  /** Where a record was read, then its id: the spans of one OTLP line share their position, and an accepted id is unique. */
  private static final Comparator<Object> BY_SOURCE_THEN_ID =
      Comparator.comparing(ReadInputSideBySideTest::source).thenComparing(ReadInputSideBySideTest::id);

  private static SourcePosition source(Object record) {
    return record instanceof Asset asset ? asset.source() : ((ToolEvent) record).source();
  }

  private static String id(Object record) {
    return record instanceof Asset asset ? asset.assetId() : ((ToolEvent) record).eventId();
  }

  private static final class Collect<T> extends DoFn<KV<String, byte[]>, Void> {
    private final RecordCoder<T> coder;

    Collect(RecordCoder<T> coder) {
      this.coder = coder;
    }

    @ProcessElement
    public void process(@Element KV<String, byte[]> chunk) {
      EMITTED.addAll(Chunks.unpack(List.of(chunk.getValue()), coder));
    }
  }
}
