package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.AuditCommandEndToEndTest.Result;

/**
 * What the audit does with the input files real exports come as (issue 15): special files among
 * the inputs, spreadsheets' encodings and dialects stop the job before it starts (status 2, one
 * line naming the file and why); rejected rows reach their files in (file, line) order; hidden
 * characters in free text are visible in the CSV reports.
 */
class InputFilesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("sample-data");

  @TempDir Path work;

  /** A copy of the sample input tables, to spoil one way per test. */
  private Path sampleCopy() throws IOException {
    Path input = Files.createDirectories(work.resolve("input"));
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches(".*\\.(csv|jsonl)")).toList()) {
        Files.copy(file, input.resolve(file.getFileName()));
      }
    }
    return input;
  }

  private Result audit(Path input, String... extra) {
    Path output = work.resolve("out");
    String[] args = Stream.concat(Stream.of("--input=" + input, "--output=" + output, "--quiet=true"), Stream.of(extra)).toArray(String[]::new);
    return AuditCommandEndToEndTest.command(output, args);
  }

  private void assertStopsBeforeTheRun(Result run, String line) {
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals("provenance-audit: " + line + "\n", run.err());
    assertFalse(Files.exists(run.dir()));
  }

  private static void mkfifo(Path path) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor());
  }

  private static final String NOT_A_FILE = " (every matched input must be a readable regular file)";

  @Test
  @Timeout(60)
  void aFifoNamedByTheAssetsOptionStopsTheJobInsteadOfBlocking() throws Exception {
    Path input = sampleCopy();
    Path fifo = work.resolve("assets.csv");
    mkfifo(fifo);
    assertStopsBeforeTheRun(audit(input, "--assets=" + fifo), "--assets=" + fifo + ": " + fifo + " is a FIFO" + NOT_A_FILE);
  }

  /** An empty .gz (an export cut off before it began) is named for what it is, not as "cannot be read: null". */
  @Test
  void anEmptyCompressedFileStopsTheJobSayingSo() throws Exception {
    Path input = sampleCopy();
    Path empty = Files.write(input.resolve("assets-2.csv.gz"), new byte[0]);
    assertStopsBeforeTheRun(audit(input), empty + ": cannot be read: it ends early (an empty or cut-off compressed file)");
  }

  @Test
  @Timeout(60)
  void aFifoInTheInputFolderStopsTheJob() throws Exception {
    Path input = sampleCopy();
    mkfifo(input.resolve("tool-events-live.jsonl"));
    assertStopsBeforeTheRun(
        audit(input), "--input=" + input + ": " + input.resolve("tool-events-live.jsonl") + " is a FIFO" + NOT_A_FILE);
  }

  @Test
  void aLinkToAMissingFileIsNotSkipped() throws Exception {
    Path input = sampleCopy();
    Files.createSymbolicLink(input.resolve("assets-share.csv"), work.resolve("unmounted/assets.csv"));
    assertStopsBeforeTheRun(
        audit(input), "--input=" + input + ": " + input.resolve("assets-share.csv") + " is a link to a missing file" + NOT_A_FILE);
  }

  @Test
  void aFolderOrALinkLoopNamedLikeAnInputIsNotSkipped() throws Exception {
    Path input = sampleCopy();
    Files.createDirectory(input.resolve("consents-2025.csv"));
    assertStopsBeforeTheRun(
        audit(input), "--input=" + input + ": " + input.resolve("consents-2025.csv") + " is a folder" + NOT_A_FILE);
    Files.delete(input.resolve("consents-2025.csv"));
    Files.createSymbolicLink(input.resolve("disclosures-a.csv"), input.resolve("disclosures-a.csv"));
    assertStopsBeforeTheRun(
        audit(input), "--input=" + input + ": " + input.resolve("disclosures-a.csv") + " is a link loop" + NOT_A_FILE);
  }

  @Test
  void aLinkToARegularFileIsReadAndTheSummaryListsEveryFileRead() throws Exception {
    Path input = sampleCopy();
    Files.move(input.resolve("consents.csv"), work.resolve("consents.csv"));
    Files.createSymbolicLink(input.resolve("consents.csv"), work.resolve("consents.csv"));
    Files.writeString(input.resolve("consents-extra.csv"), "consent_id,talent_id,production_id,scope\nC-X,T-X,P-X,voice\n");
    Result run = audit(input, "--failOn=none");
    assertEquals(0, run.status(), run.err());
    JsonNode consents = JSON.readTree(run.dir().resolve("summary.json").toFile()).get("inputs").get("consents");
    assertEquals(
        List.of(input.resolve("consents-extra.csv").toString(), input.resolve("consents.csv").toString()),
        JSON.convertValue(consents.get("files"), List.class));
  }

  @Test
  void aUtf16TraceFileIsNamedForWhatItIs() throws Exception {
    Path input = sampleCopy();
    byte[] text = Files.readString(input.resolve("otlp-traces.jsonl")).getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[text.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(text, 0, withBom, 2, text.length);
    Files.write(input.resolve("otlp-traces.jsonl"), withBom);
    assertStopsBeforeTheRun(
        audit(input), input.resolve("otlp-traces.jsonl") + ": UTF-16 little-endian with BOM: save as UTF-8 OTLP/JSON (UTF-8 is the only encoding read)");
  }

  @Test
  void withoutToolEventsTheErrorNamesTheTracesAsTheOtherWayIn() throws Exception {
    Path input = sampleCopy();
    Files.delete(input.resolve("tool-events.jsonl"));
    Files.delete(input.resolve("otlp-traces.jsonl"));
    assertStopsBeforeTheRun(
        audit(input),
        "no tool-events input: --input=" + input + " holds no tool-events* file (.csv, .jsonl or .ndjson (optionally .gz)) and --toolEvents is not set;"
            + " tool events may also come as OpenTelemetry GenAI spans: an otlp-traces* file (.json, .jsonl, .ndjson, .pb or .binpb (optionally .gz or .zst))"
            + " in --input, or --otlpTraces=GLOB");
  }

  /** A studio that tags its spans studio.show_code instead of production.id says so in the mapping file, and nothing else changes. */
  @Test
  void theMappingFilesOtlpAttributesRenameASpanAttribute() throws Exception {
    Path input = sampleCopy();
    Files.writeString(input.resolve("otlp-traces.jsonl"), Files.readString(input.resolve("otlp-traces.jsonl")).replace("\"production.id\"", "\"studio.show_code\""));
    Result unmapped = audit(input, "--failOn=none");
    assertEquals(0, unmapped.status(), unmapped.err());
    JsonNode traces = JSON.readTree(unmapped.dir().resolve("summary.json").toFile()).get("inputs").get("tool-events").get("sources").get(0);
    assertEquals(List.of(8L, 0L, 7L, 1L), counts(traces), "without the mapping no GenAI span has a production id");

    Files.writeString(input.resolve("mapping.yaml"), "otlp_attributes:\n  production_id: studio.show_code\n");
    Path output = work.resolve("out-mapped");
    Result mapped = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true", "--failOn=none");
    assertEquals(0, mapped.status(), mapped.err());
    traces = JSON.readTree(output.resolve("summary.json").toFile()).get("inputs").get("tool-events").get("sources").get(0);
    assertEquals("OTLP JSON", traces.get("format").asText());
    assertEquals(List.of(8L, 6L, 1L, 1L), counts(traces), "the mapped attribute gives the production id");
    assertTrue(Files.readString(output.resolve("findings.jsonl")).contains("\"subject_id\":\"7f3a9c2e4b1d0a02\""));
  }

  private static List<Long> counts(JsonNode tally) {
    return List.of(tally.get("read").asLong(), tally.get("accepted").asLong(), tally.get("rejected").asLong(), tally.get("skipped").asLong());
  }

  @Test
  void aUtf16FileIsNamedForWhatItIs() throws Exception {
    Path input = sampleCopy();
    byte[] text = Files.readString(input.resolve("consents.csv")).getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[text.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(text, 0, withBom, 2, text.length);
    Files.write(input.resolve("consents.csv"), withBom);
    assertStopsBeforeTheRun(
        audit(input), input.resolve("consents.csv") + ": UTF-16 little-endian with BOM: save as UTF-8 CSV (UTF-8 is the only encoding read)");
    Files.write(input.resolve("consents.csv"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 'c', 0, 0, 0});
    assertStopsBeforeTheRun(
        audit(input), input.resolve("consents.csv") + ": UTF-32 little-endian with BOM: save as UTF-8 CSV (UTF-8 is the only encoding read)");
    Files.delete(input.resolve("consents.csv"));
    Files.write(input.resolve("tool-events.jsonl"), "{}\n".getBytes(StandardCharsets.UTF_16BE));
    assertStopsBeforeTheRun(
        audit(input),
        input.resolve("tool-events.jsonl") + ": UTF-16 big-endian without BOM: save as UTF-8 JSON Lines (UTF-8 is the only encoding read)");
  }

  @Test
  void aSemicolonOrTabDelimitedHeaderIsNamedForWhatItIs() throws Exception {
    Path input = sampleCopy();
    Files.writeString(input.resolve("consents.csv"), "consent_id;talent_id;production_id;scope\nC-1;T-1;P-1;voice\n");
    String lacks = ": the header lacks the required column consent_id: the header looks ";
    String save = "; save it with commas (a CSV file's delimiter is the comma)";
    assertStopsBeforeTheRun(audit(input), input.resolve("consents.csv") + lacks + "`;`-delimited" + save);
    Files.writeString(input.resolve("consents.csv"), "consent_id\ttalent_id\tproduction_id\tscope\nC-1\tT-1\tP-1\tvoice\n");
    assertStopsBeforeTheRun(audit(input), input.resolve("consents.csv") + lacks + "tab-delimited" + save);
  }

  @Test
  void rejectedRowsOfManyFilesComeInFileThenLineOrder() throws Exception {
    Path input = sampleCopy();
    Files.writeString(input.resolve("tool-events-b.jsonl"), "b1\n{\"event_id\":\"E-1001\"}\nb3\n");
    Files.writeString(input.resolve("tool-events-a.jsonl"), "a1\na2\n");
    Result run = audit(input, "--failOn=none");
    assertEquals(0, run.status(), run.err());
    List<String> places = Files.readAllLines(run.dir().resolve("rejected/tool-events.jsonl")).stream()
        .map(line -> {
          try {
            JsonNode row = JSON.readTree(line);
            return Path.of(row.get("file").asText()).getFileName() + ":" + row.get("line").asLong();
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        })
        .filter(place -> !place.startsWith("tool-events.jsonl"))
        .toList();
    assertEquals(
        List.of("otlp-traces.jsonl:5", "tool-events-a.jsonl:1", "tool-events-a.jsonl:2", "tool-events-b.jsonl:1", "tool-events-b.jsonl:2", "tool-events-b.jsonl:3"),
        places);
  }

  @Test
  void hiddenCharactersInAPromptAreVisibleInTheCsvReportAndExactInFindings() throws Exception {
    Path input = sampleCopy();
    Path events = input.resolve("tool-events.jsonl");
    Files.writeString(events, Files.readString(events).replace("harbour at night", "harbour \\u202eat night"));
    Result run = audit(input, "--failOn=none", "--includePrompts=true");
    assertEquals(0, run.status(), run.err());
    String csv = Files.readString(run.dir().resolve("undisclosed-genai-usage.csv"));
    assertTrue(csv.contains("harbour <U+202E>at night"), csv);
    assertFalse(csv.contains("\u202e"));
    assertTrue(Files.readString(run.dir().resolve("findings.jsonl")).contains("harbour \u202eat night"));
  }

  @Test
  void aRejectedIdShowsItsHiddenCharacterEscapedInTheRejectedFile() throws Exception {
    Path input = sampleCopy();
    Path assets = input.resolve("assets.csv");
    Files.writeString(assets, Files.readString(assets) + "E\u202eFDP.exe,P-SERIES,V-VFX-NORTH,final,,,,,,,,,,,\n");
    Result run = audit(input, "--failOn=none");
    assertEquals(0, run.status(), run.err());
    String rejected = Files.readString(run.dir().resolve("rejected/assets.jsonl"));
    assertTrue(rejected.contains("\"reason\":\"asset_id holds U+202E RIGHT-TO-LEFT OVERRIDE\",\"raw\":\"E\\u202eFDP.exe,"), rejected);
    assertFalse(rejected.contains("\u202e"));
  }
}
