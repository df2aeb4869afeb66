package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real command on {@code sample-data/} and checks the reports against the expectations
 * written down in {@code sample-data/README.md}: every finding, nothing more; every rejected row;
 * the reconciliation; the success marker; byte-identical reruns; the exit statuses.
 */
class AuditCommandEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("sample-data");

  @TempDir static Path work;
  private static Result first;

  record Result(int status, String out, String err, Path dir) {}

  static Result audit(Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input=" + SAMPLE, "--assetsRoot=" + SAMPLE, "--output=" + output, "--quiet=true"));
    args.addAll(List.of(extra));
    return command(output, args.toArray(String[]::new));
  }

  /** Runs the command with exactly these arguments, capturing what it prints. */
  static Result command(Path output, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), output);
  }

  @BeforeAll
  static void auditTheSampleData() {
    first = audit(work.resolve("first"));
  }

  /** (rule, subject, performer) triples from the table between the README's markers. */
  static Set<String> expectedFindings() throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE.resolve("README.md"));
    int start = lines.indexOf("<!-- expected-findings:start -->");
    int end = lines.indexOf("<!-- expected-findings:end -->");
    Set<String> expected = new TreeSet<>();
    for (String line : lines.subList(start + 3, end)) {
      String[] cells = line.split("\\|");
      expected.add(cells[1].trim() + " " + cells[2].trim() + " " + cells[3].trim());
    }
    return expected;
  }

  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  @Test
  void findsExactlyTheFindingsTheSampleReadmeLists() throws IOException {
    Set<String> actual = new TreeSet<>();
    for (JsonNode f : jsonLines(first.dir().resolve("findings.jsonl"))) {
      actual.add(f.get("rule").asText() + " " + f.get("subject_id").asText() + " " + (f.get("talent_id").isNull() ? "" : f.get("talent_id").asText()));
    }
    Set<String> expected = expectedFindings();
    assertEquals(54, expected.size(), "the README's table");
    assertEquals(expected, actual);
  }

  @Test
  void everyFindingCarriesWhatTheContractRequires() throws IOException {
    for (JsonNode f : jsonLines(first.dir().resolve("findings.jsonl"))) {
      for (String field : List.of("finding_id", "rule", "principle", "severity", "production_id", "vendor_id", "subject_type", "subject_id", "evidence", "remediation")) {
        assertFalse(f.get(field).asText().isBlank(), field + " of " + f);
      }
      assertTrue(f.get("finding_id").asText().matches("F-[0-9a-f]{20}"));
      assertTrue(f.get("evidence").asText().contains(f.get("subject_id").asText().replace("(unidentified)", "")), "evidence names the subject: " + f);
    }
  }

  @Test
  void rejectsTheBadRowsWithFileLineAndReasonAndReconciles() throws IOException {
    List<String> rejected = new ArrayList<>();
    try (Stream<Path> files = Files.list(first.dir().resolve("rejected"))) {
      for (Path file : files.sorted().toList()) {
        for (JsonNode row : jsonLines(file)) {
          rejected.add(row.get("input").asText() + ":" + row.path("line").asText(row.path("production_id").asText()));
        }
      }
    }
    assertEquals(
        List.of("assets:37", "assets:46", "consents:7", "lineage:P-SERIES", "tool-events:31", "tool-events:32", "tool-events:33", "tool-events:34"),
        rejected);
    JsonNode inputs = JSON.readTree(first.dir().resolve("summary.json").toFile()).get("inputs");
    long[][] expected = {{52, 50, 2}, {34, 30, 4}, {9, 9, 0}, {6, 5, 1}, {2, 2, 0}};
    String[] kinds = {"assets", "tool-events", "disclosures", "consents", "productions"};
    for (int i = 0; i < kinds.length; i++) {
      JsonNode input = inputs.get(kinds[i]);
      assertArrayEquals(expected[i], new long[] {input.get("read").asLong(), input.get("accepted").asLong(), input.get("rejected").asLong()}, kinds[i]);
    }
  }

  @Test
  void writesEveryReportAndMarksSuccessAndPrintsASummary() {
    for (String file : List.of("_SUCCESS", "findings.jsonl", "summary.json", "asset-scan.jsonl", "undisclosed-genai-usage.csv", "retained-generated-material.csv", "likeness-ip-risks.csv", "data-handling-risks.csv", "report.html")) {
      assertTrue(Files.isRegularFile(first.dir().resolve(file)), file);
    }
    assertTrue(first.out().contains("findings: 54, 15 critical, 26 high, 10 medium, 3 low"), first.out());
    assertTrue(first.out().contains("tool-events      34        30         4"), first.out());
  }

  @Test
  void criticalFindingsGiveExitStatusOneAndFailOnNoneGivesZero() {
    assertEquals(AuditCommand.FINDINGS_AT_OR_ABOVE_THRESHOLD, first.status(), first.err());
    assertEquals(AuditCommand.OK, audit(work.resolve("lenient"), "--failOn=none").status());
  }

  @Test
  void aRerunGivesByteIdenticalOutputs() throws IOException {
    Result again = audit(work.resolve("again"));
    try (Stream<Path> files = Files.walk(first.dir())) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Path twin = again.dir().resolve(first.dir().relativize(file));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(twin), "differs: " + first.dir().relativize(file));
      }
    }
  }

  @Test
  void csvCellsThatLookLikeFormulasAreNeutralised() throws IOException {
    String csv = Files.readString(first.dir().resolve("undisclosed-genai-usage.csv"));
    assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\")"), "E-1002's prompt excerpt starts with '");
    assertFalse(csv.contains(",=HYPERLINK") || csv.contains(",\"=HYPERLINK"));
  }

  @Test
  void aMissingRequiredColumnStopsBeforeTheRunWithOneLineAndStatusTwo() throws IOException {
    Path input = Files.createDirectories(work.resolve("broken-input"));
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".md")).toList()) {
        Files.copy(file, input.resolve(file.getFileName()));
      }
    }
    Files.writeString(input.resolve("consents.csv"), "consent_id,production_id,scope\nC-1,P-SERIES,voice\n");
    Path output = work.resolve("never-written");
    Result run = command(output, "--input=" + input, "--output=" + output);
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status());
    assertEquals("provenance-audit: " + input.resolve("consents.csv") + ": the header lacks the required column talent_id\n", run.err());
    assertFalse(Files.exists(output));
  }

  /** With nothing accepted there is no production to audit, and the reports must still say why. */
  @Test
  void whenEveryRowIsRejectedTheReportsStillListThemAndTheCounts() throws IOException {
    Path input = Files.createDirectories(work.resolve("all-rejected"));
    Files.writeString(input.resolve("assets.csv"), "asset_id,production_id,vendor_id,deliverable_status\nA-1,P-1,V-1,delivered\n");
    Files.writeString(input.resolve("tool-events.jsonl"), "{\"event_id\": broken\n");
    for (String name : List.of("disclosures.csv", "consents.csv", "productions.csv")) {
      Files.writeString(input.resolve(name), Files.readAllLines(SAMPLE.resolve(name)).get(0) + "\n");
    }
    Path output = work.resolve("all-rejected-out");
    Result run = command(output, "--input=" + input, "--output=" + output);
    assertEquals(0, run.status(), run.err());
    JsonNode summary = JSON.readTree(output.resolve("summary.json").toFile());
    assertEquals(0, summary.get("findings").get("total").asLong());
    assertEquals(1, jsonLines(output.resolve("rejected/assets.jsonl")).size());
    assertEquals(1, jsonLines(output.resolve("rejected/tool-events.jsonl")).size());
    assertTrue(Files.exists(output.resolve("report.html")));
  }

  @Test
  void aBaselineMarksFindingsPersistingAndListsNoneResolved() throws IOException {
    Result next = audit(work.resolve("next"), "--baseline=" + first.dir(), "--asOf=2026-06-01");
    JsonNode changes = JSON.readTree(next.dir().resolve("summary.json").toFile()).get("changes");
    assertEquals(0, changes.get("new").asLong());
    assertEquals(54, changes.get("persisting").asLong());
    assertEquals(0, changes.get("resolved").asLong());
    for (JsonNode f : jsonLines(next.dir().resolve("findings.jsonl"))) {
      assertEquals("persisting", f.get("change").asText());
    }
  }
}
