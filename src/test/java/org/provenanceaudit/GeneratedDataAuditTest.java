package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.generate.GenerateCommand;

/**
 * The generator plants violations from its own model of RULES.md, written apart from the rules;
 * the audit must find exactly what it planted, rule by rule, and reject exactly the malformed rows.
 */
class GeneratedDataAuditTest {

  @TempDir Path work;

  /**
   * Every table in the contract; the assets as a ShotGrid-like export read through mapping.yaml;
   * the tool events as OpenTelemetry GenAI spans in otlp-traces.jsonl.gz (those a span can carry).
   */
  @ParameterizedTest
  @ValueSource(strings = {"--assets-format=contract", "--assets-format=mapped", "--events-format=otlp"})
  void theAuditFindsWhatTheGeneratorPlantedRuleByRule(String format) throws Exception {
    Path data = work.resolve("data");
    Path out = work.resolve("out");
    assertEquals(0, GenerateCommand.run(new String[] {"--scale=0.2", "--seed=7", "--out=" + data, format}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AuditCommand.run(
            new String[] {"--input=" + data, "--output=" + out, "--quiet=true", "--failOn=none"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(AuditCommand.OK, status, err.toString(StandardCharsets.UTF_8));

    ObjectMapper json = new ObjectMapper();
    JsonNode expected = json.readTree(data.resolve("expected.json").toFile());
    JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> rules = expected.get("rules").fields(); rules.hasNext(); ) {
      Map.Entry<String, JsonNode> rule = rules.next();
      assertEquals(
          rule.getValue().get("planted_at_least").asLong(),
          summary.path("findings").path("by_rule").path(rule.getKey()).asLong(),
          rule.getKey());
    }
    for (Iterator<Map.Entry<String, JsonNode>> inputs = expected.get("inputs").fields(); inputs.hasNext(); ) {
      Map.Entry<String, JsonNode> input = inputs.next();
      JsonNode tally = summary.get("inputs").get(input.getKey());
      assertEquals(input.getValue().get("rows").asLong(), tally.get("read").asLong(), input.getKey() + " read");
      assertEquals(input.getValue().get("malformed_rows").asLong(), tally.get("rejected").asLong(), input.getKey() + " rejected");
    }
    assertEquals(expected.get("dataset").get("lineage_cycles").asLong(), summary.get("lineage_cycles").asLong());
  }
}
