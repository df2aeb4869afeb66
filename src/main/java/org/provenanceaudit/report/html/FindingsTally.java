package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of the findings actually present in a findings file, taken in one streaming pass. The page
 * offers these values in its filters and compares them with summary.json, so a summary that does
 * not match its findings is said on the page rather than discovered by a reader.
 */
final class FindingsTally {

  private long total;
  private final Map<String, Long> bySeverity = new TreeMap<>();
  private final Map<String, Long> byRule = new TreeMap<>();
  private final Map<String, Long> byProduction = new TreeMap<>();
  private final Map<String, Long> byVendor = new TreeMap<>();
  private final Map<String, Long> byChange = new TreeMap<>();

  static FindingsTally of(FindingsFile file) throws IOException {
    FindingsTally tally = new FindingsTally();
    file.forEach(tally::add);
    return tally;
  }

  static FindingsTally empty() {
    return new FindingsTally();
  }

  private void add(JsonNode finding) {
    total++;
    count(bySeverity, finding, FindingColumns.SEVERITY);
    count(byRule, finding, FindingColumns.RULE);
    count(byProduction, finding, FindingColumns.PRODUCTION);
    count(byVendor, finding, FindingColumns.VENDOR);
    count(byChange, finding, FindingColumns.CHANGE);
  }

  private static void count(Map<String, Long> counts, JsonNode finding, String field) {
    JsonNode value = finding.get(field);
    String key = value == null || value.isNull() ? "" : value.asText();
    counts.merge(key, 1L, Long::sum);
  }

  long total() {
    return total;
  }

  long severity(String severity) {
    return bySeverity.getOrDefault(severity, 0L);
  }

  Map<String, Long> bySeverity() {
    return Collections.unmodifiableMap(bySeverity);
  }

  Map<String, Long> byRule() {
    return Collections.unmodifiableMap(byRule);
  }

  Map<String, Long> byProduction() {
    return Collections.unmodifiableMap(byProduction);
  }

  Map<String, Long> byVendor() {
    return Collections.unmodifiableMap(byVendor);
  }

  long change(String change) {
    return byChange.getOrDefault(change, 0L);
  }
}
