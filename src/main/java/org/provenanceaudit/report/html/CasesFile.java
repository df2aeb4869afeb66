package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Case rows are positional arrays (fields in {@link #COLUMNS} order) whose rule, production,
 * vendor, tool and asset value are indexes into per-field value lists ({@code values}), and whose
 * event times are cut to the day: at a hundred thousand cases the names spelled out each time
 * would be most of the page's size.
 */
final class CasesFile {

  static final String FILE = "cases.jsonl";

  /** The fields of a case row; those in {@link #INDEXED} are indexes into {@code values}. */
  static final List<String> COLUMNS = List.of(
      "case_id", "severity", "rule", "production_id", "vendor_id", "tool_id", "asset_field", "asset_value",
      "findings", "first_event_day", "last_event_day", "shown", "new", "persisting");

  static final List<String> INDEXED = List.of("rule", "production_id", "vendor_id", "tool_id", "asset_value");

  private final List<ArrayNode> rows = new ArrayList<>();
  private final Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
  private final Map<String, String> shownFindings = new HashMap<>();
  private long totalCaseFindings;

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
        cases.add(c, shown);
      }
    }
    return cases;
  }

  private void add(JsonNode c, int shown) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ArrayNode row = nodes.arrayNode(COLUMNS.size());
    String assetField = c.path("content_role").isTextual() ? "content_role"
        : c.path("deliverable_status").isTextual() ? "deliverable_status" : null;
    long findings = c.path("findings").asLong(0);
    totalCaseFindings += findings;
    row.add(c.path("case_id").asText());
    row.add(c.path("severity").asText());
    row.add(index("rule", c.path("rule").asText()));
    row.add(index("production_id", c.path("production_id").asText()));
    row.add(index("vendor_id", c.path("vendor_id").asText()));
    row.add(index("tool_id", c.path("tool_id").asText()));
    row.add(assetField == null ? nodes.nullNode() : nodes.textNode(assetField));
    row.add(assetField == null ? nodes.nullNode() : nodes.numberNode(index("asset_value", c.path(assetField).asText())));
    row.add(findings);
    row.add(day(c.get("first_event_at")));
    row.add(day(c.get("last_event_at")));
    row.add(shown);
    JsonNode change = c.path("change");
    row.add(change.isObject() ? nodes.numberNode(change.path("new").asLong(0)) : nodes.nullNode());
    row.add(change.isObject() ? nodes.numberNode(change.path("persisting").asLong(0)) : nodes.nullNode());
    rows.add(row);
  }

  private int index(String field, String value) {
    Map<String, Integer> known = values.get(field);
    return known.computeIfAbsent(value, v -> known.size());
  }

  private static JsonNode day(JsonNode time) {
    return time == null || !time.isTextual() || time.asText().length() < 10
        ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(time.asText().substring(0, 10));
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
