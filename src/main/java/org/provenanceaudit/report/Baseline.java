package org.provenanceaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A previous audit's findings, by id, for telling what is new, what persists (and since when) and
 * what was resolved. Finding ids are derived from the rule and the subject, so the same problem
 * keeps its id from week to week.
 */
public final class Baseline {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> findings;
  private final String asOf;

  private Baseline(Map<String, JsonNode> findings, String asOf) {
    this.findings = findings;
    this.asOf = asOf;
  }

  public static Baseline load(Path dir) throws IOException {
    Map<String, JsonNode> findings = new TreeMap<>();
    try (BufferedReader reader = Files.newBufferedReader(dir.resolve(ReportWriter.FINDINGS), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          JsonNode finding = JSON.readTree(line);
          findings.put(finding.path("finding_id").asText(), finding);
        }
      }
    }
    JsonNode summary = JSON.readTree(dir.resolve(ReportWriter.SUMMARY).toFile());
    JsonNode asOf = summary.path("as_of");
    return new Baseline(findings, asOf.isTextual() ? asOf.asText() : null);
  }

  public boolean contains(String findingId) {
    return findings.containsKey(findingId);
  }

  /** When the finding was first seen: carried from the baseline, else the baseline's own date. */
  public String firstSeen(String findingId) {
    JsonNode finding = findings.get(findingId);
    JsonNode firstSeen = finding == null ? null : finding.get("first_seen");
    return firstSeen != null && firstSeen.isTextual() ? firstSeen.asText() : asOf;
  }

  /** The baseline's findings, in id order. */
  public Map<String, JsonNode> findings() {
    return findings;
  }
}
