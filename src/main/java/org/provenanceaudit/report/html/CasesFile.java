package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases of cases.jsonl as the page carries them, and which findings the page shows: the
 * example findings (the first {@code examples} of each case, in findings order) of as many cases,
 * most severe first, as fit in {@code budget} findings. Every case is carried, with its counts; its
 * findings beyond those shown are counted, and live in findings.jsonl and the CSVs.
 *
 * <p>Case rows are positional arrays (fields in {@link #COLUMNS} order, the change counts only
 * when the audit had a baseline) whose severity is its rank (0 critical to 3 low), whose rule,
 * production, vendor, tool and asset part ("deliverable_status: final") are indexes into
 * per-field value lists ({@code values}), and whose event times are days since 1970-01-01 (UTC):
 * at a hundred thousand cases, names and times spelled out in every row would be most of the page.
 * A row is about 60 bytes.
 */
final class CasesFile {

  static final String FILE = "cases.jsonl";

  /** The fields of a case row; those in {@link #INDEXED} are indexes into {@code values}. */
  static final List<String> COLUMNS = List.of(
      "case_id", "severity", "rule", "production_id", "vendor_id", "tool_id", "asset", "findings",
      "first_event_day", "last_event_day");

  /** The fields a case row adds when the audit had a baseline: how many of its findings are new, and persisting. */
  static final List<String> CHANGE_COLUMNS = List.of("new", "persisting");

  static final List<String> INDEXED = List.of("rule", "production_id", "vendor_id", "tool_id", "asset");

  private final List<ArrayNode> rows = new ArrayList<>();
  private final Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
  private final Map<String, String> shownFindings = new HashMap<>();
  private long totalCaseFindings;
  private boolean withChanges;

  private CasesFile() {
    INDEXED.forEach(field -> values.put(field, new LinkedHashMap<>()));
  }

  /**
   * Reads {@code path} (cases.jsonl) and picks the findings to show: up to {@code examples} per
   * case, at most {@code budget} in all, in the file's order of cases.
   *
   * @throws IOException when the file is missing, or a line is not a JSON object; the message
   *     names the file and line
   */
  static CasesFile read(Path path, int examples, int budget) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " is missing: report.html shows the findings by case, from the audit's cases.jsonl");
    }
    CasesFile cases = new CasesFile();
    int left = budget;
    try (FindingsFile.FindingReader reader = new FindingsFile(path).open()) {
      for (JsonNode c = reader.next(); c != null; c = reader.next()) {
        int shown = 0;
        for (JsonNode id : c.path("example_finding_ids")) {
          if (shown == examples || left == 0) {
            break;
          }
          cases.shownFindings.put(id.asText(), c.path("case_id").asText());
          shown++;
          left--;
        }
        cases.add(c);
      }
    }
    return cases;
  }

  private void add(JsonNode c) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ArrayNode row = nodes.arrayNode(COLUMNS.size() + CHANGE_COLUMNS.size());
    String assetField = c.path("content_role").isTextual() ? "content_role"
        : c.path("deliverable_status").isTextual() ? "deliverable_status" : null;
    long findings = c.path("findings").asLong(0);
    totalCaseFindings += findings;
    row.add(c.path("case_id").asText());
    int rank = FindingColumns.SEVERITIES.indexOf(c.path("severity").asText());
    row.add(rank < 0 ? nodes.textNode(c.path("severity").asText()) : nodes.numberNode(rank));
    row.add(index("rule", c.path("rule").asText()));
    row.add(index("production_id", c.path("production_id").asText()));
    row.add(index("vendor_id", c.path("vendor_id").asText()));
    row.add(index("tool_id", c.path("tool_id").asText()));
    row.add(assetField == null ? nodes.nullNode() : nodes.numberNode(index("asset", assetField + ": " + c.path(assetField).asText())));
    row.add(findings);
    row.add(day(c.get("first_event_at")));
    row.add(day(c.get("last_event_at")));
    JsonNode change = c.path("change");
    if (change.isObject()) {
      withChanges = true;
      row.add(change.path("new").asLong(0));
      row.add(change.path("persisting").asLong(0));
    }
    rows.add(row);
  }

  private int index(String field, String value) {
    Map<String, Integer> known = values.get(field);
    return known.computeIfAbsent(value, v -> known.size());
  }

  /** Days since 1970-01-01 of an ISO-8601 instant, or null when there is none or it does not parse. */
  private static JsonNode day(JsonNode time) {
    if (time == null || !time.isTextual()) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return JsonNodeFactory.instance.numberNode(Math.floorDiv(Instant.parse(time.asText()).getEpochSecond(), 86_400L));
    } catch (DateTimeParseException e) {
      return JsonNodeFactory.instance.nullNode();
    }
  }

  /** How many cases the file holds. */
  long total() {
    return rows.size();
  }

  /** The findings the cases count, summed. */
  long findings() {
    return totalCaseFindings;
  }

  /** The findings the page shows: finding id to its case id. */
  Map<String, String> shownFindings() {
    return shownFindings;
  }

  /** The cases' data block: {@code {"columns":[...],"values":{...},"rows":[...]}}, script-safe. */
  String dataJson() {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ArrayNode columns = data.putArray("columns");
    COLUMNS.forEach(columns::add);
    if (withChanges) {
      CHANGE_COLUMNS.forEach(columns::add);
    }
    ObjectNode lists = data.putObject("values");
    values.forEach((field, known) -> {
      ArrayNode list = lists.putArray(field);
      known.keySet().forEach(list::add);
    });
    ArrayNode all = data.putArray("rows");
    rows.forEach(all::add);
    return ScriptSafeJson.write(data);
  }
}
