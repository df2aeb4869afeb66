package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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

  /** A copy of the sample's files (not its folders) in {@code folder}, created; returns {@code folder}. */
  static Path sampleCopy(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    return folder;
  }

  /** The two outputs hold the same report files, byte for byte. */
  static void assertSameReportFiles(Path expected, Path actual) throws IOException {
    List<Path> reports = reportFiles(expected);
    assertEquals(reports, reportFiles(actual));
    for (Path report : reports) {
      assertArrayEquals(Files.readAllBytes(expected.resolve(report)), Files.readAllBytes(actual.resolve(report)), "differs: " + report);
    }
  }

  private static List<Path> reportFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
    }
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
    assertEquals(62, expected.size(), "the README's table");
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
          String source = row.hasNonNull("file") ? Path.of(row.get("file").asText()).getFileName() + ":" : "";
          rejected.add(row.get("input").asText() + ":" + source + row.path("line").asText(row.path("production_id").asText()));
        }
      }
    }
    assertEquals(
        List.of(
            "assets:assets.csv:37", "assets:assets.csv:46", "consents:consents.csv:7", "lineage:P-SERIES", "tool-events:otlp-traces.jsonl:5",
            "tool-events:tool-events.jsonl:31", "tool-events:tool-events.jsonl:32", "tool-events:tool-events.jsonl:33", "tool-events:tool-events.jsonl:34"),
        rejected);
    JsonNode inputs = JSON.readTree(first.dir().resolve("summary.json").toFile()).get("inputs");
    long[][] expected = {{52, 50, 2, 0}, {42, 36, 5, 1}, {9, 9, 0, 0}, {6, 5, 1, 0}, {2, 2, 0, 0}};
    String[] kinds = {"assets", "tool-events", "disclosures", "consents", "productions"};
    for (int i = 0; i < kinds.length; i++) {
      assertArrayEquals(expected[i], counts(inputs.get(kinds[i])), kinds[i]);
    }
    JsonNode sources = inputs.get("tool-events").get("sources");
    assertEquals("OTLP JSON", sources.get(0).get("format").asText());
    assertArrayEquals(new long[] {8, 6, 1, 1}, counts(sources.get(0)), "otlp-traces.jsonl: the HTTP span is skipped, not GenAI");
    assertEquals("contract JSON Lines", sources.get(1).get("format").asText());
    assertArrayEquals(new long[] {34, 30, 4, 0}, counts(sources.get(1)), "tool-events.jsonl");
  }

  private static long[] counts(JsonNode tally) {
    return new long[] {tally.get("read").asLong(), tally.get("accepted").asLong(), tally.get("rejected").asLong(), tally.get("skipped").asLong()};
  }

  @Test
  void writesEveryReportAndMarksSuccessAndPrintsASummary() throws IOException {
    for (String file : List.of("_SUCCESS", "findings.jsonl", "cases.jsonl", "cases.csv", "summary.json", "asset-scan.jsonl", "undisclosed-genai-usage.csv", "retained-generated-material.csv", "likeness-ip-risks.csv", "data-handling-risks.csv", "report.html")) {
      assertTrue(Files.isRegularFile(first.dir().resolve(file)), file);
    }
    assertTrue(first.out().contains("findings: 62, 15 critical, 31 high, 13 medium, 3 low"), first.out());
    assertTrue(first.out().contains("tool-events      42        36         5        1"), first.out());
    assertTrue(first.out().contains("otlp-traces.jsonl (OTLP JSON): 8 read, 6 accepted, 1 rejected, 1 skipped"), first.out());
    JsonNode cases = JSON.readTree(first.dir().resolve("summary.json").toFile()).get("cases");
    long caseLines = Files.readAllLines(first.dir().resolve("cases.jsonl")).size();
    assertEquals(caseLines, cases.get("total").asLong());
    assertTrue(caseLines > 0 && caseLines < 62, "62 findings in fewer cases: " + caseLines);
    assertTrue(first.out().contains("  cases: " + caseLines + ", " + cases.at("/by_severity/critical").asLong() + " critical, "), first.out());
  }

  /** The prompt of span 7f3a9c2e4b1d0a01 comes from gen_ai.input.messages; like every prompt, reports show it redacted. */
  @Test
  void aSpansPromptIsRedactedInEveryReport() throws IOException {
    try (Stream<Path> files = Files.walk(first.dir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("twin suns over the lighthouse"), "the span's prompt in " + first.dir().relativize(file));
      }
    }
    assertTrue(Files.readString(first.dir().resolve("likeness-ip-risks.csv")).contains("7f3a9c2e4b1d0a01"));
  }

  @Test
  void criticalFindingsGiveExitStatusOneAndFailOnNoneGivesZero() {
    assertEquals(AuditCommand.FINDINGS_AT_OR_ABOVE_THRESHOLD, first.status(), first.err());
    assertEquals(AuditCommand.OK, audit(work.resolve("lenient"), "--failOn=none").status());
  }

  @Test
  void aRerunGivesByteIdenticalOutputs() throws IOException {
    Result again = audit(work.resolve("again"));
    assertSameReportFiles(first.dir(), again.dir());
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
    assertEquals(62, changes.get("persisting").asLong());
    assertEquals(0, changes.get("resolved").asLong());
    for (JsonNode f : jsonLines(next.dir().resolve("findings.jsonl"))) {
      assertEquals("persisting", f.get("change").asText());
    }
  }

  private static Path copyOfSample(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    return folder;
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.map(p -> folder.relativize(p).toString()).sorted().toList();
    }
  }

  private static void assertOneLineConfigurationError(Result run, String expected) {
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: ") && run.err().endsWith("\n") && run.err().lines().count() == 1, run.err());
    assertTrue(run.err().contains(expected), run.err());
  }

  @Test
  void anOutputThatIsTheInputIsRefusedAndTheExportsKept() throws IOException {
    Path exports = copyOfSample(work.resolve("exports-same"));
    List<String> before = listing(exports);
    Result run = command(exports, "--input=" + exports, "--output=" + exports);
    assertOneLineConfigurationError(run, "--output=" + exports + ": is --input=" + exports);
    assertEquals(before, listing(exports));
  }

  @Test
  void anOutputAboveTheInputIsRefusedAndNothingBesideItIsTouched() throws IOException {
    Path above = Files.createDirectories(work.resolve("above"));
    Path exports = copyOfSample(above.resolve("exports"));
    Files.writeString(above.resolve("contract.pdf"), "keep me");
    List<String> before = listing(above);
    Result run = command(above, "--input=" + exports, "--output=" + above);
    assertOneLineConfigurationError(run, "holds --input=" + exports);
    assertEquals(before, listing(above));
  }

  @Test
  void anOutputInsideAnInputFilesFolderOrTheBaselineIsRefused() throws IOException {
    Path exports = copyOfSample(work.resolve("exports-files"));
    Path inside = exports.resolve("audit");
    Result run = command(inside, "--input=" + SAMPLE, "--assets=" + exports.resolve("assets.csv"), "--output=" + inside);
    assertOneLineConfigurationError(run, "lies inside the folder of the input file " + exports.resolve("assets.csv"));
    assertFalse(Files.exists(inside));

    Result overBaseline = audit(first.dir(), "--baseline=" + first.dir());
    assertOneLineConfigurationError(overBaseline, "is --baseline=" + first.dir());
    assertTrue(Files.isRegularFile(first.dir().resolve("_SUCCESS")));
  }

  @Test
  void aFolderTheAuditDidNotWriteIsRefusedAndNamed() throws IOException {
    Path notes = Files.createDirectories(work.resolve("notes"));
    Files.writeString(notes.resolve("plan.txt"), "keep me");
    assertOneLineConfigurationError(audit(notes), "holds plan.txt, which the audit does not write");
    assertEquals("keep me", Files.readString(notes.resolve("plan.txt")));

    Path lookalike = Files.createDirectories(work.resolve("lookalike"));
    Files.writeString(lookalike.resolve("_SUCCESS"), "");
    Files.createDirectories(lookalike.resolve("rejected"));
    Files.writeString(lookalike.resolve("rejected").resolve("invoices.xlsx"), "keep me");
    assertOneLineConfigurationError(audit(lookalike), "holds rejected/invoices.xlsx");
    assertTrue(Files.exists(lookalike.resolve("rejected").resolve("invoices.xlsx")));

    Path unfinished = Files.createDirectories(work.resolve("unfinished"));
    Files.writeString(unfinished.resolve("findings.jsonl"), "");
    assertOneLineConfigurationError(audit(unfinished), "has no _SUCCESS");
  }

  @Test
  void anEmptyFolderOrAPreviousAuditIsReplacedAndNothingIsLeftBeside() throws IOException {
    Path parent = Files.createDirectories(work.resolve("reused"));
    Path output = Files.createDirectories(parent.resolve("out"));
    assertEquals(AuditCommand.OK, audit(output, "--failOn=none").status());
    Result again = audit(output, "--failOn=none");
    assertEquals(AuditCommand.OK, again.status(), again.err());
    assertTrue(Files.isRegularFile(output.resolve("report.html")));
    assertEquals(List.of("", ".out.lock", "out"), listing(parent).stream().filter(p -> !p.startsWith("out/")).toList());
  }

  @Test
  void theRootFolderAsOutputIsOneLineAndStatusTwo() {
    assertOneLineConfigurationError(audit(Path.of("/")), "--output=/: holds --input=sample-data");
  }

  @Test
  void aFileAsOutputIsRefusedAndKept() throws IOException {
    Path file = Files.writeString(work.resolve("report.txt"), "keep me");
    assertOneLineConfigurationError(audit(file), "--output=" + file + ": exists and is not a folder");
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void aRunnerThatIsNotOnTheClassPathIsAConfigurationErrorNamingIt() {
    assertOneLineConfigurationError(
        audit(work.resolve("dataflow"), "--runner=DataflowRunner"),
        "--runner=DataflowRunner: no such runner on the class path (this build has DirectRunner, FlinkRunner");
    assertFalse(Files.exists(work.resolve("dataflow")));
  }

  /** The default build has no Spark; the message says which build has it (the Spark build runs CrossRunnerTest's Spark tests). */
  @Test
  void theSparkRunnerOutsideTheSparkBuildNamesTheBuildThatHasIt() {
    assumeFalse(sparkOnClassPath(), "the Spark build has the Spark runner");
    assertOneLineConfigurationError(
        audit(work.resolve("spark"), "--runner=SparkRunner"),
        "--runner=SparkRunner: no such runner on the class path (this build has DirectRunner, FlinkRunner, TestFlinkRunner);"
            + " SparkRunner is in the Spark build: SPARK=1 scripts/audit, or mvn -Pspark");
    assertOneLineConfigurationError(audit(work.resolve("spark"), "--sparkMaster=local[2]"), "unknown option --sparkMaster");
    assertFalse(Files.exists(work.resolve("spark")));
  }

  private static boolean sparkOnClassPath() {
    try {
      Class.forName("org.apache.beam.runners.spark.SparkRunner");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void anUnknownOptionNamesTheNearestKnownOne() {
    assertOneLineConfigurationError(audit(work.resolve("typo"), "--assetRoot=x"), "unknown option --assetRoot (the nearest known option is --assetsRoot)");
  }

  @Test
  void anEmptyPathIsRefusedInsteadOfMeaningTheWorkingFolder() {
    // An unset shell variable (--output=$OUT) gave "", which resolved to the working folder: an empty one was replaced by the reports.
    assertOneLineConfigurationError(command(work.resolve("empty"), "--input=" + SAMPLE, "--output="), "--output=: is empty; name a folder");
    assertOneLineConfigurationError(audit(work.resolve("empty-root"), "--assetsRoot= "), "--assetsRoot= : is empty");
  }

  @Test
  void aBadValueOrARepeatedOptionNamesTheOption() {
    assertOneLineConfigurationError(audit(work.resolve("bad-value"), "--parallelism=abc"), "--parallelism=abc: ");
    assertOneLineConfigurationError(
        command(work.resolve("twice"), "--input=" + SAMPLE, "--output=" + work.resolve("a"), "--output=" + work.resolve("b")),
        "--output is given more than once");
  }

  @Test
  void helpListsTheAuditsOwnOptionsWithDefaultsAndHowToListARunners() {
    Result help = command(work.resolve("help"), "--help");
    assertEquals(AuditCommand.OK, help.status(), help.err());
    assertTrue(help.out().startsWith("Usage: scripts/audit"), help.out());
    assertTrue(help.out().contains("  --failOn=<String>  (default: critical)\n      Exit with status 1"), help.out());
    assertTrue(help.out().contains("--help=org.apache.beam.runners.flink.FlinkPipelineOptions"), help.out());
    assertTrue(help.out().contains("--runner=SparkRunner --sparkMaster=local[2]  (the Spark build: SPARK=1 scripts/audit, or mvn -Pspark)"), help.out());
    assertFalse(help.out().contains("--gbek"), "Beam's general options come only on request");
    Result flink = command(work.resolve("help"), "--help=org.apache.beam.runners.flink.FlinkPipelineOptions");
    assertEquals(AuditCommand.OK, flink.status());
    assertTrue(flink.out().contains("--flinkMaster"), flink.out());
  }

  /** A baseline whose findings cannot be read fails the run late, after the pipeline has started. */
  @Test
  void aRunFailureIsOneLineAndStatusThreeAndKeepsThePreviousOutput() throws IOException {
    Path broken = Files.createDirectories(work.resolve("broken-baseline"));
    Files.writeString(broken.resolve("_SUCCESS"), "");
    Files.writeString(broken.resolve("findings.jsonl"), "{not json\n");
    Path output = work.resolve("kept");
    assertEquals(AuditCommand.OK, audit(output, "--failOn=none").status());
    List<String> before = listing(output);
    Result run = audit(output, "--failOn=none", "--baseline=" + broken);
    assertEquals(AuditCommand.RUN_FAILED, run.status(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: the run failed: ") && run.err().lines().count() == 1, run.err());
    assertEquals(before, listing(output));
    assertEquals(List.of(".kept.lock", "kept"), listing(work).stream().filter(p -> p.startsWith(".kept") || p.equals("kept")).toList());
  }

  /** A child JVM with its own system temporary folder, so other processes' files do not count. */
  @Test
  void embeddedFlinkLeavesNothingInTheSystemTemporaryFolder() throws Exception {
    Path systemTemp = Files.createDirectories(work.resolve("system-tmp"));
    Path output = work.resolve("flink-out");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + systemTemp, "-cp", System.getProperty("java.class.path"), AuditCommand.class.getName(),
            "--input=" + SAMPLE, "--output=" + output, "--quiet=true", "--failOn=none", "--runner=FlinkRunner", "--flinkMaster=[local]")
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("flink.log").toFile())
        .start();
    assertEquals(AuditCommand.OK, child.waitFor(), Files.readString(work.resolve("flink.log")));
    assertEquals(List.of(""), listing(systemTemp));
    assertEquals(List.of(".flink-out.lock", "flink-out"), listing(work).stream().filter(p -> p.startsWith(".flink-out") || p.equals("flink-out")).toList());
  }
}
