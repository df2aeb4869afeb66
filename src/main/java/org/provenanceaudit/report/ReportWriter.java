package org.provenanceaudit.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.provenanceaudit.io.HiddenCharacters;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.SourceFileTally;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.rules.ReportFile;

/**
 * Writes the audit's outputs into a folder: {@code findings.jsonl}, one CSV per report, the
 * {@code rejected/} rows, {@code asset-scan.jsonl}, {@code summary.json} and, against a baseline,
 * {@code resolved.jsonl}. Everything is sorted and carries no clock, so the same results give the
 * same bytes.
 */
public final class ReportWriter {

  public static final String FINDINGS = "findings.jsonl";
  public static final String SUMMARY = "summary.json";
  public static final String RESOLVED = "resolved.jsonl";
  public static final String ASSET_SCAN = "asset-scan.jsonl";
  public static final String REJECTED_DIR = "rejected";
  public static final String LINEAGE_REJECTS = "lineage.jsonl";

  static final List<String> CSV_COLUMNS =
      List.of(
          "finding_id", "severity", "rule", "principle", "production_id", "vendor_id", "subject_type", "subject_id",
          "talent_id", "asset_ids", "event_ids", "disclosure_ids", "evidence", "remediation", "prompt_excerpt",
          "watchlist_hits", "change", "first_seen");

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final CharacterEscapes HIDDEN_ESCAPED = new HiddenEscapes();

  /**
   * JSON escapes ({@code \u202e}) for the characters that hide or reorder text, so a rejected
   * row's raw text shows them when the file is read as text, and still parses back to the exact
   * text. Surrogates are left to the encoder: raw text comes from valid UTF-8, so they are paired.
   */
  private static final class HiddenEscapes extends CharacterEscapes {
    private final int[] ascii;

    HiddenEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return HiddenCharacters.isHidden(ch) && !Character.isSurrogate((char) ch)
          ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch))
          : null;
    }
  }

  private static final String WRITING = "writing the reports";

  private final Path dir;
  private final ReportSettings settings;
  private final Baseline baseline;

  public ReportWriter(Path dir, ReportSettings settings) throws IOException {
    this.dir = dir;
    this.settings = settings;
    this.baseline = settings.baselineDir() == null ? null : Baseline.load(settings.baselineDir());
  }

  public void write(AuditResults results) throws IOException {
    Files.createDirectories(dir.resolve(REJECTED_DIR));
    Finding[] sorted = results.findings().toArray(new Finding[0]);
    // A total order (finding ids are unique), so the parallel sort gives the one order there is.
    Arrays.parallelSort(sorted, Finding.REPORT_ORDER.thenComparing(Finding::findingId));
    List<Finding> findings = Collections.unmodifiableList(Arrays.asList(sorted));
    // Each file is written by one task from the same sorted, unchanging findings, so the bytes do
    // not depend on which task runs first; the summary, which counts the cases, comes last.
    ExecutorService writers = Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors()), ReportTasks.daemonThreads("provenance-audit-report-writer"));
    try {
      List<Future<?>> written = new ArrayList<>();
      written.add(submit(writers, () -> writeFindings(findings)));
      Future<List<Cases.Case>> cases = writers.submit(() -> {
        List<Cases.Case> grouped = Cases.of(findings, f -> baseline != null && baseline.contains(f.findingId()));
        writeCases(grouped);
        return grouped;
      });
      written.add(cases);
      for (ReportFile report : ReportFile.values()) {
        if (report.fileName() != null) {
          written.add(submit(writers,
              () -> writeCsv(report, findings.stream().filter(f -> report.fileName().equals(f.report())).toList())));
        }
      }
      written.add(submit(writers, () -> writeRejected(results.rejected(), results.cycles())));
      if (settings.scanned()) {
        written.add(submit(writers, () -> writeScans(results.scans())));
      }
      Future<Long> resolved = writers.submit(() -> baseline == null ? 0L : writeResolved(findings));
      written.add(resolved);
      // The first failure in the order the tasks were started, so a run that fails twice says the same thing.
      for (Future<?> file : written) {
        ReportTasks.result(file, WRITING);
      }
      writeSummary(findings, ReportTasks.result(cases, WRITING), results, ReportTasks.result(resolved, WRITING));
    } finally {
      writers.shutdownNow();
    }
  }

  /** Writing one file. */
  @FunctionalInterface
  private interface FileWrite {
    void run() throws IOException;
  }

  private static Future<?> submit(ExecutorService writers, FileWrite write) {
    return writers.submit(() -> {
      write.run();
      return null;
    });
  }

  private String change(Finding f) {
    return baseline != null && baseline.contains(f.findingId()) ? "persisting" : "new";
  }

  private String firstSeen(Finding f) {
    return baseline != null && baseline.contains(f.findingId()) ? baseline.firstSeen(f.findingId()) : settings.asOf();
  }

  /** How one item becomes the fields of its JSON object. */
  private interface JsonFields<T> {
    void write(T item, JsonGenerator json) throws IOException;
  }

  /** One JSON object a line, in the order given. */
  private static <T> void writeJsonLines(Path file, List<T> items, JsonFields<T> fields) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setRootValueSeparator(null);
      for (T item : items) {
        json.writeStartObject();
        fields.write(item, json);
        json.writeEndObject();
        json.writeRaw('\n');
      }
    }
  }

  private void writeFindings(List<Finding> findings) throws IOException {
    writeJsonLines(
        dir.resolve(FINDINGS),
        findings,
        (f, json) -> {
          json.writeStringField("finding_id", f.findingId());
          json.writeStringField("rule", f.rule());
          json.writeStringField("principle", f.principle());
          json.writeStringField("severity", f.severity().wireName());
          json.writeStringField("production_id", f.productionId());
          json.writeStringField("vendor_id", f.vendorId());
          json.writeStringField("subject_type", f.subjectType());
          json.writeStringField("subject_id", f.subjectId());
          json.writeStringField("talent_id", f.talentId());
          writeArray(json, "asset_ids", f.assetIds());
          writeArray(json, "event_ids", f.eventIds());
          writeArray(json, "disclosure_ids", f.disclosureIds());
          json.writeStringField("evidence", f.evidence());
          json.writeStringField("remediation", f.remediation());
          json.writeStringField("prompt_excerpt", f.promptExcerpt());
          writeArray(json, "watchlist_hits", f.watchlistHits());
          json.writeStringField("change", change(f));
          json.writeStringField("first_seen", firstSeen(f));
        });
  }

  /** The columns of cases.csv; cases.jsonl has the same fields, {@code by_severity} and {@code change} as objects. */
  static final List<String> CASE_COLUMNS =
      List.of(
          "case_id", "severity", "rule", "principle", "production_id", "vendor_id", "tool_id", "content_role",
          "deliverable_status", "findings", "by_severity", "first_event_at", "last_event_at", "example_finding_ids",
          "new", "persisting");

  private void writeCases(List<Cases.Case> cases) throws IOException {
    writeJsonLines(
        dir.resolve(Cases.JSONL),
        cases,
        (c, json) -> {
          json.writeStringField("case_id", c.caseId());
          json.writeStringField("rule", c.key().rule());
          json.writeStringField("principle", c.principle());
          json.writeStringField("severity", c.severity().wireName());
          json.writeStringField("production_id", c.key().productionId());
          json.writeStringField("vendor_id", c.key().vendorId());
          json.writeStringField("tool_id", c.key().toolId());
          json.writeStringField("content_role", assetValue(c, Cases.AssetPart.CONTENT_ROLE));
          json.writeStringField("deliverable_status", assetValue(c, Cases.AssetPart.DELIVERABLE_STATUS));
          json.writeNumberField("findings", c.findings());
          if (c.bySeverity().size() > 1) {
            json.writeObjectFieldStart("by_severity");
            for (Map.Entry<Severity, Long> entry : c.bySeverity().entrySet()) {
              json.writeNumberField(entry.getKey().wireName(), entry.getValue());
            }
            json.writeEndObject();
          } else {
            json.writeNullField("by_severity");
          }
          json.writeStringField("first_event_at", c.firstEventAt() == null ? null : c.firstEventAt().toString());
          json.writeStringField("last_event_at", c.lastEventAt() == null ? null : c.lastEventAt().toString());
          writeArray(json, "example_finding_ids", c.exampleFindingIds());
          if (baseline != null) {
            json.writeObjectFieldStart("change");
            json.writeNumberField("new", c.added());
            json.writeNumberField("persisting", c.persisting());
            json.writeEndObject();
          } else {
            json.writeNullField("change");
          }
        });
    try (Writer out = Files.newBufferedWriter(dir.resolve(Cases.CSV), StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
      csv.printRecord(CASE_COLUMNS);
      for (Cases.Case c : cases) {
        StringBuilder bySeverity = new StringBuilder();
        if (c.bySeverity().size() > 1) {
          c.bySeverity().forEach((severity, n) -> bySeverity.append(bySeverity.isEmpty() ? "" : ";").append(severity.wireName()).append(':').append(n));
        }
        List<String> cells =
            List.of(
                c.caseId(), c.severity().wireName(), c.key().rule(), c.principle(), c.key().productionId(), c.key().vendorId(),
                c.key().toolId(), nullToEmpty(assetValue(c, Cases.AssetPart.CONTENT_ROLE)),
                nullToEmpty(assetValue(c, Cases.AssetPart.DELIVERABLE_STATUS)), Long.toString(c.findings()), bySeverity.toString(),
                c.firstEventAt() == null ? "" : c.firstEventAt().toString(), c.lastEventAt() == null ? "" : c.lastEventAt().toString(),
                String.join(";", c.exampleFindingIds()), baseline == null ? "" : Long.toString(c.added()),
                baseline == null ? "" : Long.toString(c.persisting()));
        List<String> safe = new ArrayList<>(cells.size());
        for (String cell : cells) {
          safe.add(SpreadsheetSafe.cell(cell));
        }
        csv.printRecord(safe);
      }
    }
  }

  /** The case's value of {@code part}, or null when its rule does not split cases on it. */
  private static String assetValue(Cases.Case c, Cases.AssetPart part) {
    return c.key().assetPart() == part ? c.key().assetValue() : null;
  }

  private static void writeArray(JsonGenerator json, String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private void writeCsv(ReportFile report, List<Finding> findings) throws IOException {
    try (Writer out = Files.newBufferedWriter(dir.resolve(report.fileName()), StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
      csv.printRecord(CSV_COLUMNS);
      for (Finding f : findings) {
        List<String> cells =
            List.of(
                f.findingId(), f.severity().wireName(), f.rule(), f.principle(), f.productionId(), f.vendorId(),
                f.subjectType(), f.subjectId(), nullToEmpty(f.talentId()), String.join(";", f.assetIds()),
                String.join(";", f.eventIds()), String.join(";", f.disclosureIds()), f.evidence(), f.remediation(),
                nullToEmpty(f.promptExcerpt()), String.join(";", f.watchlistHits()), change(f), nullToEmpty(firstSeen(f)));
        List<String> safe = new ArrayList<>(cells.size());
        for (String cell : cells) {
          safe.add(SpreadsheetSafe.cell(cell));
        }
        csv.printRecord(safe);
      }
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * One file per input under {@code rejected/}, written as the rows arrive: they come in report
   * order (file, then line), so none is held longer than it takes to write it.
   */
  private void writeRejected(RejectedRows rejected, List<LineageCycle> cycles) throws IOException {
    for (InputKind kind : InputKind.values()) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(REJECTED_DIR).resolve(kind.contractName() + ".jsonl"));
          JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        json.setRootValueSeparator(null);
        json.setCharacterEscapes(HIDDEN_ESCAPED);
        rejected.forEach(
            kind.contractName(),
            row -> {
              json.writeStartObject();
              json.writeStringField("input", row.inputKind());
              json.writeStringField("file", row.file());
              json.writeNumberField("line", row.line());
              json.writeStringField("reason", row.reason());
              json.writeStringField("raw", row.rawText());
              json.writeEndObject();
              json.writeRaw('\n');
            });
      }
    }
    List<LineageCycle> sortedCycles = new ArrayList<>(cycles);
    sortedCycles.sort(Comparator.comparing(LineageCycle::productionId).thenComparing(c -> c.assetIds().get(0)));
    writeJsonLines(
        dir.resolve(REJECTED_DIR).resolve(LINEAGE_REJECTS),
        sortedCycles,
        (cycle, json) -> {
          json.writeStringField("input", "lineage");
          json.writeStringField("production_id", cycle.productionId());
          writeArray(json, "asset_ids", cycle.assetIds());
          json.writeStringField(
              "reason", "derived_from cycle among " + String.join(", ", cycle.assetIds()) + ": lineage through it is followed once and not beyond");
        });
  }

  private void writeScans(List<AssetScan> scans) throws IOException {
    List<AssetScan> sorted = new ArrayList<>(scans);
    sorted.sort(Comparator.comparing(AssetScan::assetId).thenComparing(AssetScan::productionId));
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(ASSET_SCAN), StandardCharsets.UTF_8)) {
      for (AssetScan scan : sorted) {
        out.write(scan.recordJson());
        out.write('\n');
      }
    }
  }

  private long writeResolved(List<Finding> findings) throws IOException {
    Set<String> current = new HashSet<>();
    findings.forEach(f -> current.add(f.findingId()));
    long resolved = 0;
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(RESOLVED), StandardCharsets.UTF_8)) {
      for (Map.Entry<String, JsonNode> old : baseline.findings().entrySet()) {
        if (!current.contains(old.getKey())) {
          ObjectNode gone = old.getValue().deepCopy();
          gone.put("change", "resolved");
          out.write(MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(gone));
          out.write('\n');
          resolved++;
        }
      }
    }
    return resolved;
  }

  private void writeSummary(List<Finding> findings, List<Cases.Case> cases, AuditResults results, long resolved)
      throws IOException {
    ObjectNode summary = MAPPER.createObjectNode();
    summary.put("as_of", settings.asOf());
    summary.put("policy", settings.policyOrigin());
    ObjectNode inputs = summary.putObject("inputs");
    Map<String, InputTally> tallies = new TreeMap<>();
    results.tallies().forEach(t -> tallies.put(t.inputKind(), t));
    for (InputKind kind : InputKind.values()) {
      InputTally tally = tallies.getOrDefault(kind.contractName(), new InputTally(kind.contractName(), List.of(), 0, 0, 0, 0, List.of()));
      ObjectNode node = inputs.putObject(kind.contractName());
      ArrayNode files = node.putArray("files");
      tally.files().stream().sorted().forEach(files::add);
      node.put("read", tally.read());
      node.put("accepted", tally.accepted());
      node.put("rejected", tally.rejected());
      node.put("skipped", tally.skipped());
      ArrayNode sources = node.putArray("sources");
      tally.sources().stream().sorted(Comparator.comparing(SourceFileTally::file)).forEach(source -> {
        ObjectNode entry = sources.addObject();
        entry.put("file", source.file());
        entry.put("format", source.format());
        entry.put("read", source.read());
        entry.put("accepted", source.accepted());
        entry.put("rejected", source.rejected());
        entry.put("skipped", source.skipped());
      });
    }
    summary.put("lineage_cycles", results.cycles().size());
    if (settings.scanned()) {
      ObjectNode scan = summary.putObject("asset_scan");
      scan.put("files", results.scans().size());
      scan.put("genai", results.scans().stream().filter(AssetScan::genai).count());
      scan.put("unreadable", results.scans().stream().filter(s -> s.fileProblem() != null).count());
    }
    ObjectNode counts = summary.putObject("findings");
    counts.put("total", findings.size());
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      bySeverity.put(severity, 0L);
    }
    Map<String, Long> byRule = new TreeMap<>();
    Map<String, Long> byProduction = new TreeMap<>();
    Map<String, Long> byVendor = new TreeMap<>();
    for (Finding f : findings) {
      bySeverity.merge(f.severity(), 1L, Long::sum);
      byRule.merge(f.rule(), 1L, Long::sum);
      byProduction.merge(f.productionId(), 1L, Long::sum);
      byVendor.merge(f.vendorId(), 1L, Long::sum);
    }
    ObjectNode severityNode = counts.putObject("by_severity");
    bySeverity.forEach((severity, n) -> severityNode.put(severity.wireName(), n));
    byRule.forEach(counts.putObject("by_rule")::put);
    byProduction.forEach(counts.putObject("by_production")::put);
    byVendor.forEach(counts.putObject("by_vendor")::put);
    ObjectNode caseCounts = summary.putObject("cases");
    caseCounts.put("total", cases.size());
    Map<Severity, Long> casesBySeverity = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      casesBySeverity.put(severity, 0L);
    }
    cases.forEach(c -> casesBySeverity.merge(c.severity(), 1L, Long::sum));
    ObjectNode caseSeverityNode = caseCounts.putObject("by_severity");
    casesBySeverity.forEach((severity, n) -> caseSeverityNode.put(severity.wireName(), n));
    if (baseline != null) {
      caseCounts.put("with_new_findings", cases.stream().filter(c -> c.added() > 0).count());
      ObjectNode changes = summary.putObject("changes");
      long persisting = findings.stream().filter(f -> baseline.contains(f.findingId())).count();
      changes.put("new", findings.size() - persisting);
      changes.put("persisting", persisting);
      changes.put("resolved", resolved);
    }
    Files.writeString(dir.resolve(SUMMARY), MAPPER.writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
  }
}
