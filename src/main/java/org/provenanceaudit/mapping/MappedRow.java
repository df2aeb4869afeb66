package org.provenanceaudit.mapping;

import static org.provenanceaudit.model.Fields.VALID_TO;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.provenanceaudit.io.InvalidRowException;
import org.provenanceaudit.io.SourceRow;
import org.provenanceaudit.model.SourcePosition;

/**
 * A row of a mapped export seen through the contract: asked for a contract field, it answers with
 * the value its {@link FieldRule} makes from the source row, so {@link
 * org.provenanceaudit.io.ModelRows} checks it exactly as it checks a contract row. A value the rule
 * cannot turn into a contract value (one the value map lacks, a time that does not match the
 * format, no value for a required field) is an {@link InvalidRowException} naming the source
 * column and the field: {@code Created At (→ created_at): "13/45/2026" does not match MM/dd/yyyy}.
 */
final class MappedRow implements SourceRow {

  private static final int QUOTED_VALUE_LIMIT = 80;

  /** What a file's rows share: the rules, where each column is, and the path's captures. */
  record Plan(Map<String, FieldRule> rules, Map<String, Integer> columns, Map<String, String> captures, Set<String> required) {}

  private final Plan plan;
  private final List<String> cells;
  private final JsonNode object;
  private final SourcePosition position;
  private final Supplier<String> rawText;

  /**
   * A row of a delimited file ({@code cells}) or of a JSON Lines file ({@code object}); the other
   * is null. {@code rawText} gives the record's text, made when a report needs it.
   */
  MappedRow(Plan plan, List<String> cells, JsonNode object, SourcePosition position, Supplier<String> rawText) {
    this.plan = plan;
    this.cells = cells;
    this.object = object;
    this.position = position;
    this.rawText = rawText;
  }

  @Override
  public SourcePosition position() {
    return position;
  }

  @Override
  public String rawText() {
    return rawText.get();
  }

  @Override
  public String text(String field) throws InvalidRowException {
    FieldRule rule = plan.rules().get(field);
    if (rule == null) {
      return null;
    }
    String raw = scalar(rule, node(rule));
    if (raw == null) {
      if (plan.required().contains(field)) {
        throw new InvalidRowException(rule.describe() + ": no value");
      }
      return null;
    }
    try {
      String value = rule.mapped(raw);
      return rule.time() == null ? value : rule.time().toContract(value, field.equals(VALID_TO));
    } catch (IllegalArgumentException e) {
      throw new InvalidRowException(rule.describe() + ": " + quote(raw) + " " + e.getMessage());
    }
  }

  @Override
  public List<String> list(String field) throws InvalidRowException {
    FieldRule rule = plan.rules().get(field);
    if (rule == null) {
      return List.of();
    }
    List<String> raws = new ArrayList<>();
    JsonNode node = node(rule);
    if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        String value = scalar(rule, element);
        if (value != null) {
          raws.add(value);
        }
      }
    } else {
      String cell = node != null ? scalar(rule, node) : raw(rule);
      String separator = rule.split() == null ? ";" : rule.split();
      for (int start = 0; cell != null && start <= cell.length(); ) {
        int end = cell.indexOf(separator, start);
        end = end < 0 ? cell.length() : end;
        String value = cell.substring(start, end).trim();
        if (!value.isEmpty()) {
          raws.add(value);
        }
        start = end + separator.length();
      }
    }
    List<String> values = new ArrayList<>(raws.size());
    for (String raw : raws) {
      try {
        values.add(rule.mapped(raw));
      } catch (IllegalArgumentException e) {
        throw new InvalidRowException(rule.describe() + ": " + quote(raw) + " " + e.getMessage());
      }
    }
    return values;
  }

  /** The JSON value a rule names in a JSON Lines row; null for a delimited row or an absent member. */
  private JsonNode node(FieldRule rule) {
    if (rule.from() != FieldRule.From.JSON || object == null) {
      return null;
    }
    JsonNode node = object;
    for (String member : rule.name().replaceFirst("^\\$\\.", "").split("\\.")) {
      node = node.get(member);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** The trimmed text of a JSON scalar, or of the rule's cell, constant or capture; null when empty. */
  private String scalar(FieldRule rule, JsonNode node) throws InvalidRowException {
    if (rule.from() != FieldRule.From.JSON) {
      return raw(rule);
    }
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new InvalidRowException(rule.describe() + ": holds " + (node.isArray() ? "an array" : "an object") + ", not a value");
    }
    String value = node.asText().trim();
    return value.isEmpty() ? null : value;
  }

  private String raw(FieldRule rule) {
    String value =
        switch (rule.from()) {
          case COLUMN, POSITION -> {
            Integer index = plan.columns().get(rule.field());
            yield index == null || index >= cells.size() ? null : cells.get(index);
          }
          case CONSTANT -> rule.name();
          case PATH -> plan.captures().get(rule.name());
          case JSON -> null;
        };
    if (value == null) {
      return null;
    }
    value = value.trim();
    return value.isEmpty() ? null : value;
  }

  private static String quote(String value) {
    return "\"" + (value.length() > QUOTED_VALUE_LIMIT ? value.substring(0, QUOTED_VALUE_LIMIT) + "…" : value) + "\"";
  }
}
