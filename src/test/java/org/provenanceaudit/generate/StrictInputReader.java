package org.provenanceaudit.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A strict reader of the contract's inputs, written from CONTRACT.md for the tests and sharing
 * no code with the generator: it accepts a row only when every value is readable, and says why
 * it rejects the others, in the generator's defect names.
 */
final class StrictInputReader {

  enum Type { TEXT, ENUM, MULTI, MULTI_ENUM, TIMESTAMP, BOOL }

  record Field(String name, boolean required, Type type, Set<String> values) {}

  static final Set<String> OPERATIONS = Set.of("generate", "edit", "inpaint", "upscale", "extend",
      "style_transfer", "voice_clone", "voice_synthesis", "face_swap", "lip_sync", "de_age", "digital_replica",
      "transcribe", "translate", "text_generate", "other");

  /** Every input's fields as CONTRACT.md lists them. */
  static final Map<String, List<Field>> CONTRACT = Map.of(
      "productions", List.of(text("production_id", true), text("title", false), bool("nonfiction")),
      "assets", List.of(text("asset_id", true), text("production_id", true), text("vendor_id", true),
          oneOf("deliverable_status", true, "final", "temp", "working", "archived"), text("media_type", false),
          text("file_path", false), text("sha256", false), time("created_at"), multi("derived_from"),
          multi("talent_ids"), multi("ip_refs"), bool("personal_data"), bool("union_covered"),
          oneOf("content_role", false, "archival", "key_creative", "background", "prop", "previs", "concept",
              "marketing", "other"),
          bool("ai_labeled")),
      "tool-events", List.of(text("event_id", true), new Field("timestamp", true, Type.TIMESTAMP, Set.of()),
          text("production_id", true), text("vendor_id", true), text("tool_id", true),
          new Field("operation", true, Type.ENUM, OPERATIONS), text("user_id", false), text("model", false),
          multi("input_asset_ids"), multi("output_asset_ids"), text("prompt", false),
          oneOf("deployment", false, "enterprise", "consumer", "on_prem", "unknown"),
          oneOf("data_retention", false, "none", "transient", "stored", "training")),
      "disclosures", List.of(text("disclosure_id", true), text("production_id", true), text("vendor_id", true),
          new Field("tool_ids", true, Type.MULTI, Set.of()), new Field("operations", false, Type.MULTI_ENUM, OPERATIONS),
          text("purpose", false), time("valid_from"), time("valid_to"), time("submitted_at"), multi("asset_scope"),
          new Field("approvals", false, Type.MULTI_ENUM, Set.of("final_deliverable", "talent_likeness",
              "personal_data", "third_party_ip", "union_work", "key_creative")),
          text("approval_ref", false)),
      "consents", List.of(text("consent_id", true), text("talent_id", true), text("production_id", true),
          new Field("scope", true, Type.MULTI_ENUM, Set.of("likeness", "voice", "performance", "digital_replica")),
          time("valid_from"), time("valid_to"), bool("revoked")));

  /** What a strict read of one file gave: accepted rows (lower-cased field names) and rejections by reason. */
  record Result(List<String> header, long rows, List<Map<String, String>> accepted, Map<String, Long> rejected) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static Result read(String input, Path file) throws IOException {
    List<Field> fields = CONTRACT.get(input);
    String name = file.getFileName().toString();
    InputStream bytes = Files.newInputStream(file);
    if (name.endsWith(".gz")) {
      bytes = new GZIPInputStream(bytes);
    }
    try (Reader reader = withoutBom(new InputStreamReader(bytes, StandardCharsets.UTF_8))) {
      return name.contains(".csv") ? readCsv(fields, reader) : readJsonLines(fields, reader);
    }
  }

  private static Result readCsv(List<Field> fields, Reader reader) throws IOException {
    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    List<String> header = parser.getHeaderNames();
    Rows rows = new Rows(fields);
    for (CSVRecord record : parser) {
      if (record.size() != header.size()) {
        rows.reject("wrong_cell_count");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i).toLowerCase(Locale.ROOT), record.get(i));
      }
      rows.check(values);
    }
    return rows.result(header);
  }

  private static Result readJsonLines(List<Field> fields, Reader reader) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    Rows rows = new Rows(fields);
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode object;
      try {
        object = JSON.readTree(line);
      } catch (IOException e) {
        rows.reject("broken_json");
        continue;
      }
      if (object == null || !object.isObject()) {
        rows.reject("broken_json");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = field.getValue();
        String text;
        if (value.isArray()) {
          List<String> items = new ArrayList<>();
          value.forEach(item -> items.add(item.asText()));
          text = String.join(";", items);
        } else {
          text = value.isNull() ? "" : value.asText();
        }
        values.put(field.getKey().toLowerCase(Locale.ROOT), text);
      }
      rows.check(values);
    }
    return rows.result(List.of());
  }

  /** Row checks in the order a reader would make them; each rejected row counts once. */
  private static final class Rows {
    private final List<Field> fields;
    private final Set<String> ids = new HashSet<>();
    private final List<Map<String, String>> accepted = new ArrayList<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private long count;

    Rows(List<Field> fields) {
      this.fields = fields;
    }

    void reject(String reason) {
      count++;
      rejected.merge(reason, 1L, Long::sum);
    }

    void check(Map<String, String> values) {
      String reason = problem(values);
      if (reason == null && !ids.add(values.get(fields.get(0).name()))) {
        reason = "duplicate_id";
      }
      if (reason != null) {
        reject(reason);
      } else {
        count++;
        accepted.add(values);
      }
    }

    private String problem(Map<String, String> values) {
      for (Field field : fields) {
        String value = values.getOrDefault(field.name(), "").trim();
        if (value.isEmpty()) {
          if (field.required()) {
            return "missing_required";
          }
          continue;
        }
        switch (field.type()) {
          case ENUM -> {
            if (!field.values().contains(value.toLowerCase(Locale.ROOT))) {
              return "bad_enum";
            }
          }
          case MULTI_ENUM -> {
            for (String item : value.split(";")) {
              if (!item.isBlank() && !field.values().contains(item.trim().toLowerCase(Locale.ROOT))) {
                return "bad_enum";
              }
            }
          }
          case TIMESTAMP -> {
            if (!isTimestamp(value)) {
              return "bad_timestamp";
            }
          }
          case BOOL -> {
            if (!Set.of("true", "false", "yes", "no", "1", "0").contains(value.toLowerCase(Locale.ROOT))) {
              return "bad_boolean";
            }
          }
          default -> { }
        }
      }
      return null;
    }

    Result result(List<String> header) {
      return new Result(header, count, accepted, rejected);
    }
  }

  static boolean isTimestamp(String value) {
    try {
      OffsetDateTime.parse(value);
      return true;
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate.parse(value);
        return true;
      } catch (DateTimeParseException notADate) {
        return false;
      }
    }
  }

  static List<String> multi(Map<String, String> row, String field) {
    List<String> values = new ArrayList<>();
    for (String item : row.getOrDefault(field, "").split(";")) {
      if (!item.isBlank()) {
        values.add(item.trim());
      }
    }
    return values;
  }

  private static Reader withoutBom(Reader reader) throws IOException {
    PushbackReader pushback = new PushbackReader(reader, 1);
    int first = pushback.read();
    if (first != -1 && first != '\uFEFF') {
      pushback.unread(first);
    }
    return pushback;
  }

  private static Field text(String name, boolean required) {
    return new Field(name, required, Type.TEXT, Set.of());
  }

  private static Field multi(String name) {
    return new Field(name, false, Type.MULTI, Set.of());
  }

  private static Field time(String name) {
    return new Field(name, false, Type.TIMESTAMP, Set.of());
  }

  private static Field bool(String name) {
    return new Field(name, false, Type.BOOL, Set.of());
  }

  private static Field oneOf(String name, boolean required, String... values) {
    return new Field(name, required, Type.ENUM, Set.of(values));
  }
}
