package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything report.mustache shows, worked out from summary.json and the findings files. Every
 * string here is data for the template, which escapes it; only {@link #css}, {@link #script},
 * {@link #columnsJson} and {@link #rows} are written raw, and none of them is HTML built from input.
 */
record ReportPage(
    String csp,
    String css,
    String script,
    String asOf,
    String policy,
    long total,
    List<SeverityTotal> severities,
    Changes changes,
    String lineageCycles,
    List<String> warnings,
    List<BarChart> charts,
    List<InputReconciliation> inputs,
    boolean inputsBalanced,
    List<Option> severityOptions,
    List<Option> ruleOptions,
    List<Option> productionOptions,
    List<Option> vendorOptions,
    boolean hasBaseline,
    long currentFindings,
    long resolvedTotal,
    String columnsJson,
    Iterable<String> rows,
    long cases,
    String casesJson,
    Shown shown) {

  private static final int MAX_RULE_BARS = 30;
  private static final int MAX_PRODUCTION_BARS = 20;

  /** A total shown in a card; {@code key} is one of the four severities, never input. */
  record SeverityTotal(String key, long count) {}

  /** The counts of a baseline comparison. */
  record Changes(long added, long persisting, long resolved) {}

  /**
   * How much of the detail the page carries: up to {@code perCase} findings of each case,
   * {@code findings} current findings in all and {@code resolved} resolved ones.
   */
  record Shown(int perCase, long findings, long resolved) {}

  /** One choice of a filter select box. */
  record Option(String value, String label) {}

  static ReportPage of(JsonNode summary, FindingsTally current, FindingsTally resolved,
      boolean resolvedFilePresent, String css, String script, String csp,
      Iterable<String> rows, CasesFile cases, Shown shown) {
    JsonNode findings = summary.path("findings");
    long total = findings.path("total").asLong(0);

    List<SeverityTotal> severities = new ArrayList<>();
    List<BarChart.Entry> severityBars = new ArrayList<>();
    for (String severity : FindingColumns.SEVERITIES) {
      long count = findings.path("by_severity").path(severity).asLong(0);
      severities.add(new SeverityTotal(severity, count));
      severityBars.add(new BarChart.Entry(severity, count, "sev-" + severity));
    }

    JsonNode changesNode = summary.get("changes");
    Changes changes = changesNode == null || !changesNode.isObject() ? null
        : new Changes(changesNode.path("new").asLong(0),
            changesNode.path("persisting").asLong(0),
            changesNode.path("resolved").asLong(0));

    List<InputReconciliation> inputs = new ArrayList<>();
    summary.path("inputs").fields()
        .forEachRemaining(input -> inputs.add(InputReconciliation.of(input.getKey(),
            input.getValue())));

    List<BarChart> charts = List.of(
        BarChart.inOrder("severity", "Findings by severity", severityBars),
        BarChart.largestFirst("rule", "Findings by rule", counts(findings.path("by_rule")),
            MAX_RULE_BARS, "rules"),
        BarChart.largestFirst("production", "Findings by production",
            counts(findings.path("by_production")), MAX_PRODUCTION_BARS, "productions"));

    JsonNode asOf = summary.get("as_of");
    JsonNode cycles = summary.get("lineage_cycles");
    return new ReportPage(
        csp,
        css,
        script,
        asOf == null || asOf.isNull() ? null : asOf.asText(),
        summary.path("policy").asText("not stated"),
        total,
        severities,
        changes,
        cycles == null || cycles.isNull() ? "not stated" : cycles.asText(),
        warnings(findings, changes, current, resolved, resolvedFilePresent, cases),
        charts,
        inputs,
        inputs.stream().allMatch(InputReconciliation::balanced),
        options(FindingColumns.SEVERITIES, current.bySeverity(),
            List.of(resolved.bySeverity())),
        options(List.of(), current.byRule(),
            List.of(counts(findings.path("by_rule")), resolved.byRule())),
        options(List.of(), current.byProduction(),
            List.of(counts(findings.path("by_production")), resolved.byProduction())),
        options(List.of(), current.byVendor(),
            List.of(counts(findings.path("by_vendor")), resolved.byVendor())),
        changes != null || resolvedFilePresent,
        current.total(),
        resolved.total(),
        ScriptSafeJson.write(FindingColumns.EMBEDDED),
        rows,
        cases.total(),
        cases.dataJson(),
        shown);
  }

  /** Whether the page carries fewer findings than the audit found. */
  boolean findingsCut() {
    return shown.findings() < currentFindings;
  }

  /** Whether the page carries fewer resolved findings than resolved.jsonl holds. */
  boolean resolvedCut() {
    return shown.resolved() < resolvedTotal;
  }

  /** Whether the page opens with a list of inconsistencies. */
  boolean hasWarnings() {
    return !warnings.isEmpty();
  }

  private static Map<String, Long> counts(JsonNode byKey) {
    Map<String, Long> counts = new LinkedHashMap<>();
    byKey.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong(0)));
    return counts;
  }

  /**
   * The choices of one filter: {@code fixed} first in their order, then every other value seen in
   * any of {@code seen}, by name. The count shown is that of the current findings.
   */
  private static List<Option> options(List<String> fixed, Map<String, Long> currentCounts,
      List<Map<String, Long>> seen) {
    TreeSet<String> others = new TreeSet<>(currentCounts.keySet());
    seen.forEach(values -> others.addAll(values.keySet()));
    others.removeAll(fixed);
    others.remove("");
    List<String> values = new ArrayList<>(fixed);
    values.addAll(others);
    List<Option> options = new ArrayList<>();
    for (String value : values) {
      options.add(new Option(value, value + " (" + currentCounts.getOrDefault(value, 0L) + ")"));
    }
    return options;
  }

  /** Where summary.json and the findings files disagree, said plainly at the top of the page. */
  private static List<String> warnings(JsonNode findings, Changes changes,
      FindingsTally current, FindingsTally resolved, boolean resolvedFilePresent, CasesFile cases) {
    List<String> warnings = new ArrayList<>();
    if (cases.findings() != current.total()) {
      warnings.add("cases.jsonl counts " + cases.findings() + " findings in its cases but findings.jsonl holds "
          + current.total() + ".");
    }
    long total = findings.path("total").asLong(0);
    if (total != current.total()) {
      warnings.add("summary.json counts " + total + " findings but findings.jsonl holds "
          + current.total() + ".");
    }
    for (String severity : FindingColumns.SEVERITIES) {
      long summarised = findings.path("by_severity").path(severity).asLong(0);
      if (summarised != current.severity(severity)) {
        warnings.add("summary.json counts " + summarised + " " + severity
            + " findings but findings.jsonl holds " + current.severity(severity) + ".");
      }
    }
    compare(warnings, "rule", counts(findings.path("by_rule")), current.byRule());
    compare(warnings, "production", counts(findings.path("by_production")),
        current.byProduction());
    compare(warnings, "vendor", counts(findings.path("by_vendor")), current.byVendor());
    if (changes != null) {
      if (changes.added() != current.change("new")
          || changes.persisting() != current.change("persisting")) {
        warnings.add("summary.json counts " + changes.added() + " new and "
            + changes.persisting() + " persisting findings but findings.jsonl holds "
            + current.change("new") + " and " + current.change("persisting") + ".");
      }
      if (changes.resolved() != resolved.total()) {
        warnings.add("summary.json counts " + changes.resolved() + " resolved findings but "
            + (resolvedFilePresent ? "resolved.jsonl holds " + resolved.total() + "."
                : "there is no resolved.jsonl."));
      }
    }
    return warnings;
  }

  private static void compare(List<String> warnings, String what, Map<String, Long> summarised,
      Map<String, Long> found) {
    TreeSet<String> keys = new TreeSet<>(summarised.keySet());
    keys.addAll(found.keySet());
    for (String key : keys) {
      long expected = summarised.getOrDefault(key, 0L);
      long actual = found.getOrDefault(key, 0L);
      if (expected != actual) {
        warnings.add("summary.json counts " + expected + " findings for " + what + " \""
            + key + "\" but findings.jsonl holds " + actual + ".");
        return;
      }
    }
  }
}
