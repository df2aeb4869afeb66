package org.provenanceaudit.mapping;

import static org.provenanceaudit.model.Fields.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.provenanceaudit.io.InputKind;

/**
 * Loads a mapping file (YAML; the format is docs/mapping.md) and checks everything that can be
 * checked without the data: an unknown key, input kind or contract field, a required field left
 * unmapped, a bad delimiter, quote, encoding, time pattern or zone, a {@code {capture}} the glob
 * does not have. Each problem is a {@link MappingException} naming the file, the source and the
 * key. What needs the data (a glob matching nothing, a column missing from a header, an encoding
 * the bytes contradict) is checked by {@link MappedInputs}.
 */
public final class MappingLoader {

  /** The encodings a source may declare: what spreadsheets and exporters write. */
  public static final List<String> ENCODINGS = List.of("UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "windows-1252");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("sources", "otlp_attributes");
  private static final Set<String> SOURCE_KEYS = Set.of("files", "input", "format", "dialect", "fields");
  private static final Set<String> DIALECT_KEYS = Set.of("delimiter", "quote", "encoding", "header", "skip_lines");
  private static final Set<String> FIELD_KEYS = Set.of("column", "json", "value", "from_path", "values", "unmapped", "split", "format", "zone");
  private static final Set<String> ORIGIN_KEYS = Set.of("column", "json", "value", "from_path");
  private static final Pattern CAPTURE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** Every field of each input, as the contract names them (CONTRACT.md section 2). */
  static final Map<InputKind, List<String>> CONTRACT_FIELDS =
      Map.of(
          InputKind.ASSETS,
          List.of(ASSET_ID, PRODUCTION_ID, VENDOR_ID, DELIVERABLE_STATUS, MEDIA_TYPE, FILE_PATH, SHA256, CREATED_AT, DERIVED_FROM,
              TALENT_IDS, IP_REFS, PERSONAL_DATA, UNION_COVERED, CONTENT_ROLE, AI_LABELED),
          InputKind.TOOL_EVENTS,
          List.of(EVENT_ID, TIMESTAMP, PRODUCTION_ID, VENDOR_ID, TOOL_ID, OPERATION, USER_ID, MODEL, INPUT_ASSET_IDS,
              OUTPUT_ASSET_IDS, PROMPT, DEPLOYMENT, DATA_RETENTION),
          InputKind.DISCLOSURES,
          List.of(DISCLOSURE_ID, PRODUCTION_ID, VENDOR_ID, TOOL_IDS, OPERATIONS, PURPOSE, VALID_FROM, VALID_TO, SUBMITTED_AT,
              ASSET_SCOPE, APPROVALS, APPROVAL_REF),
          InputKind.CONSENTS,
          List.of(CONSENT_ID, TALENT_ID, PRODUCTION_ID, SCOPE, VALID_FROM, VALID_TO, REVOKED),
          InputKind.PRODUCTIONS,
          List.of(PRODUCTION_ID, TITLE, NONFICTION));

  static final Set<String> LIST_FIELDS =
      Set.of(DERIVED_FROM, TALENT_IDS, IP_REFS, INPUT_ASSET_IDS, OUTPUT_ASSET_IDS, TOOL_IDS, OPERATIONS, ASSET_SCOPE, APPROVALS, SCOPE);
  static final Set<String> TIME_FIELDS = Set.of(CREATED_AT, TIMESTAMP, VALID_FROM, VALID_TO, SUBMITTED_AT);

  private MappingLoader() {}

  /**
   * Reads and checks {@code file}.
   *
   * @return the mapping, its origin being {@code file} as given
   * @throws MappingException for the first problem found, naming the file, the source and the key
   */
  public static Mapping load(Path file) throws MappingException {
    String origin = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new MappingException(origin, "", "", "no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return load(origin, in);
    } catch (IOException e) {
      throw new MappingException(origin, "", "", "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Reads and checks a mapping file opened by the caller: one on another file system ({@code s3://…}).
   *
   * @param origin the file's name, as errors and the reports show it
   * @throws MappingException for the first problem found, naming the file, the source and the key
   */
  public static Mapping load(String origin, InputStream in) throws MappingException {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (JsonProcessingException e) {
      throw new MappingException(origin, "", "", "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MappingException(origin, "", "", "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MappingException(origin, "", "", "must be a mapping with the keys sources and otlp_attributes");
    }
    knownKeys(origin, "", "", root, TOP_LEVEL_KEYS);
    List<MappedSource> sources = new ArrayList<>();
    JsonNode list = root.path("sources");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new MappingException(origin, "", "sources", "must be a list of sources");
    }
    for (JsonNode source : list) {
      sources.add(source(origin, sources.size() + 1, source));
    }
    return new Mapping(origin, sources, otlpAttributes(origin, root.path("otlp_attributes")));
  }

  private static MappedSource source(String origin, int number, JsonNode node) throws MappingException {
    String where = "source " + number;
    if (!node.isObject()) {
      throw new MappingException(origin, where, "", "must be a mapping with files, input, fields and optionally format and dialect");
    }
    String files = text(origin, where, "files", node.get("files"));
    where = where + " (" + files + ")";
    knownKeys(origin, where, "", node, SOURCE_KEYS);
    String inputName = text(origin, where, "input", node.get("input"));
    InputKind kind = null;
    List<String> kinds = new ArrayList<>();
    for (InputKind candidate : InputKind.values()) {
      kinds.add(candidate.contractName());
      if (candidate.contractName().equals(inputName.toLowerCase(Locale.ROOT))) {
        kind = candidate;
      }
    }
    if (kind == null) {
      throw new MappingException(origin, where, "input", "unknown input \"" + inputName + "\" (known inputs: " + String.join(", ", kinds) + ")");
    }
    boolean jsonLines = jsonLines(origin, where, node.get("format"), files);
    Dialect dialect = dialect(origin, where, node.get("dialect"), jsonLines);
    Set<String> captures = new TreeSet<>();
    for (Matcher m = CAPTURE.matcher(files); m.find(); ) {
      captures.add(m.group(1));
    }
    JsonNode fieldsNode = node.get("fields");
    if (fieldsNode == null || !fieldsNode.isObject()) {
      throw new MappingException(origin, where, "fields", "must be a mapping from contract field to its source");
    }
    Map<String, FieldRule> fields = new LinkedHashMap<>();
    List<String> known = CONTRACT_FIELDS.get(kind);
    for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String field = entry.getKey();
      if (!known.contains(field)) {
        throw new MappingException(
            origin, where, "fields." + field, "unknown field of " + kind.contractName() + " (its fields: " + String.join(", ", known) + ")");
      }
      fields.put(field, field(origin, where, field, entry.getValue(), jsonLines, dialect, captures));
    }
    for (String required : kind.requiredFields()) {
      if (!fields.containsKey(required)) {
        throw new MappingException(origin, where, "fields." + required, "required field of " + kind.contractName() + " left unmapped");
      }
    }
    return new MappedSource(origin, number, files, kind, jsonLines, dialect, fields);
  }

  private static boolean jsonLines(String origin, String where, JsonNode format, String files) throws MappingException {
    if (format == null) {
      String lower = files.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
      return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
    }
    return switch (format.asText()) {
      case "csv" -> false;
      case "jsonl" -> true;
      default -> throw new MappingException(origin, where, "format", "unknown format \"" + format.asText() + "\" (expected csv or jsonl)");
    };
  }

  private static Dialect dialect(String origin, String where, JsonNode node, boolean jsonLines) throws MappingException {
    if (node == null) {
      return Dialect.DEFAULT;
    }
    if (!node.isObject()) {
      throw new MappingException(origin, where, "dialect", "must be a mapping with delimiter, quote, encoding, header, skip_lines");
    }
    knownKeys(origin, where, "dialect.", node, DIALECT_KEYS);
    if (jsonLines) {
      for (String key : List.of("delimiter", "quote", "header")) {
        if (node.has(key)) {
          throw new MappingException(origin, where, "dialect." + key, "a JSON Lines source has no " + key + " (only encoding and skip_lines)");
        }
      }
    }
    char delimiter = ',';
    if (node.has("delimiter")) {
      String d = node.get("delimiter").asText();
      delimiter =
          switch (d) {
            case ",", ";", "|", "\t" -> d.charAt(0);
            case "tab" -> '\t';
            default -> throw new MappingException(
                origin, where, "dialect.delimiter", "unsupported delimiter \"" + d + "\" (expected \",\", \";\", \"|\" or tab)");
          };
    }
    Character quote = '"';
    if (node.has("quote")) {
      String q = node.get("quote").isNull() ? "" : node.get("quote").asText();
      if (q.length() > 1 || (q.length() == 1 && (q.charAt(0) == delimiter || q.charAt(0) == '\n' || q.charAt(0) == '\r'))) {
        throw new MappingException(origin, where, "dialect.quote", "must be one character other than the delimiter, or empty for no quoting");
      }
      quote = q.isEmpty() ? null : q.charAt(0);
    }
    String encoding = "UTF-8";
    if (node.has("encoding")) {
      String e = node.get("encoding").asText();
      encoding = null;
      for (String known : ENCODINGS) {
        if (known.equalsIgnoreCase(e) || (known.equals("windows-1252") && e.equalsIgnoreCase("cp1252"))) {
          encoding = known;
        }
      }
      if (encoding == null) {
        throw new MappingException(origin, where, "dialect.encoding", "unsupported encoding \"" + e + "\" (expected " + String.join(", ", ENCODINGS) + ")");
      }
    }
    boolean header = true;
    if (node.has("header")) {
      if (!node.get("header").isBoolean()) {
        throw new MappingException(origin, where, "dialect.header", "must be true or false");
      }
      header = node.get("header").booleanValue();
    }
    int skip = 0;
    if (node.has("skip_lines")) {
      JsonNode s = node.get("skip_lines");
      if (!s.isInt() || s.intValue() < 0) {
        throw new MappingException(origin, where, "dialect.skip_lines", "must be a whole number, 0 or more");
      }
      skip = s.intValue();
    }
    return new Dialect(delimiter, quote, encoding, header, skip);
  }

  private static FieldRule field(
      String origin, String where, String field, JsonNode node, boolean jsonLines, Dialect dialect, Set<String> captures)
      throws MappingException {
    String key = "fields." + field;
    if (node.isTextual() || node.isInt()) {
      return field(origin, where, field, YAML.createObjectNode().set(jsonLines ? "json" : "column", node), jsonLines, dialect, captures);
    }
    if (!node.isObject()) {
      throw new MappingException(origin, where, key, "must be a column name, or a mapping with one of column, json, value, from_path");
    }
    knownKeys(origin, where, key + ".", node, FIELD_KEYS);
    List<String> origins = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> {
      if (ORIGIN_KEYS.contains(name)) {
        origins.add(name);
      }
    });
    if (origins.size() != 1) {
      throw new MappingException(origin, where, key, "needs exactly one of column, json, value, from_path" + (origins.isEmpty() ? "" : " (has " + String.join(", ", origins) + ")"));
    }
    String from = origins.get(0);
    JsonNode source = node.get(from);
    FieldRule.From kind;
    String name = null;
    int position = 0;
    switch (from) {
      case "column" -> {
        if (jsonLines) {
          throw new MappingException(origin, where, key + ".column", "a JSON Lines source names values by json path (json: $.usage.tool), not by column");
        }
        if (source.isInt()) {
          if (source.intValue() < 1) {
            throw new MappingException(origin, where, key + ".column", "a column position counts from 1");
          }
          kind = FieldRule.From.POSITION;
          position = source.intValue();
        } else {
          if (!dialect.header()) {
            throw new MappingException(origin, where, key + ".column", "the source has no header row: name the column by its position (column: 3)");
          }
          kind = FieldRule.From.COLUMN;
          name = text(origin, where, key + ".column", source);
        }
      }
      case "json" -> {
        if (!jsonLines) {
          throw new MappingException(origin, where, key + ".json", "a CSV source names values by column, not by json path");
        }
        kind = FieldRule.From.JSON;
        name = text(origin, where, key + ".json", source);
        if (!name.replaceFirst("^\\$\\.", "").matches("[^.\\[\\]]+(\\.[^.\\[\\]]+)*")) {
          throw new MappingException(origin, where, key + ".json", "not a JSON path of member names such as $.usage.tool or usage.tool");
        }
      }
      case "value" -> {
        kind = FieldRule.From.CONSTANT;
        name = text(origin, where, key + ".value", source);
      }
      default -> {
        kind = FieldRule.From.PATH;
        name = text(origin, where, key + ".from_path", source);
        if (!captures.contains(name)) {
          throw new MappingException(
              origin, where, key + ".from_path", "the files glob has no {" + name + "} part" + (captures.isEmpty() ? "" : " (it has " + captures + ")"));
        }
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (node.has("values")) {
      JsonNode map = node.get("values");
      if (!map.isObject() || map.isEmpty()) {
        throw new MappingException(origin, where, key + ".values", "must be a mapping from source value to contract value");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getValue().isValueNode() || entry.getValue().isNull() || entry.getValue().asText().isBlank()) {
          throw new MappingException(origin, where, key + ".values." + entry.getKey(), "must map to a non-empty value");
        }
        String lower = entry.getKey().trim().toLowerCase(Locale.ROOT);
        if (values.put(lower, entry.getValue().asText().trim()) != null) {
          throw new MappingException(origin, where, key + ".values." + entry.getKey(), "given twice (source values match in any case)");
        }
      }
    }
    boolean keep = false;
    if (node.has("unmapped")) {
      String unmapped = node.get("unmapped").asText();
      if (!values.isEmpty() && unmapped.equals("keep")) {
        keep = true;
      } else if (values.isEmpty() || !unmapped.equals("reject")) {
        throw new MappingException(origin, where, key + ".unmapped", values.isEmpty() ? "needs values" : "expected reject or keep");
      }
    }
    String split = null;
    if (node.has("split")) {
      if (!LIST_FIELDS.contains(field)) {
        throw new MappingException(origin, where, key + ".split", field + " holds one value; only list fields (" + String.join(", ", new TreeSet<>(LIST_FIELDS)) + ") split");
      }
      split = node.get("split").asText();
      if (split.isEmpty()) {
        throw new MappingException(origin, where, key + ".split", "must be a separator of one or more characters");
      }
    }
    TimeFormat time = null;
    if (node.has("format") || node.has("zone")) {
      if (!TIME_FIELDS.contains(field)) {
        throw new MappingException(
            origin, where, key + (node.has("format") ? ".format" : ".zone"),
            field + " is not a time (time fields: " + String.join(", ", new TreeSet<>(TIME_FIELDS)) + ")");
      }
      try {
        time = new TimeFormat(node.has("format") ? node.get("format").asText() : TimeFormat.ISO, node.has("zone") ? node.get("zone").asText() : null);
      } catch (IllegalArgumentException e) {
        throw new MappingException(origin, where, key + (e.getMessage().startsWith("unknown time zone") ? ".zone" : ".format"), e.getMessage());
      }
    }
    return new FieldRule(field, kind, name, position, values, keep, split, time);
  }

  private static Map<String, String> otlpAttributes(String origin, JsonNode node) throws MappingException {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return attributes;
    }
    if (!node.isObject()) {
      throw new MappingException(origin, "", "otlp_attributes", "must be a mapping from tool-event field to span attribute name");
    }
    List<String> known = CONTRACT_FIELDS.get(InputKind.TOOL_EVENTS);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = "otlp_attributes." + entry.getKey();
      if (!known.contains(entry.getKey())) {
        throw new MappingException(origin, "", key, "unknown field of tool-events (its fields: " + String.join(", ", known) + ")");
      }
      attributes.put(entry.getKey(), text(origin, "", key, entry.getValue()));
    }
    return attributes;
  }

  private static void knownKeys(String origin, String where, String prefix, JsonNode node, Set<String> keys) throws MappingException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        throw new MappingException(origin, where, prefix + key, "unknown key (known keys: " + String.join(", ", new TreeSet<>(keys)) + ")");
      }
    }
  }

  private static String text(String origin, String where, String key, JsonNode node) throws MappingException {
    if (node == null || node.isNull()) {
      throw new MappingException(origin, where, key, "missing");
    }
    if (!node.isValueNode() || node.asText().isBlank()) {
      throw new MappingException(origin, where, key, "must be a non-empty text");
    }
    return node.asText().trim();
  }
}
