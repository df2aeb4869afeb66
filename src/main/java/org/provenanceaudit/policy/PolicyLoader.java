package org.provenanceaudit.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.provenanceaudit.model.ContractEnum;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Severity;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Loads the policy: the built-in default, then a user's file over it key by key. Strict, because a
 * typo in a policy silently changes every finding: an unknown key, a bad value or a tool without
 * {@code genai} is a {@link PolicyException} naming the file and the key.
 */
public final class PolicyLoader {

  public static final String BUILT_IN = "built-in default policy";
  private static final String DEFAULT_RESOURCE = "default-policy.yaml";
  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of(
          "tools",
          "ip_watchlist",
          "likeness_operations",
          "severity",
          "genai_digital_source_types",
          "genai_text_keys",
          "genai_software");
  private static final Set<String> TOOL_KEYS = Set.of("name", "genai", "deployment", "data_retention");
  /**
   * The most code points a policy file may hold. SnakeYAML's default, 3 Mi, is a watchlist of about
   * 100,000 terms; a policy is the user's own file, so the bound only stops a runaway one.
   */
  static final int MAX_CODE_POINTS = 256 << 20;

  private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

  private final Set<String> ruleCodes;

  /** @param ruleCodes the codes a {@code severity} override may name */
  public PolicyLoader(Set<String> ruleCodes) {
    this.ruleCodes = ruleCodes;
  }

  public Policy builtIn() throws PolicyException {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new PolicyException(BUILT_IN, "", "missing from the build");
      }
      return build(BUILT_IN, parse(BUILT_IN, in), null);
    } catch (IOException e) {
      throw new PolicyException(BUILT_IN, "", "cannot be read: " + e.getMessage());
    }
  }

  /** The built-in policy with the keys of {@code file} replacing its own. */
  public Policy load(Path file) throws PolicyException {
    String origin = file.toString();
    Policy defaults = builtIn();
    if (Files.isDirectory(file)) {
      throw new PolicyException(origin, "", "is a folder, not a policy file");
    }
    if (!Files.isRegularFile(file)) {
      throw new PolicyException(origin, "", Files.exists(file) ? "is not a regular file" : "no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return build(origin, parse(origin, in), defaults);
    } catch (IOException e) {
      throw new PolicyException(origin, "", "cannot be read: " + e.getMessage());
    }
  }

  /**
   * The built-in policy with the keys of the YAML read from {@code in} replacing its own: a policy
   * file on another file system ({@code s3://…}), opened by the caller.
   *
   * @param origin the file's name, as errors and the reports show it
   * @throws PolicyException naming {@code origin} when it cannot be read or breaks the policy's rules
   */
  public Policy load(String origin, InputStream in) throws PolicyException {
    Policy defaults = builtIn();
    try {
      return build(origin, parse(origin, in), defaults);
    } catch (IOException e) {
      throw new PolicyException(origin, "", "cannot be read: " + e.getMessage());
    }
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  private static JsonNode parse(String origin, InputStream in) throws PolicyException, IOException {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (JsonProcessingException e) {
      throw new PolicyException(origin, "", "not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new PolicyException(origin, "", "must be a mapping of keys (tools, ip_watchlist, ...)");
    }
    return root;
  }

  private Policy build(String origin, JsonNode root, Policy defaults) throws PolicyException {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!TOP_LEVEL_KEYS.contains(key)) {
        throw new PolicyException(origin, key, "unknown key (known keys: " + String.join(", ", new TreeSet<>(TOP_LEVEL_KEYS)) + ")");
      }
    }
    return new Policy(
        origin,
        root.has("tools") ? tools(origin, root.get("tools")) : defaults.tools(),
        root.has("ip_watchlist") ? strings(origin, "ip_watchlist", root.get("ip_watchlist")) : defaults.ipWatchlist(),
        root.has("likeness_operations")
            ? operations(origin, root.get("likeness_operations"))
            : defaults.likenessOperations(),
        root.has("severity") ? severities(origin, root.get("severity")) : defaults.severity(),
        root.has("genai_digital_source_types")
            ? Collections.unmodifiableSet(new LinkedHashSet<>(strings(origin, "genai_digital_source_types", root.get("genai_digital_source_types"))))
            : defaults.genaiDigitalSourceTypes(),
        root.has("genai_text_keys")
            ? Collections.unmodifiableSet(new LinkedHashSet<>(strings(origin, "genai_text_keys", root.get("genai_text_keys"))))
            : defaults.genaiTextKeys(),
        root.has("genai_software") ? strings(origin, "genai_software", root.get("genai_software")) : defaults.genaiSoftware());
  }

  private static SortedMap<String, ToolEntry> tools(String origin, JsonNode node) throws PolicyException {
    if (!node.isObject()) {
      throw new PolicyException(origin, "tools", "must be a mapping from tool_id to its entry");
    }
    SortedMap<String, ToolEntry> tools = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tool = it.next();
      String key = "tools." + tool.getKey();
      JsonNode entry = tool.getValue();
      if (!entry.isObject()) {
        throw new PolicyException(origin, key, "must be a mapping with name, genai, deployment, data_retention");
      }
      for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!TOOL_KEYS.contains(name)) {
          throw new PolicyException(origin, key + "." + name, "unknown key (known keys: data_retention, deployment, genai, name)");
        }
      }
      if (!entry.has("genai")) {
        throw new PolicyException(origin, key + ".genai", "missing: every tool must say whether it is generative AI");
      }
      tools.put(
          tool.getKey(),
          new ToolEntry(
              entry.has("name") ? entry.get("name").asText() : tool.getKey(),
              bool(origin, key + ".genai", entry.get("genai")),
              entry.has("deployment")
                  ? enumValue(origin, key + ".deployment", entry.get("deployment"), Deployment.class)
                  : Deployment.UNKNOWN,
              entry.has("data_retention")
                  ? enumValue(origin, key + ".data_retention", entry.get("data_retention"), DataRetention.class)
                  : null));
    }
    return Collections.unmodifiableSortedMap(tools);
  }

  private static Set<Operation> operations(String origin, JsonNode node) throws PolicyException {
    Set<Operation> operations = EnumSet.noneOf(Operation.class);
    for (String value : strings(origin, "likeness_operations", node)) {
      operations.add(enumText(origin, "likeness_operations", value, Operation.class));
    }
    return Collections.unmodifiableSet(operations);
  }

  private Map<String, Severity> severities(String origin, JsonNode node) throws PolicyException {
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new PolicyException(origin, "severity", "must be a mapping from rule code to severity");
    }
    Map<String, Severity> severities = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = "severity." + entry.getKey();
      if (!ruleCodes.contains(entry.getKey())) {
        throw new PolicyException(origin, key, "unknown rule code (known codes: " + String.join(", ", new TreeSet<>(ruleCodes)) + ")");
      }
      severities.put(entry.getKey(), enumValue(origin, key, entry.getValue(), Severity.class));
    }
    return Collections.unmodifiableMap(severities);
  }

  private static List<String> strings(String origin, String key, JsonNode node) throws PolicyException {
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new PolicyException(origin, key, "must be a list");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : node) {
      String value = element.isValueNode() && !element.isNull() ? element.asText().trim() : "";
      if (value.isBlank()) {
        throw new PolicyException(origin, key, "must be a list of non-empty strings");
      }
      values.add(value);
    }
    return List.copyOf(values);
  }

  private static boolean bool(String origin, String key, JsonNode node) throws PolicyException {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text = node.asText().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new PolicyException(origin, key, "invalid boolean \"" + node.asText() + "\" (expected true or false)");
    };
  }

  private static <E extends Enum<E> & ContractEnum> E enumValue(String origin, String key, JsonNode node, Class<E> type)
      throws PolicyException {
    if (!node.isValueNode() || node.isNull()) {
      throw new PolicyException(origin, key, "expected one of " + ContractEnum.allowed(type));
    }
    return enumText(origin, key, node.asText(), type);
  }

  private static <E extends Enum<E> & ContractEnum> E enumText(String origin, String key, String text, Class<E> type)
      throws PolicyException {
    return ContractEnum.parse(type, text)
        .orElseThrow(
            () -> new PolicyException(origin, key, "invalid value \"" + text + "\" (expected one of " + ContractEnum.allowed(type) + ")"));
  }
}
