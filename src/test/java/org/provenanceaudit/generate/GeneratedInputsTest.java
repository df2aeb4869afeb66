package org.provenanceaudit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the generated files hold, checked by a strict reader written from the contract: the
 * headers, the rows it must reject (and why), and the rule counts that can be recomputed from
 * the events, the inventory and the policy alone.
 */
class GeneratedInputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "csv", "jsonl"})
  void aStrictReaderRejectsExactlyThePlantedMalformedRows(String format) throws IOException {
    Path out = generate("--scale=0.05", "--format=" + format, "--malformed-rate=0.04");
    JsonNode inputs = JSON.readTree(out.resolve("expected.json").toFile()).get("inputs");
    long planted = 0;
    for (String input : StrictInputReader.CONTRACT.keySet()) {
      JsonNode expected = inputs.get(input);
      StrictInputReader.Result read = StrictInputReader.read(input, out.resolve(expected.get("file").asText()));
      Map<String, Long> plantedByKind = new TreeMap<>();
      expected.get("malformed_by_kind").fields().forEachRemaining(kind -> {
        if (kind.getValue().asLong() > 0) {
          plantedByKind.put(kind.getKey(), kind.getValue().asLong());
        }
      });
      assertEquals(plantedByKind, read.rejected(), input);
      assertEquals(expected.get("rows").asLong(), read.rows(), input + " rows");
      assertEquals(expected.get("valid_rows").asLong(), read.accepted().size(), input + " valid rows");
      planted += expected.get("malformed_rows").asLong();
    }
    assertTrue(planted >= 80, "enough malformed rows to exercise every kind: " + planted);
  }

  @Test
  void csvHeadersAreTheContractsFields() throws IOException {
    Path out = generate("--scale=0.01", "--format=csv");
    for (Map.Entry<String, List<StrictInputReader.Field>> input : StrictInputReader.CONTRACT.entrySet()) {
      String file = input.getKey() + (input.getKey().equals("tool-events") ? ".csv.gz" : ".csv");
      List<String> header = StrictInputReader.read(input.getKey(), out.resolve(file)).header();
      assertEquals(input.getValue().stream().map(StrictInputReader.Field::name).toList(), header, file);
    }
  }

  @Test
  void policyIsTheDefaultPolicyAndLeavesTwoToolsUnregistered() throws IOException {
    Path out = generate("--scale=0.05");
    JsonNode policy = new ObjectMapper(new YAMLFactory()).readTree(out.resolve("policy.yaml").toFile());
    assertEquals(Set.of("tools", "ip_watchlist", "likeness_operations"), fieldNames(policy));
    assertEquals(11, policy.get("tools").size());
    assertEquals("consumer", policy.get("tools").get("voiceclone-web").get("deployment").asText());
    assertFalse(policy.get("tools").get("grade-pro").get("genai").asBoolean());
    assertEquals(5, policy.get("ip_watchlist").size());
    assertEquals(6, policy.get("likeness_operations").size());

    Set<String> toolsUsed = readAll(out, "tool-events").stream().map(event -> event.get("tool_id"))
        .collect(Collectors.toSet());
    Set<String> unregistered = new HashSet<>(toolsUsed);
    unregistered.removeAll(fieldNames(policy.get("tools")));
    assertEquals(Set.of("sketchgen-beta", "random-ai-site"), unregistered);
  }

  /**
   * TOOL_UNREGISTERED, TOOL_TRAINS_ON_DATA, TOOL_NOT_ENTERPRISE and GENERATED_UNTRACKED depend
   * on nothing but the events, the policy and the inventory: recomputed here from the files,
   * they must equal what expected.json says was planted.
   */
  @Test
  void eventOnlyRulesRecomputedFromTheFilesMatchExpected() throws IOException {
    Path out = generate("--scale=0.2", "--malformed-rate=0.01");
    JsonNode tools = new ObjectMapper(new YAMLFactory()).readTree(out.resolve("policy.yaml").toFile()).get("tools");
    Set<String> inventory = readAll(out, "assets").stream().map(asset -> asset.get("asset_id"))
        .collect(Collectors.toSet());
    long unregistered = 0;
    long retention = 0;
    long deployment = 0;
    Set<String> untracked = new HashSet<>();
    for (Map<String, String> event : readAll(out, "tool-events")) {
      JsonNode tool = tools.get(event.get("tool_id"));
      unregistered += tool == null ? 1 : 0;
      String effectiveRetention = orElse(event.get("data_retention"), tool == null ? "" : tool.get("data_retention").asText());
      String effectiveDeployment = orElse(event.get("deployment"), tool == null ? "unknown" : tool.get("deployment").asText());
      retention += Set.of("stored", "training").contains(effectiveRetention.toLowerCase(Locale.ROOT)) ? 1 : 0;
      deployment += Set.of("consumer", "unknown").contains(effectiveDeployment.toLowerCase(Locale.ROOT)) ? 1 : 0;
      if (tool == null || tool.get("genai").asBoolean()) {
        for (String output : StrictInputReader.multi(event, "output_asset_ids")) {
          if (!inventory.contains(output)) {
            untracked.add(output);
          }
        }
      }
    }
    JsonNode rules = JSON.readTree(out.resolve("expected.json").toFile()).get("rules");
    assertEquals(unregistered, planted(rules, "TOOL_UNREGISTERED"));
    assertEquals(retention, planted(rules, "TOOL_TRAINS_ON_DATA"));
    assertEquals(deployment, planted(rules, "TOOL_NOT_ENTERPRISE"));
    assertEquals(untracked.size(), planted(rules, "GENERATED_UNTRACKED"));
  }

  @Test
  void everyRuleIsPlantedAtARateOfAFewPercent() throws IOException {
    Path out = generate("--scale=0.5");
    JsonNode expected = JSON.readTree(out.resolve("expected.json").toFile());
    long genaiEvents = expected.get("dataset").get("genai_events").asLong();
    long generated = expected.get("dataset").get("generated_assets").asLong()
        + expected.get("dataset").get("derived_from_generated_assets").asLong();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("rules").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> rule = it.next();
      long count = rule.getValue().get("planted_at_least").asLong();
      long eligible = rule.getValue().get("subject").asText().equals("asset") ? generated : genaiEvents;
      double rate = (double) count / eligible;
      assertTrue(rate >= 0.002 && rate <= 0.08, rule.getKey() + " planted " + count + " of " + eligible);
    }
  }

  private Path generate(String... args) {
    Path out = tmp.resolve("out");
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--out=" + out;
    assertEquals(0, GenerateCommand.run(all, System.out, System.err));
    return out;
  }

  private static List<Map<String, String>> readAll(Path out, String input) throws IOException {
    JsonNode file = JSON.readTree(out.resolve("expected.json").toFile()).get("inputs").get(input).get("file");
    return StrictInputReader.read(input, out.resolve(file.asText())).accepted();
  }

  private static long planted(JsonNode rules, String rule) {
    return rules.get(rule).get("planted_at_least").asLong();
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
