package org.provenanceaudit.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provenanceaudit.AuditCommand;

/**
 * {@code --files=N}: each input written as N files that, read in path order, hold the single
 * file's rows in the same order, and that the audit reads to the same findings.
 */
class GenerateFilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void threeFilesPerInputNamedSoTheInputScanFindsThemInRowOrder() throws IOException {
    Path out = generate("three", "--scale=0.05", "--files=3");
    Set<String> expected = new TreeSet<>(Set.of("policy.yaml", "expected.json"));
    JsonNode inputs = JSON.readTree(out.resolve("expected.json").toFile()).get("inputs");
    for (String input : List.of("productions", "assets", "tool-events", "disclosures", "consents")) {
      String ending = input.equals("tool-events") ? ".jsonl.gz" : ".csv";
      List<String> files = List.of(input + "-00001-of-00003" + ending, input + "-00002-of-00003" + ending,
          input + "-00003-of-00003" + ending);
      expected.addAll(files);
      assertEquals(files, texts(inputs.get(input).get("files")), input);
      assertEquals(files.get(0), inputs.get(input).get("file").asText(), input);
    }
    assertEquals(expected, names(out));
  }

  /**
   * Every way of writing the inputs: the data rows of the three files, in path order, are the
   * single file's data rows, byte for byte; each CSV file starts with the single file's header
   * (BOM and line end included). OTLP requests are cut anew at each file's start, so there the
   * spans are compared, not the lines.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--format=mixed", "--format=csv", "--format=jsonl", "--assets-format=mapped", "--events-format=otlp"})
  void theFilesRowsInPathOrderAreTheSingleFilesRows(String format) throws IOException {
    Path one = generate("one", "--scale=0.1", "--seed=5", "--malformed-rate=0.02", format);
    Path three = generate("three", "--scale=0.1", "--seed=5", "--malformed-rate=0.02", format, "--files=3");
    Set<String> singles = names(one);
    singles.removeAll(Set.of("policy.yaml", "expected.json", "mapping.yaml"));
    assertEquals(5 + (format.contains("otlp") ? 1 : 0), singles.size(), singles.toString());
    for (String single : singles) {
      int dot = single.indexOf('.');
      List<Path> parts = new ArrayList<>();
      for (int k = 1; k <= 3; k++) {
        parts.add(three.resolve(single.substring(0, dot) + "-0000" + k + "-of-00003" + single.substring(dot)));
      }
      byte[] whole = bytes(one.resolve(single));
      if (single.startsWith("otlp-traces")) {
        assertEquals(spans(whole), spans(concat(parts, false)), single);
      } else if (single.contains(".csv")) {
        byte[] header = Arrays.copyOf(whole, headerLength(whole));
        for (Path part : parts) {
          assertArrayEquals(header, Arrays.copyOf(bytes(part), header.length), part.getFileName() + " starts with the header");
        }
        assertArrayEquals(Arrays.copyOfRange(whole, header.length, whole.length), concat(parts, true), single);
      } else {
        assertArrayEquals(whole, concat(parts, false), single);
      }
    }
    JsonNode rowsOne = JSON.readTree(one.resolve("expected.json").toFile());
    JsonNode rowsThree = JSON.readTree(three.resolve("expected.json").toFile());
    assertEquals(rowsOne.get("rules"), rowsThree.get("rules"));
    rowsOne.get("inputs").fields().forEachRemaining(input -> {
      JsonNode other = rowsThree.get("inputs").get(input.getKey());
      for (String count : List.of("rows", "valid_rows", "malformed_rows", "malformed_by_kind")) {
        assertEquals(input.getValue().get(count), other.get(count), input.getKey() + " " + count);
      }
    });
  }

  @Test
  void anInputWithFewerRowsThanFilesStillGetsEveryFileWithItsHeader() throws IOException {
    Path out = generate("few", "--scale=0.05", "--files=4");
    for (int k = 1; k <= 4; k++) {
      String text = Files.readString(out.resolve("productions-0000" + k + "-of-00004.csv"), StandardCharsets.UTF_8);
      assertTrue(text.startsWith("\uFEFFproduction_id,title,nonfiction\n"), text);
    }
    String last = Files.readString(out.resolve("productions-00004-of-00004.csv"), StandardCharsets.UTF_8);
    assertTrue(last.contains("P-0001,"), "the one production is in the last file: " + last);
  }

  @Test
  void aRunReplacesTheFilesAnEarlierRunWroteAndLeavesOthersAlone() throws IOException {
    Path out = generate("again", "--scale=0.01", "--format=jsonl", "--assets-format=mapped", "--events-format=otlp");
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("assets-by-hand.csv"), "asset_id\n");
    generate("again", "--scale=0.01", "--files=2");
    Set<String> expected = new TreeSet<>(Set.of("policy.yaml", "expected.json", "notes.txt", "assets-by-hand.csv"));
    for (String input : List.of("productions", "assets", "tool-events", "disclosures", "consents")) {
      String ending = input.equals("tool-events") ? ".jsonl.gz" : ".csv";
      expected.add(input + "-00001-of-00002" + ending);
      expected.add(input + "-00002-of-00002" + ending);
    }
    assertEquals(expected, names(out));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-3", "2.5", "two", ""})
  void aBadFileCountExitsTwoNamingTheOption(String bad) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GenerateCommand.run(new String[] {"--scale=0.01", "--out=" + tmp.resolve("x"), "--files=" + bad},
        System.out, print(err));
    assertEquals(2, status);
    assertEquals("generate: --files must be a whole number from 1 to 1000, not '" + bad + "'\n", err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(tmp.resolve("x")));
  }

  /**
   * The audit over three files per input finds what it finds over one: the same findings (id,
   * rule, subject, in report order), the same rows read, accepted and rejected per input, and the
   * same rejected rows with the same reasons (their file and line differ, so those are left out,
   * also from a duplicate's reason).
   */
  @ParameterizedTest
  @ValueSource(strings = {"--assets-format=contract", "--assets-format=mapped", "--events-format=otlp"})
  void theAuditFindsTheSameOverThreeFilesAsOverOne(String format) throws IOException {
    Audit one = audit("one", "--files=1", format);
    Audit three = audit("three", "--files=3", format);
    assertTrue(one.findings.size() > 100, "findings: " + one.findings.size());
    assertEquals(one.findings, three.findings);
    assertEquals(one.findingsByRule, three.findingsByRule);
    assertEquals(one.tallies, three.tallies);
    assertEquals(one.rejected, three.rejected);
  }

  private record Audit(List<String> findings, JsonNode findingsByRule, Map<String, String> tallies, List<String> rejected) {}

  private Audit audit(String name, String files, String format) throws IOException {
    Path data = generate(name, "--scale=0.1", "--seed=11", "--malformed-rate=0.01", files, format);
    Path out = tmp.resolve(name + "-report");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = AuditCommand.run(new String[] {"--input=" + data, "--output=" + out, "--quiet=true", "--failOn=none"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), print(err));
    assertEquals(AuditCommand.OK, status, err.toString(StandardCharsets.UTF_8));
    List<String> findings = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("findings.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode finding = JSON.readTree(line);
      findings.add(finding.get("finding_id").asText() + " " + finding.get("rule").asText() + " " + finding.get("subject_id").asText());
    }
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    Map<String, String> tallies = new TreeMap<>();
    summary.get("inputs").fields().forEachRemaining(input -> tallies.put(input.getKey(),
        input.getValue().get("read") + " read, " + input.getValue().get("accepted") + " accepted, "
            + input.getValue().get("rejected") + " rejected, " + input.getValue().get("skipped") + " skipped"));
    List<String> rejected = new ArrayList<>();
    try (Stream<Path> reports = Files.list(out.resolve("rejected"))) {
      for (Path report : reports.sorted().toList()) {
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
          JsonNode row = JSON.readTree(line);
          // A duplicate's reason names where the first occurrence is: another file and line here.
          String reason = row.path("reason").asText().replaceAll("\\(first at [^)]*\\)", "(first at ...)");
          rejected.add(report.getFileName() + " " + reason + " " + row.path("raw").asText());
        }
      }
    }
    rejected.sort(null);
    return new Audit(findings, summary.get("findings").get("by_rule"), tallies, rejected);
  }

  /** The length of a CSV file's header line, line end included. */
  private static int headerLength(byte[] csv) {
    for (int i = 0; i < csv.length; i++) {
      if (csv[i] == '\n') {
        return i + 1;
      }
    }
    throw new AssertionError("no header line");
  }

  /** The files' bytes (gunzipped) one after the other; without each one's header line if {@code headers}. */
  private static byte[] concat(List<Path> files, boolean headers) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path file : files) {
      byte[] bytes = bytes(file);
      int from = headers ? headerLength(bytes) : 0;
      all.write(bytes, from, bytes.length - from);
    }
    return all.toByteArray();
  }

  /**
   * The spans of OTLP/JSON request lines, each with its resource's attributes, in a fixed order
   * (a request groups its spans by resource); a line that is not JSON (a planted broken line) as it is.
   */
  private static List<String> spans(byte[] requests) {
    List<String> spans = new ArrayList<>();
    for (String line : new String(requests, StandardCharsets.UTF_8).split("\n")) {
      try {
        for (JsonNode resource : JSON.readTree(line).get("resourceSpans")) {
          for (JsonNode scope : resource.get("scopeSpans")) {
            for (JsonNode span : scope.get("spans")) {
              spans.add(resource.get("resource") + " " + span);
            }
          }
        }
      } catch (IOException notJson) {
        spans.add(line);
      }
    }
    spans.sort(null);
    return spans;
  }

  private static byte[] bytes(Path file) throws IOException {
    if (!file.toString().endsWith(".gz")) {
      return Files.readAllBytes(file);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private Path generate(String folder, String... args) {
    Path out = tmp.resolve(folder);
    String[] all = Stream.concat(Stream.of(args), Stream.of("--out=" + out)).toArray(String[]::new);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, GenerateCommand.run(all, System.out, print(err)), err.toString(StandardCharsets.UTF_8));
    return out;
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new TreeSet<>(files.map(file -> file.getFileName().toString()).toList());
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static PrintStream print(ByteArrayOutputStream target) {
    return new PrintStream(target, true, StandardCharsets.UTF_8);
  }
}
