package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.AuditCommandEndToEndTest.Result;

/**
 * {@code --parallelReading=on} and {@code off} give the same reports, byte for byte, on inputs of
 * several files that repeat, reject and break off in the ways the sample does not: an id in three
 * files and more, an id rejected for a bad field in one file and valid in a later one, repeats
 * within a later file, files of a header only or of no byte, a {@code .gz} cut off, OTLP spans sent
 * twice on one line and again in other files, consents for every production repeated across files,
 * a mapped export of several files, 130 small files, and folders whose names sort apart as strings
 * and as paths. Nothing is lost either way: every file's rows read are accepted, rejected or skipped,
 * and the rejected rows reported are those counted.
 */
class ParallelReadingEdgeCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEW_ASSET = "A-NEW-1,P-SERIES,V-VFX-NORTH,%s,image/png,,,2026-03-02T09:00:00Z,,,,,,concept,";

  @TempDir Path work;

  @Test
  void overlappingFilesOfEveryContractInputGiveOneReadersReports() throws IOException {
    Path input = sampleCopy();
    List<String> assets = Files.readAllLines(input.resolve("assets.csv"));
    String header = assets.get(0);
    List<String> rows = assets.subList(1, assets.size());
    // A-NEW-1 is rejected for its status in the first file it is in, then valid in a later one.
    write(input.resolve("assets_x1.csv"), header, NEW_ASSET.formatted("nonsense"), rows.get(3), rows.get(3));
    write(input.resolve("assets_x2.csv"), header, NEW_ASSET.formatted("temp"), rows.get(3), rows.get(4), rows.get(4), NEW_ASSET.formatted("final"));
    write(input.resolve("assets_x3.csv"), header);
    Files.write(input.resolve("assets_x3b.csv"), new byte[0]);
    write(input.resolve("assets_x4.csv"), header, rows.get(3), NEW_ASSET.formatted("temp"), rows.get(5));
    writeCutOffGzip(input.resolve("assets_x5.csv.gz"), header + "\n" + String.join("\n", rows) + "\n");
    for (int i = 0; i < 130; i++) {
      write(input.resolve("assets-" + i + ".csv"), header, rows.get(i % rows.size()), rows.get((i * 7) % rows.size()));
    }

    String consents = Files.readAllLines(input.resolve("consents.csv")).get(0);
    write(input.resolve("consents_x1.csv"), consents,
        "C-1,T-MARA,*,voice,2026-01-01,2026-12-31,false",
        "C-4,T-RAY,P-SERIES,digital_replica,2025-06-01,,no",
        "C-9,T-JON,*,likeness,2026-01-01,2026-12-31,false",
        "C-10,T-ELLA,*,voice,2026-01-01,2026-12-31,maybe");
    write(input.resolve("consents_x2.csv"), consents,
        "C-9,T-JON,P-SERIES,likeness,2026-01-01,2026-12-31,false",
        "C-10,T-ELLA,*,voice,2026-01-01,2026-12-31,false",
        "C-9,T-JON,*,likeness,2026-01-01,2026-12-31,false");

    List<String> requests = Files.readAllLines(input.resolve("otlp-traces.jsonl"));
    List<String> sentTwiceOnOneLine = new ArrayList<>();
    for (String line : requests) {
      ObjectNode request = (ObjectNode) JSON.readTree(line);
      ArrayNode resourceSpans = (ArrayNode) request.get("resourceSpans");
      resourceSpans.add(resourceSpans.get(0).deepCopy());
      sentTwiceOnOneLine.add(JSON.writeValueAsString(request));
    }
    Files.write(input.resolve("otlp-traces-b.jsonl"), sentTwiceOnOneLine);
    Files.write(input.resolve("otlp-traces-c.jsonl"), List.of(requests.get(requests.size() - 1), requests.get(0)));
    Files.copy(input.resolve("tool-events.jsonl"), input.resolve("tool-events-z.jsonl"));

    Files.copy(input.resolve("productions.csv"), input.resolve("productions-again.csv"));
    List<String> disclosures = Files.readAllLines(input.resolve("disclosures.csv"));
    Files.write(input.resolve("disclosures-0.csv"), List.of(disclosures.get(0), disclosures.get(disclosures.size() - 1), disclosures.get(1)));

    assertSameReportsAndNothingLost(input);
  }

  @Test
  void aMappedExportOfSeveralFilesThatRepeatEachOther() throws IOException {
    Path input = work.resolve("input");
    copyTree(Path.of("sample-data/mapped/vendor-usage"), input);
    Path usage;
    try (Stream<Path> files = Files.walk(input.resolve("usage"))) {
      usage = files.filter(f -> f.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(usage);
    Files.copy(usage, usage.resolveSibling("genai-usage-zz.csv"));
    List<String> overlapping = new ArrayList<>(lines.subList(0, Math.min(3, lines.size())));
    overlapping.addAll(lines.subList(1, lines.size()));
    Files.write(usage.resolveSibling("genai-usage-aa.csv"), overlapping);
    assertSameReportsAndNothingLost(input);
  }

  @Test
  void filesInFoldersWhoseNamesSortApartAsStringsAndAsPaths() throws IOException {
    Path input = sampleCopy();
    List<String> lines = Files.readAllLines(input.resolve("assets.csv"));
    Files.delete(input.resolve("assets.csv"));
    String header = lines.get(0);
    List<String> rows = lines.subList(1, lines.size());
    Path tree = work.resolve("tree");
    for (String folder : List.of("a/b", "a-b", "a.b")) {
      Files.createDirectories(tree.resolve(folder));
    }
    // "a-b/" < "a.b/" < "a/" < "a/b/" as strings; as paths, "a" comes first.
    Files.writeString(tree.resolve("a/assets.csv"), header + "\n" + String.join("\n", rows.subList(0, 20)) + "\n");
    Files.writeString(
        tree.resolve("a-b/assets.csv"),
        "\uFEFF" + header + "\r\n" + String.join("\r\n", rows.subList(10, 30))
            + "\r\nA-\u00e9,P-SERIES,V-VFX-NORTH,temp,image/png,\"multi\nline\",,2026-03-02T09:00:00Z,,,,,,concept,\r\n");
    Files.writeString(
        tree.resolve("a.b/assets.csv"),
        header + "\n" + String.join("\n", rows.subList(25, rows.size())) + "\nA-e\u0301,P-SERIES,V-VFX-NORTH,temp,image/png,,,2026-03-02T09:00:00Z,,,,,,concept,\n");
    Files.writeString(
        tree.resolve("a/b/assets.csv"),
        header + "\n" + String.join("\n", rows.subList(5, 15)) + "\nA-\u00e9,P-SERIES,V-VFX-NORTH,final,image/png,,,2026-03-02T09:00:00Z,,,,,,concept,\n");
    assertSameReportsAndNothingLost(input, "--assets=" + tree + "/**/assets*");
  }

  /** Audits {@code input} with one reader and side by side: same status, same report files, same bytes; and the counts add up. */
  private void assertSameReportsAndNothingLost(Path input, String... extra) throws IOException {
    Result one = run("one", input, "off", extra);
    Result side = run("side", input, "on", extra);
    assertEquals(AuditCommand.FINDINGS_AT_OR_ABOVE_THRESHOLD, one.status(), one.err());
    assertEquals(one.status(), side.status(), side.err());
    AuditCommandEndToEndTest.assertSameReportFiles(work.resolve("one"), work.resolve("side"));
    JsonNode inputs = JSON.readTree(work.resolve("one").resolve("summary.json").toFile()).path("inputs");
    inputs.fields().forEachRemaining(entry -> {
      JsonNode tally = entry.getValue();
      long[] sum = new long[4];
      for (JsonNode source : tally.path("sources")) {
        assertEquals(source.path("read").asLong(), source.path("accepted").asLong() + source.path("rejected").asLong() + source.path("skipped").asLong(), source.toString());
        sum[0] += source.path("read").asLong();
        sum[1] += source.path("accepted").asLong();
        sum[2] += source.path("rejected").asLong();
        sum[3] += source.path("skipped").asLong();
      }
      assertEquals(List.of(tally.path("read").asLong(), tally.path("accepted").asLong(), tally.path("rejected").asLong(), tally.path("skipped").asLong()),
          List.of(sum[0], sum[1], sum[2], sum[3]), entry.getKey());
      Path rejected = work.resolve("one").resolve("rejected").resolve(entry.getKey() + ".jsonl");
      try {
        assertEquals(tally.path("rejected").asLong(), Files.isRegularFile(rejected) ? Files.readAllLines(rejected).size() : 0, "rejected rows of " + entry.getKey());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private Result run(String name, Path input, String mode, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input=" + input, "--output=" + work.resolve(name), "--quiet=true", "--parallelReading=" + mode));
    args.addAll(List.of(extra));
    return AuditCommandEndToEndTest.command(work.resolve(name), args.toArray(String[]::new));
  }

  private Path sampleCopy() throws IOException {
    return AuditCommandEndToEndTest.sampleCopy(work.resolve("input"));
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  /** {@code text} gzipped, and the last third of the compressed bytes cut off. */
  private static void writeCutOffGzip(Path file, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Files.write(file, Arrays.copyOf(all, all.length * 2 / 3));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

}
