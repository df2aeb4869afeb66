package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.provenanceaudit.AuditCommandEndToEndTest.Result;

/**
 * Each mapped sample export (sample-data/mapped/) audited as a whole {@code --input}: the findings
 * and the rejected rows are those its README lists, so an export read through a mapping is judged
 * exactly as contract rows would be, and a row the mapping cannot read names the export's column,
 * file and line.
 */
class MappedSamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MAPPED = Path.of("sample-data", "mapped");

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"shotgrid", "vendor-usage", "register"})
  void eachMappedSampleGivesTheFindingsAndRejectedRowsItsReadmeLists(String sample) throws IOException {
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + MAPPED.resolve(sample), "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.FINDINGS_AT_OR_ABOVE_THRESHOLD, run.status(), run.err());

    Set<String> findings = new TreeSet<>();
    for (String line : Files.readAllLines(output.resolve("findings.jsonl"))) {
      JsonNode finding = JSON.readTree(line);
      findings.add(finding.get("rule").asText() + " " + finding.get("subject_id").asText() + " " + finding.path("talent_id").asText(""));
    }
    assertEquals(table(sample, "findings", 3), findings);

    Set<String> rejected = new TreeSet<>();
    try (var files = Files.list(output.resolve("rejected"))) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode row = JSON.readTree(line);
          if (row.has("reason")) {
            String shown = MAPPED.resolve(sample).relativize(Path.of(row.get("file").asText())).toString();
            rejected.add(shown + " " + row.get("line").asText() + " " + row.get("reason").asText());
          }
        }
      }
    }
    assertEquals(table(sample, "rejected", 3), rejected);
  }

  /** The rows of the README table between {@code <!-- expected-WHAT:SAMPLE:start/end -->}, cells joined by a space. */
  private static Set<String> table(String sample, String what, int columns) throws IOException {
    List<String> lines = Files.readAllLines(MAPPED.resolve("README.md"));
    int start = lines.indexOf("<!-- expected-" + what + ":" + sample + ":start -->");
    int end = lines.indexOf("<!-- expected-" + what + ":" + sample + ":end -->");
    Set<String> rows = new TreeSet<>();
    for (String line : lines.subList(start + 3, end)) {
      String[] cells = line.split("\\|", -1);
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        values.add(cells[i].trim());
      }
      rows.add(String.join(" ", values));
    }
    return rows;
  }
}
