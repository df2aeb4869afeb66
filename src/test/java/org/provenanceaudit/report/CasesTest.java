package org.provenanceaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class CasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static Finding event(String id, String rule, Severity severity, String production, String vendor, String tool, Instant at) {
    return new Finding(
        id, rule, "1", severity, null, production, vendor, "event", "E-" + id, null, List.of(), List.of("E-" + id), List.of(),
        "evidence of " + id, "fix " + id, null, List.of(), tool, null, null, at, at);
  }

  private static Finding asset(String id, String rule, String production, String role, String status) {
    return new Finding(
        id, rule, "4", Severity.CRITICAL, null, production, "V-1", "asset", "A-" + id, null, List.of("A-" + id), List.of(),
        List.of(), "evidence", "fix", null, List.of(), "", role, status, null, null);
  }

  @Test
  void findingsOfOneRuleProductionVendorAndToolAreOneCase() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      findings.add(event(String.format("F-%02d", i), "GENAI_UNDISCLOSED", i < 2 ? Severity.CRITICAL : Severity.HIGH, "P-1", "V-1",
          "imagegen", Instant.parse("2026-01-0" + (i + 1) + "T10:00:00Z")));
    }
    findings.add(event("F-other-tool", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "V-1", "videogen", Instant.parse("2026-02-01T00:00:00Z")));
    findings.add(event("F-other-vendor", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "V-2", "imagegen", Instant.parse("2026-02-01T00:00:00Z")));

    List<Cases.Case> cases = Cases.of(findings, f -> false);

    assertEquals(3, cases.size());
    Cases.Case big = cases.get(0);
    assertEquals(8, big.findings());
    assertEquals(Severity.CRITICAL, big.severity(), "the highest of its findings");
    assertEquals(Map.of(Severity.CRITICAL, 2L, Severity.HIGH, 6L), big.bySeverity());
    assertEquals(Instant.parse("2026-01-01T10:00:00Z"), big.firstEventAt());
    assertEquals(Instant.parse("2026-01-08T10:00:00Z"), big.lastEventAt());
    assertEquals(List.of("F-00", "F-01", "F-02", "F-03", "F-04"), big.exampleFindingIds(), "the first five in findings order");
    assertEquals(List.of("imagegen", "videogen", "imagegen"), cases.stream().map(c -> c.key().toolId()).toList());
    assertEquals(List.of("V-1", "V-1", "V-2"), cases.stream().map(c -> c.key().vendorId()).toList());
  }

  @Test
  void assetRulesSplitOnTheAssetPartTheirRuleNamesAndEventRulesDoNot() {
    List<Finding> findings = List.of(
        asset("F-1", "PROVENANCE_UNLOGGED", "P-1", "background", "final"),
        asset("F-2", "PROVENANCE_UNLOGGED", "P-1", "prop", "final"),
        asset("F-3", "PROVENANCE_UNLOGGED", "P-1", "prop", "working"),
        asset("F-4", "GENERATED_IN_FINAL", "P-1", "background", "final"),
        asset("F-5", "GENERATED_IN_FINAL", "P-1", "key_creative", "final"),
        asset("F-6", "GENERATED_UNTRACKED", "P-1", null, null),
        asset("F-7", "GENERATED_UNTRACKED", "P-1", null, null));

    List<Cases.Case> cases = Cases.of(findings, f -> false);

    assertEquals(5, cases.size());
    Cases.Case unlogged = cases.stream()
        .filter(c -> c.key().rule().equals("PROVENANCE_UNLOGGED") && "final".equals(c.key().assetValue())).findFirst().orElseThrow();
    assertEquals(Cases.AssetPart.DELIVERABLE_STATUS, unlogged.key().assetPart());
    assertEquals(2, unlogged.findings(), "content role does not split PROVENANCE_UNLOGGED");
    assertEquals(2, cases.stream().filter(c -> c.key().rule().equals("GENERATED_IN_FINAL")).count(), "content role splits GENERATED_IN_FINAL");
    Cases.Case untracked = cases.stream().filter(c -> c.key().rule().equals("GENERATED_UNTRACKED")).findFirst().orElseThrow();
    assertNull(untracked.key().assetPart());
    assertEquals(2, untracked.findings());
    assertNull(untracked.firstEventAt(), "no events, no event time");
  }

  @Test
  void caseIdsAreDerivedFromTheKeyAndDifferWhenAnyPartDiffers() {
    Cases.Key key = new Cases.Key("GENAI_UNDISCLOSED", "P-1", "V-1", "imagegen", null, null);
    String id = key.caseId();
    assertTrue(id.matches("C-[0-9a-f]{20}"), id);
    assertEquals(id, new Cases.Key("GENAI_UNDISCLOSED", "P-1", "V-1", "imagegen", null, null).caseId(), "stable");
    List<Cases.Key> others = List.of(
        new Cases.Key("TOOL_UNREGISTERED", "P-1", "V-1", "imagegen", null, null),
        new Cases.Key("GENAI_UNDISCLOSED", "P-2", "V-1", "imagegen", null, null),
        new Cases.Key("GENAI_UNDISCLOSED", "P-1", "V-2", "imagegen", null, null),
        new Cases.Key("GENAI_UNDISCLOSED", "P-1", "V-1", "videogen", null, null),
        new Cases.Key("GENAI_UNDISCLOSED", "P-1", "V-1", "imagegen", Cases.AssetPart.DELIVERABLE_STATUS, "final"),
        new Cases.Key("GENAI_UNDISCLOSED", "P-1", "V-1", "imagegen", Cases.AssetPart.CONTENT_ROLE, "final"),
        new Cases.Key("GENAI_UNDISCLOSED", "P-1V-1", "", "imagegen", null, null));
    for (Cases.Key other : others) {
      assertNotEquals(id, other.caseId(), other.toString());
    }
    assertEquals(id, Cases.of(List.of(event("F-9", "GENAI_UNDISCLOSED", Severity.LOW, "P-1", "V-1", "imagegen", null)), f -> false)
        .get(0).caseId(), "a case's id is its key's, not a counter");
  }

  @Test
  void casesAreOrderedBySeverityThenProductionRuleVendorAndTool() {
    List<Finding> findings = List.of(
        event("F-1", "TOOL_UNREGISTERED", Severity.LOW, "P-1", "V-1", "t", null),
        event("F-2", "GENAI_UNDISCLOSED", Severity.HIGH, "P-2", "V-1", "t", null),
        event("F-3", "TOOL_UNREGISTERED", Severity.HIGH, "P-1", "V-2", "t", null),
        event("F-4", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "V-2", "t", null),
        event("F-5", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "V-1", "u", null),
        event("F-6", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "V-1", "t", null),
        event("F-7", "PERSONAL_DATA", Severity.CRITICAL, "P-9", "V-9", "t", null));

    List<String> order = Cases.of(findings, f -> false).stream().map(c -> c.exampleFindingIds().get(0)).toList();

    assertEquals(List.of("F-7", "F-6", "F-5", "F-4", "F-3", "F-2", "F-1"), order);
    List<Finding> reversed = new ArrayList<>(findings);
    java.util.Collections.reverse(reversed);
    assertEquals(order, Cases.of(reversed, f -> false).stream().map(c -> c.exampleFindingIds().get(0)).toList(),
        "the input order does not change the order of cases");
  }

  @Test
  void casesCsvAndJsonlAreWrittenWithFormulasMadeInertAndCountedInTheSummary() throws IOException {
    List<Finding> findings = List.of(
        event("F-1", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "=HYPERLINK(\"x\")", "@tool", Instant.parse("2026-01-01T00:00:00Z")),
        event("F-2", "GENAI_UNDISCLOSED", Severity.HIGH, "P-1", "=HYPERLINK(\"x\")", "@tool", Instant.parse("2026-01-03T00:00:00Z")),
        event("F-3", "TOOL_UNREGISTERED", Severity.MEDIUM, "P-1", "V-1", "t", null));

    new ReportWriter(dir, new ReportSettings("2026-03-31", "built-in default", null, false))
        .write(new AuditResults(findings, (kind, each) -> {}, List.of(), List.of(), List.of()));

    List<CSVRecord> rows;
    try (Reader in = Files.newBufferedReader(dir.resolve(Cases.CSV), StandardCharsets.UTF_8)) {
      rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
    }
    assertEquals(2, rows.size());
    assertEquals("'=HYPERLINK(\"x\")", rows.get(0).get("vendor_id"));
    assertEquals("'@tool", rows.get(0).get("tool_id"));
    assertEquals("2", rows.get(0).get("findings"));
    assertEquals("F-1;F-2", rows.get(0).get("example_finding_ids"));
    assertEquals("2026-01-01T00:00:00Z", rows.get(0).get("first_event_at"));
    assertEquals("2026-01-03T00:00:00Z", rows.get(0).get("last_event_at"));

    List<String> lines = Files.readAllLines(dir.resolve(Cases.JSONL), StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("=HYPERLINK(\"x\")", first.path("vendor_id").asText(), "JSON keeps the exact value");
    assertEquals(rows.get(0).get("case_id"), first.path("case_id").asText());
    JsonNode summary = JSON.readTree(dir.resolve(ReportWriter.SUMMARY).toFile());
    assertEquals(2, summary.path("cases").path("total").asLong());
    assertEquals(1, summary.path("cases").path("by_severity").path("high").asLong());
    assertEquals(1, summary.path("cases").path("by_severity").path("medium").asLong());
  }
}
