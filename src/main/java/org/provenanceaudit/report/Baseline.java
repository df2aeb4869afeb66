package org.provenanceaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

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

  /**
   * Reads a previous audit's {@code findings.jsonl} and {@code summary.json} from {@code dir}, a local
   * folder or a folder on any Beam file system ({@code s3://bucket/audits/2026-W11}), through Beam's
   * {@link FileSystems} (whose options the runner sets on every worker).
   *
   * @throws IOException when either file cannot be read or is not JSON
   */
  public static Baseline load(String dir) throws IOException {
    ResourceId folder = FileSystems.matchNewResource(dir, true);
    Map<String, JsonNode> findings = new TreeMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(folder, ReportWriter.FINDINGS), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          JsonNode finding = JSON.readTree(line);
          findings.put(finding.path("finding_id").asText(), finding);
        }
      }
    }
    JsonNode summary;
    try (InputStream in = open(folder, ReportWriter.SUMMARY)) {
      summary = JSON.readTree(in);
    }
    JsonNode asOf = summary.path("as_of");
    return new Baseline(findings, asOf.isTextual() ? asOf.asText() : null);
  }

  private static InputStream open(ResourceId folder, String name) throws IOException {
    return Channels.newInputStream(FileSystems.open(folder.resolve(name, StandardResolveOptions.RESOLVE_FILE)));
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
