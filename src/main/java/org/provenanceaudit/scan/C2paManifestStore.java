package org.provenanceaudit.scan;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what the audit needs from a C2PA manifest store: the active (last) manifest's claim
 * generator, its actions with their digital source type and software agent, and its training and
 * mining assertions; and the actions of the earlier (ingredient) manifests, which show where
 * generated material came in. Each signal's {@code validation} says {@code unverified} until the
 * store is validated after the walk ({@link C2paValidator}); the store is kept on the context for that.
 */
final class C2paManifestStore {
  private C2paManifestStore() {}

  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(64)
      .maxStringLength(ScanLimits.MIB * 32)
      .maxNumberLength(64)
      .build();
  private static final ObjectMapper CBOR =
      new ObjectMapper(CBORFactory.builder().streamReadConstraints(CONSTRAINTS).build());
  private static final ObjectMapper JSON = new ObjectMapper(
      new com.fasterxml.jackson.core.JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS).build());
  private static final Pattern INSTANCE_SUFFIX = Pattern.compile("__\\d+$");
  private static final String SOURCE = "c2pa";
  private static final String UNVERIFIED = "unverified";

  /**
   * Reports the store in {@code data[from, to)} if it is a C2PA manifest store.
   *
   * @return whether it was one
   */
  static boolean report(ScanContext ctx, byte[] data, int from, int to, String location) {
    List<Jumbf.Box> top = Jumbf.parse(ctx, data, from, to, 0);
    if (top.isEmpty() || !top.get(0).isSuperbox()
        || !Jumbf.C2PA_STORE_TYPE.equals(top.get(0).descriptionType())) {
      return false;
    }
    ctx.markC2pa();
    ctx.keepC2paStore(top.get(0));
    List<Jumbf.Box> manifests = top.get(0).superboxes();
    Map<String, String> store = new LinkedHashMap<>();
    store.put("location", location);
    store.put("manifests", Integer.toString(manifests.size()));
    store.put("active_manifest", manifests.isEmpty() ? "" : nullToEmpty(manifests.get(manifests.size() - 1).label()));
    store.put("validation", UNVERIFIED);
    ctx.add(new Signal(SOURCE, "manifest_store", store, false));
    for (int i = 0; i < manifests.size(); i++) {
      boolean active = i == manifests.size() - 1;
      reportManifest(ctx, manifests.get(i), active);
    }
    return true;
  }

  private static void reportManifest(ScanContext ctx, Jumbf.Box manifest, boolean active) {
    String label = nullToEmpty(manifest.label());
    if (active) {
      Jumbf.Box claim = manifest.superboxes().stream()
          .filter(b -> b.label() != null && b.label().startsWith("c2pa.claim"))
          .findFirst().orElse(null);
      if (claim == null) {
        ctx.softError("C2PA manifest '" + label + "' has no claim");
      } else {
        readContent(ctx, claim).ifPresent(node -> claimGenerator(ctx, node, label));
      }
    }
    Jumbf.Box assertions = manifest.childLabelled("c2pa.assertions");
    if (assertions == null) {
      return;
    }
    for (Jumbf.Box assertion : assertions.superboxes()) {
      String name = INSTANCE_SUFFIX.matcher(nullToEmpty(assertion.label())).replaceFirst("");
      boolean isActions = name.equals("c2pa.actions") || name.equals("c2pa.actions.v2");
      boolean isTraining = name.equals("c2pa.training-mining") || name.equals("cawg.training-mining");
      if (isActions) {
        readContent(ctx, assertion).ifPresent(node -> actions(ctx, node, label, active));
      } else if (isTraining && active) {
        readContent(ctx, assertion).ifPresent(node -> trainingMining(ctx, node, name, label));
      }
    }
  }

  private static void claimGenerator(ScanContext ctx, JsonNode claim, String manifest) {
    Map<String, String> values = base(manifest, true);
    StringBuilder names = new StringBuilder();
    String generator = text(claim.get("claim_generator"));
    if (generator != null) {
      values.put("claim_generator", generator);
      names.append(generator);
    }
    JsonNode info = claim.get("claim_generator_info");
    if (info != null && !info.isNull()) {
      String described = generatorInfo(info);
      if (!described.isEmpty()) {
        values.put("claim_generator_info", described);
        names.append(' ').append(described);
      }
    }
    values.put("validation", UNVERIFIED);
    boolean genai = ctx.policy.genaiSoftwareIn(names.toString()).isPresent();
    ctx.add(new Signal(SOURCE, "claim_generator", values, genai));
  }

  private static String generatorInfo(JsonNode info) {
    StringBuilder out = new StringBuilder();
    for (JsonNode entry : info.isArray() ? info : List.of(info)) {
      String agent = agentName(entry);
      if (agent != null && !agent.isEmpty()) {
        if (out.length() > 0) {
          out.append(", ");
        }
        out.append(agent);
      }
    }
    return out.toString();
  }

  private static void actions(ScanContext ctx, JsonNode assertion, String manifest, boolean active) {
    JsonNode actions = assertion.get("actions");
    if (actions == null || !actions.isArray()) {
      return;
    }
    JsonNode agents = assertion.get("softwareAgents");
    for (JsonNode action : actions) {
      Map<String, String> values = base(manifest, active);
      String name = text(action.get("action"));
      values.put("action", name == null ? "" : name);
      String sourceType = text(action.get("digitalSourceType"));
      boolean genai = false;
      if (sourceType != null && !sourceType.isBlank()) {
        values.put("digital_source_type", ScanPolicy.digitalSourceTypeCode(sourceType));
        genai = ctx.policy.isGenaiSourceType(sourceType);
      }
      String agent = agentName(action.get("softwareAgent"));
      JsonNode index = action.get("softwareAgentIndex");
      if (agent == null && index != null && index.canConvertToInt() && agents != null && agents.isArray()) {
        agent = agentName(agents.get(index.asInt()));
      }
      if (agent != null) {
        values.put("software_agent", agent);
        genai |= ctx.policy.genaiSoftwareIn(agent).isPresent();
      }
      values.put("validation", UNVERIFIED);
      ctx.add(new Signal(SOURCE, "action", values, genai));
    }
  }

  private static void trainingMining(ScanContext ctx, JsonNode assertion, String name, String manifest) {
    JsonNode entries = assertion.get("entries");
    if (entries == null || !entries.isObject()) {
      return;
    }
    entries.fields().forEachRemaining(entry -> {
      Map<String, String> values = base(manifest, true);
      values.put("assertion", name);
      values.put("entry", entry.getKey());
      String use = text(entry.getValue().get("use"));
      values.put("use", use == null ? "" : use);
      String constraint = text(entry.getValue().get("constraint_info"));
      if (constraint != null) {
        values.put("constraint_info", ScanContext.excerpt(constraint));
      }
      values.put("validation", UNVERIFIED);
      ctx.add(new Signal(SOURCE, "training_mining", values, false));
    });
  }

  /** A software agent or generator-info entry: a string, or a map with name and version. */
  private static String agentName(JsonNode agent) {
    if (agent == null || agent.isNull()) {
      return null;
    }
    if (agent.isTextual()) {
      return agent.asText();
    }
    if (agent.isObject()) {
      String name = text(agent.get("name"));
      String version = text(agent.get("version"));
      if (name == null) {
        return null;
      }
      return version == null ? name : name + " " + version;
    }
    return null;
  }

  private static Optional<JsonNode> readContent(ScanContext ctx, Jumbf.Box superbox) {
    Jumbf.Box content = superbox.content();
    if (content == null) {
      return Optional.empty();
    }
    ObjectMapper mapper = switch (content.type()) {
      case "cbor" -> CBOR;
      case "json" -> JSON;
      default -> null;
    };
    if (mapper == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(content.data(), content.payloadStart(),
          content.payloadEnd() - content.payloadStart());
      return Optional.ofNullable(node);
    } catch (IOException | RuntimeException e) {
      ctx.softError("unreadable " + content.type().toUpperCase() + " in C2PA box '"
          + nullToEmpty(superbox.label()) + "'");
      return Optional.empty();
    }
  }

  private static Map<String, String> base(String manifest, boolean active) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("manifest", manifest);
    values.put("role", active ? "active" : "ingredient");
    return values;
  }

  private static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
