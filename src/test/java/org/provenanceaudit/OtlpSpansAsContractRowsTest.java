package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": the sample's tool events written as OpenTelemetry GenAI spans in
 * {@code otlp-traces.jsonl}, beside the same contract disclosures, consents and assets, give
 * byte-identical findings to the same events written as contract rows. Events whose operation no
 * span attribute expresses (face swap, lip sync, inpaint, ...) stay contract rows in both folders.
 */
class OtlpSpansAsContractRowsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("sample-data");
  /** Contract operation to the gen_ai.output.type and gen_ai.operation.name that map back to it. */
  private static final Map<String, String[]> SPAN_OPERATION =
      Map.of("generate", new String[] {"image", "generate_content"}, "voice_synthesis", new String[] {"speech", "chat"},
          "text_generate", new String[] {"text", "chat"}, "other", new String[] {null, "execute_tool"});

  @TempDir Path work;

  @Test
  void spansGiveTheSameFindingsAsContractRows() throws Exception {
    Path asRows = Files.createDirectories(work.resolve("rows"));
    Path asSpans = Files.createDirectories(work.resolve("spans"));
    for (String table : List.of("assets.csv", "disclosures.csv", "consents.csv", "productions.csv")) {
      Files.copy(SAMPLE.resolve(table), asRows.resolve(table));
      Files.copy(SAMPLE.resolve(table), asSpans.resolve(table));
    }
    List<String> rows = new ArrayList<>();
    List<String> keptRows = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(SAMPLE.resolve("tool-events.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode event;
      try {
        event = JSON.readTree(line);
        Instant.parse(event.path("timestamp").asText());
      } catch (Exception unreadable) {
        continue;
      }
      if (event.path("event_id").asText().equals("E-1001") && n > 0) {
        continue;
      }
      ObjectNode row = (ObjectNode) event.deepCopy();
      row.put("event_id", String.format("%016x", 0xe000 + ++n));
      rows.add(JSON.writeValueAsString(row));
      if (SPAN_OPERATION.containsKey(row.path("operation").asText())) {
        requests.add(JSON.writeValueAsString(request(row)));
      } else {
        keptRows.add(JSON.writeValueAsString(row));
      }
    }
    Files.write(asRows.resolve("tool-events.jsonl"), rows, StandardCharsets.UTF_8);
    Files.write(asSpans.resolve("tool-events.jsonl"), keptRows, StandardCharsets.UTF_8);
    Files.write(asSpans.resolve("otlp-traces.jsonl"), requests, StandardCharsets.UTF_8);

    AuditCommandEndToEndTest.Result fromRows = AuditCommandEndToEndTest.command(work.resolve("out-rows"), "--input=" + asRows, "--output=" + work.resolve("out-rows"), "--quiet=true", "--failOn=none");
    AuditCommandEndToEndTest.Result fromSpans = AuditCommandEndToEndTest.command(work.resolve("out-spans"), "--input=" + asSpans, "--output=" + work.resolve("out-spans"), "--quiet=true", "--failOn=none");
    assertEquals(0, fromRows.status(), fromRows.err());
    assertEquals(0, fromSpans.status(), fromSpans.err());

    String findings = Files.readString(work.resolve("out-rows/findings.jsonl"));
    assertEquals(findings, Files.readString(work.resolve("out-spans/findings.jsonl")));
    Set<String> rules = new TreeSet<>();
    for (String line : findings.split("\n")) {
      rules.add(JSON.readTree(line).path("rule").asText());
    }
    assertTrue(
        rules.containsAll(List.of("GENAI_UNDISCLOSED", "GENAI_LATE_DISCLOSURE", "TOOL_UNREGISTERED", "TOOL_TRAINS_ON_DATA", "THIRD_PARTY_IP")),
        rules::toString);
    assertTrue(requests.size() > 15, "most events travel as spans: " + requests.size());

    JsonNode events = JSON.readTree(work.resolve("out-spans/summary.json").toFile()).path("inputs").path("tool-events");
    JsonNode rowEvents = JSON.readTree(work.resolve("out-rows/summary.json").toFile()).path("inputs").path("tool-events");
    assertEquals(rowEvents.path("accepted").asLong(), events.path("accepted").asLong());
    assertEquals(rowEvents.path("rejected").asLong(), events.path("rejected").asLong());
    JsonNode otlp = events.path("sources").get(0);
    assertEquals("OTLP JSON", otlp.path("format").asText());
    assertEquals(requests.size(), otlp.path("accepted").asLong());
    assertEquals("contract JSON Lines", events.path("sources").get(1).path("format").asText());
  }

  /** One ExportTraceServiceRequest holding the event as a GenAI span, ids in hex as OTLP/JSON writes them. */
  private static ObjectNode request(JsonNode event) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode resourceSpans = request.putArray("resourceSpans").addObject();
    ArrayNode resource = resourceSpans.putObject("resource").putArray("attributes");
    attribute(resource, "service.name", "genai-gateway");
    attribute(resource, "production.id", event.path("production_id").asText());
    attribute(resource, "vendor.id", event.path("vendor_id").asText());
    ObjectNode scopeSpans = resourceSpans.putArray("scopeSpans").addObject();
    scopeSpans.putObject("scope").put("name", "gateway");
    ObjectNode span = scopeSpans.putArray("spans").addObject();
    span.put("traceId", "5b8efff798038103d269b633813fc60c");
    span.put("spanId", event.path("event_id").asText());
    span.put("name", event.path("tool_id").asText());
    Instant start = Instant.parse(event.path("timestamp").asText());
    span.put("startTimeUnixNano", Long.toString(start.getEpochSecond() * 1_000_000_000L + start.getNano()));
    ArrayNode attributes = span.putArray("attributes");
    String[] operation = SPAN_OPERATION.get(event.path("operation").asText());
    attribute(attributes, "gen_ai.operation.name", operation[1]);
    if (operation[0] != null) {
      attribute(attributes, "gen_ai.output.type", operation[0]);
    }
    attribute(attributes, "gen_ai.provider.name", event.path("tool_id").asText());
    for (String[] field : new String[][] {{"model", "gen_ai.request.model"}, {"user_id", "user.id"}, {"deployment", "deployment"}, {"data_retention", "data_retention"}}) {
      if (event.hasNonNull(field[0])) {
        attribute(attributes, field[1], event.path(field[0]).asText());
      }
    }
    for (String[] field : new String[][] {{"input_asset_ids", "asset.input_ids"}, {"output_asset_ids", "asset.output_ids"}}) {
      if (event.path(field[0]).isArray()) {
        ArrayNode values = attributes.addObject().put("key", field[1]).putObject("value").putObject("arrayValue").putArray("values");
        event.path(field[0]).forEach(id -> values.addObject().put("stringValue", id.asText()));
      }
    }
    if (event.hasNonNull("prompt")) {
      ArrayNode messages = JSON.createArrayNode();
      messages.addObject().put("role", "user").putArray("parts").addObject().put("type", "text").put("content", event.path("prompt").asText());
      attribute(attributes, "gen_ai.input.messages", messages.toString());
    }
    return request;
  }

  private static void attribute(ArrayNode attributes, String key, String value) {
    attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
  }
}
