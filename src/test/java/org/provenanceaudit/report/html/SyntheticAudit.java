package org.provenanceaudit.report.html;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a findings.jsonl, cases.jsonl and summary.json of any size, shaped like the pipeline's,
 * for the large-page test and the benchmark. Every thousandth finding carries markup in its
 * evidence and prompt, so a large page is also a hostile one. Cases are rule × production × vendor,
 * {@link #VENDORS} vendors spread so that 100,000 findings fall into 9,200 cases of about eleven.
 */
final class SyntheticAudit {

  static final String HOSTILE = "</script><img src=x onerror=alert(1)>";
  static final int PRODUCTIONS = 50;
  static final int VENDORS = 23;

  private static final List<String> RULES = List.of(
      "GENAI_UNDISCLOSED", "GENAI_LATE_DISCLOSURE", "TOOL_UNREGISTERED", "PROVENANCE_UNLOGGED",
      "GENERATED_IN_FINAL", "GENERATED_UNTRACKED", "LIKENESS_WITHOUT_CONSENT",
      "UNION_WORK_REPLACED", "THIRD_PARTY_IP", "KEY_CREATIVE_GENERATED", "SYNTHETIC_ARCHIVAL",
      "PERSONAL_DATA", "TOOL_TRAINS_ON_DATA", "TOOL_NOT_ENTERPRISE", "MEDIA_TYPE_MISMATCH",
      "ASSET_FILE_MISSING");

  private SyntheticAudit() {}

  /** A case as it fills: its highest severity (findings come most severe first), count and first ids. */
  private static final class SyntheticCase {
    final String severity;
    long findings;
    final List<String> examples = new ArrayList<>();

    SyntheticCase(String severity) {
      this.severity = severity;
    }

    void add(String findingId) {
      findings++;
      if (examples.size() < 5) {
        examples.add(findingId);
      }
    }
  }

  /** cases.jsonl in the pipeline's order: severity, production, rule, vendor. */
  private static void writeCases(ObjectMapper mapper, Path dir, Map<List<String>, SyntheticCase> cases) throws IOException {
    List<Map.Entry<List<String>, SyntheticCase>> sorted = new ArrayList<>(cases.entrySet());
    sorted.sort(Comparator.<Map.Entry<List<String>, SyntheticCase>>comparingInt(e -> FindingColumns.SEVERITIES.indexOf(e.getValue().severity))
        .thenComparing(e -> e.getKey().get(1))
        .thenComparing(e -> e.getKey().get(0))
        .thenComparing(e -> e.getKey().get(2)));
    try (JsonGenerator out = mapper.getFactory().createGenerator(dir.resolve(CasesFile.FILE).toFile(), JsonEncoding.UTF8)) {
      out.setRootValueSeparator(null);
      for (Map.Entry<List<String>, SyntheticCase> entry : sorted) {
        SyntheticCase c = entry.getValue();
        out.writeStartObject();
        out.writeStringField("case_id", "C-" + String.format("%020x", (long) entry.getKey().hashCode() & 0xffffffffL));
        out.writeStringField("rule", entry.getKey().get(0));
        out.writeStringField("severity", c.severity);
        out.writeStringField("production_id", entry.getKey().get(1));
        out.writeStringField("vendor_id", entry.getKey().get(2));
        out.writeStringField("tool_id", "imagegen-pro");
        out.writeNullField("content_role");
        out.writeNullField("deliverable_status");
        out.writeNumberField("findings", c.findings);
        out.writeStringField("first_event_at", "2026-01-02T03:04:05Z");
        out.writeStringField("last_event_at", "2026-03-04T05:06:07Z");
        out.writeArrayFieldStart("example_finding_ids");
        for (String id : c.examples) {
          out.writeString(id);
        }
        out.writeEndArray();
        out.writeNullField("change");
        out.writeEndObject();
        out.writeRaw('\n');
      }
    }
  }

  /** Writes {@code count} findings and their summary into {@code dir}. */
  static void write(Path dir, int count) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Long> bySeverity = new TreeMap<>();
    Map<String, Long> byRule = new TreeMap<>();
    Map<String, Long> byProduction = new TreeMap<>();
    Map<String, Long> byVendor = new TreeMap<>();
    Map<List<String>, SyntheticCase> cases = new HashMap<>();
    try (JsonGenerator out = mapper.getFactory()
        .createGenerator(dir.resolve(HtmlReport.FINDINGS).toFile(), JsonEncoding.UTF8)) {
      out.setRootValueSeparator(null);
      for (int i = 0; i < count; i++) {
        // Severity blocks in order, as the pipeline sorts them.
        String severity = FindingColumns.SEVERITIES.get(
            Math.min(3, (int) ((long) i * 4 / Math.max(1, count))));
        String rule = RULES.get(i % RULES.size());
        String production = String.format("PROD-%03d", i % PRODUCTIONS);
        String vendor = String.format("VEND-%02d", i % VENDORS);
        boolean hostile = i % 1000 == 0;
        String event = String.format("E-%07d", i);
        String findingId = String.format("f-%016x", i * 0x9E3779B97F4A7C15L);
        cases.computeIfAbsent(List.of(rule, production, vendor), key -> new SyntheticCase(severity)).add(findingId);
        out.writeStartObject();
        out.writeStringField("finding_id", findingId);
        out.writeStringField("rule", rule);
        out.writeStringField("principle", "disclosure duty");
        out.writeStringField("severity", severity);
        out.writeStringField("production_id", production);
        out.writeStringField("vendor_id", vendor);
        out.writeStringField("subject_type", "event");
        out.writeStringField("subject_id", event);
        out.writeNullField("talent_id");
        out.writeArrayFieldStart("asset_ids");
        out.writeString(String.format("A-%07d", i));
        out.writeString(String.format("A-%07d", i + 1));
        out.writeEndArray();
        out.writeArrayFieldStart("event_ids");
        out.writeString(event);
        out.writeEndArray();
        out.writeArrayFieldStart("disclosure_ids");
        out.writeEndArray();
        out.writeStringField("evidence", "GenAI event " + event + " of production " + production
            + " used tool " + (hostile ? HOSTILE : "imagegen-pro")
            + " and no disclosure covers it.");
        out.writeStringField("remediation",
            "File a disclosure covering event " + event + " with the studio.");
        if (i % 3 == 0) {
          out.writeStringField("prompt_excerpt", hostile ? HOSTILE
              : "wide shot of a rainy harbour at dusk, cinematic lighting, 35mm");
        } else {
          out.writeNullField("prompt_excerpt");
        }
        out.writeArrayFieldStart("watchlist_hits");
        out.writeEndArray();
        out.writeStringField("change", "new");
        out.writeStringField("first_seen", "2026-03-31");
        out.writeEndObject();
        out.writeRaw('\n');
        bySeverity.merge(severity, 1L, Long::sum);
        byRule.merge(rule, 1L, Long::sum);
        byProduction.merge(production, 1L, Long::sum);
        byVendor.merge(vendor, 1L, Long::sum);
      }
    }
    writeCases(mapper, dir, cases);
    ObjectNode summary = mapper.createObjectNode();
    summary.put("as_of", "2026-03-31");
    summary.put("policy", "built-in default");
    ObjectNode assets = summary.putObject("inputs").putObject("assets");
    assets.putArray("files").add("sample-data/assets.csv");
    assets.put("read", count).put("accepted", count).put("rejected", 0);
    summary.put("lineage_cycles", 0);
    ObjectNode findings = summary.putObject("findings");
    findings.put("total", count);
    ObjectNode severities = findings.putObject("by_severity");
    FindingColumns.SEVERITIES.forEach(s -> severities.put(s, bySeverity.getOrDefault(s, 0L)));
    findings.set("by_rule", mapper.valueToTree(byRule));
    findings.set("by_production", mapper.valueToTree(byProduction));
    findings.set("by_vendor", mapper.valueToTree(byVendor));
    mapper.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve(HtmlReport.SUMMARY).toFile(), summary);
  }
}
