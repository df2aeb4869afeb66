package org.provenanceaudit.report.html;

import java.util.List;

/**
 * The fields of a finding that the page carries, in the order they are embedded. Rows travel as
 * positional arrays (the key names would otherwise be a third of the page at 100,000 findings); the
 * page reads this list from the data block, so the two cannot drift apart.
 */
final class FindingColumns {

  static final String SEVERITY = "severity";
  static final String RULE = "rule";
  static final String PRODUCTION = "production_id";
  static final String VENDOR = "vendor_id";
  static final String CHANGE = "change";
  /** Not a field of findings.jsonl: the case the page shows the finding under, from cases.jsonl (null for a resolved one). */
  static final String CASE = "case_id";

  static final List<String> EMBEDDED = List.of(
      "finding_id",
      RULE,
      "principle",
      SEVERITY,
      PRODUCTION,
      VENDOR,
      "subject_type",
      "subject_id",
      "talent_id",
      "asset_ids",
      "event_ids",
      "disclosure_ids",
      "evidence",
      "remediation",
      "prompt_excerpt",
      "watchlist_hits",
      CHANGE,
      "first_seen",
      FindingColumns.CASE);

  /** The {@code change} value given to every row of resolved.jsonl, whatever it said last time. */
  static final String RESOLVED = "resolved";

  /** Severities from most to least serious: the order of the totals, the chart and the sort. */
  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

  private FindingColumns() {}
}
