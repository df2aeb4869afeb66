package org.provenanceaudit.io;

import static org.provenanceaudit.model.Fields.*;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which OpenTelemetry attributes give each tool-event field of a GenAI span (CONTRACT.md section
 * 2b): for each contract field, the attribute names tried in order, each first on the span and
 * then on its resource. {@link #DEFAULTS} is the contract's table, from the GenAI semantic
 * conventions ({@code gen_ai.*}) and the studio resource attributes ({@code production.id},
 * {@code vendor.id}); a mapping file changes it through {@link #withOverrides}.
 *
 * <p>The event id ({@code spanId}), timestamp ({@code startTimeUnixNano}) and operation ({@code
 * gen_ai.output.type}, then {@code gen_ai.operation.name}) come from the span itself and are not
 * attributes to rename.
 *
 * @param byField contract field name to the attribute names tried, in order
 */
public record OtlpAttributes(Map<String, List<String>> byField) implements Serializable {

  /** The attribute that makes a span a GenAI span (semantic conventions, {@code gen_ai.operation.name}). */
  public static final String OPERATION_NAME = "gen_ai.operation.name";

  /** The GenAI output type ({@code image}, {@code speech}, {@code text}, {@code json}), which decides the operation first. */
  public static final String OUTPUT_TYPE = "gen_ai.output.type";

  /** The span event of the older GenAI conventions that carries the prompt in its {@code gen_ai.prompt} attribute. */
  public static final String PROMPT_EVENT = "gen_ai.content.prompt";

  /** The attribute holding the chat history as a JSON string (GenAI conventions 1.37 and later). */
  public static final String INPUT_MESSAGES = "gen_ai.input.messages";

  /** The contract's table (CONTRACT.md section 2b). */
  public static final OtlpAttributes DEFAULTS = new OtlpAttributes(defaults());

  public OtlpAttributes {
    byField = Map.copyOf(byField);
  }

  private static Map<String, List<String>> defaults() {
    Map<String, List<String>> names = new LinkedHashMap<>();
    names.put(PRODUCTION_ID, List.of("production.id"));
    names.put(VENDOR_ID, List.of("vendor.id"));
    names.put(TOOL_ID, List.of("gen_ai.provider.name", "gen_ai.system"));
    names.put(MODEL, List.of("gen_ai.response.model", "gen_ai.request.model"));
    names.put(USER_ID, List.of("user.id", "enduser.id"));
    names.put(INPUT_ASSET_IDS, List.of("asset.input_ids"));
    names.put(OUTPUT_ASSET_IDS, List.of("asset.output_ids"));
    names.put(PROMPT, List.of(INPUT_MESSAGES, "gen_ai.prompt"));
    names.put(DEPLOYMENT, List.of("deployment"));
    names.put(DATA_RETENTION, List.of("data_retention"));
    return names;
  }

  /** The attribute names tried for {@code field}, in order; empty for a field no attribute gives. */
  public List<String> names(String field) {
    return byField.getOrDefault(field, List.of());
  }

  /**
   * These attribute names with some fields taken from one attribute each instead: {@code
   * fieldToAttribute} maps a tool-event field ({@code production_id}) to the attribute that holds
   * it ({@code studio.show_code}).
   *
   * @throws IllegalArgumentException naming the field, when it is not a tool-event field an
   *     attribute gives (event_id, timestamp and operation come from the span itself)
   */
  public OtlpAttributes withOverrides(Map<String, String> fieldToAttribute) {
    Map<String, List<String>> names = new LinkedHashMap<>(byField);
    for (Map.Entry<String, String> override : fieldToAttribute.entrySet()) {
      if (!byField.containsKey(override.getKey())) {
        throw new IllegalArgumentException(
            override.getKey() + " is not a tool-event field an OpenTelemetry attribute gives; these are: " + String.join(", ", defaults().keySet()));
      }
      if (override.getValue() == null || override.getValue().isBlank()) {
        throw new IllegalArgumentException(override.getKey() + ": the attribute name is empty");
      }
      names.put(override.getKey(), List.of(override.getValue().trim()));
    }
    return new OtlpAttributes(names);
  }
}
