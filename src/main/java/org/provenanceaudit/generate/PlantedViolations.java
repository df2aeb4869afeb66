package org.provenanceaudit.generate;

import static org.provenanceaudit.generate.Vocabulary.*;

/**
 * Counts, per rule of RULES.md, the violations the generated data holds by construction. Every
 * event is shown here before it is written and every production's inventory once its events are
 * done; the counts follow the rules' own definitions over what the generator knows (coverage,
 * approvals with a reference, consents, lineage), so planted violations and the ones that
 * plain work happens to cause are both counted. Malformed rows are never shown here: a strict
 * reader rejects them. The audit may still find more where RULES.md leaves room to read wider.
 */
final class PlantedViolations {

  /** The rules the generator plants, with the subject a finding is about and how it is planted. */
  enum Rule {
    GENAI_UNDISCLOSED("event",
        "a vendor uses an enterprise tool its disclosure does not list, an unregistered or consumer tool,"
            + " or the scoped upscaler outside its asset scope or with no assets"),
    GENAI_LATE_DISCLOSURE("event",
        "videogen-ent events before the submitted_at of the disclosure filed halfway through the production"),
    TOOL_UNREGISTERED("event", "events of sketchgen-beta and random-ai-site, which the policy does not register"),
    GENERATED_IN_FINAL("asset",
        "final assets that a GenAI event generated, or that derive from one, with no final_deliverable approval"
            + " (including one whose approval has no approval_ref)"),
    GENERATED_UNTRACKED("missing output id", "GenAI events that name output ids absent from the inventory"),
    LIKENESS_WITHOUT_CONSENT("(event, performer)",
        "likeness operations on performers with no consent, a revoked, expired, wrong-scope or other"
            + " production's consent, and undisclosed voice cloning (no approval)"),
    UNION_WORK_REPLACED("asset", "generated assets marked union_covered, with no union_work approval"),
    THIRD_PARTY_IP("event",
        "GenAI events whose prompt hits the IP watchlist or whose input carries ip_refs, by a vendor without"
            + " a third_party_ip approval"),
    KEY_CREATIVE_GENERATED("asset", "generated or derived assets with content_role key_creative"),
    SYNTHETIC_ARCHIVAL("asset",
        "generated or derived archival assets in nonfiction productions, not ai_labeled"),
    PERSONAL_DATA("event", "GenAI events whose input has personal_data, by a vendor without that approval"),
    TOOL_TRAINS_ON_DATA("event",
        "consumer tools that train on or store data, and events overriding data_retention to stored or training"),
    TOOL_NOT_ENTERPRISE("event",
        "consumer tools, unregistered tools with no deployment override, and events overriding deployment to"
            + " consumer or unknown");

    final String subject;
    final String planted;

    Rule(String subject, String planted) {
      this.subject = subject;
      this.planted = planted;
    }
  }

  private final long[] counts = new long[Rule.values().length];
  long genaiEvents;
  long eventsWithoutAssets;
  long generatedAssets;
  long derivedAssets;

  private boolean[] generated = new boolean[0];
  private int[] approvalsOf = new int[0];

  long count(Rule rule) {
    return counts[rule.ordinal()];
  }

  private void add(Rule rule, long n) {
    counts[rule.ordinal()] += n;
  }

  void startProduction(AssetPlan assets) {
    generated = new boolean[assets.size];
    approvalsOf = new int[assets.size];
  }

  void event(ProductionCast cast, AssetPlan assets, DisclosurePlan disclosures, ToolEventStream.Draft e) {
    ToolCatalog.Tool tool = ToolCatalog.tool(e.tool);
    if (e.inputs.length == 0 && e.outputs.length == 0 && e.missingOutputs == 0) {
      eventsWithoutAssets++;
    }
    if (!tool.registered()) {
      add(Rule.TOOL_UNREGISTERED, 1);
    }
    int retention = e.retention >= 0 ? e.retention : tool.registered() ? tool.retention() : ToolCatalog.RETENTION_UNSET;
    int deployment = e.deployment >= 0 ? e.deployment
        : tool.registered() ? tool.deployment() : ToolCatalog.DEPLOYMENT_UNKNOWN;
    if (ToolCatalog.isRiskyRetention(retention)) {
      add(Rule.TOOL_TRAINS_ON_DATA, 1);
    }
    if (ToolCatalog.isRiskyDeployment(deployment)) {
      add(Rule.TOOL_NOT_ENTERPRISE, 1);
    }
    if (!tool.genai()) {
      return;
    }
    genaiEvents++;
    int approvals = 0;
    boolean covered = false;
    boolean onTime = false;
    for (DisclosurePlan.Disclosure d : disclosures.covering) {
      if (d.covers(e)) {
        covered = true;
        approvals |= d.approvals();
        onTime |= d.submitted() <= e.time;
      }
    }
    if (!covered) {
      add(Rule.GENAI_UNDISCLOSED, 1);
    } else if (!onTime) {
      add(Rule.GENAI_LATE_DISCLOSURE, 1);
    }
    add(Rule.GENERATED_UNTRACKED, e.missingOutputs);
    likeness(cast, assets, e, approvals);
    boolean ip = e.prompt != null && e.prompt.watchlistHit();
    boolean personal = false;
    for (int a : e.inputs) {
      ip |= assets.category[a] == AssetPlan.ORIGINAL_IP;
      personal |= assets.category[a] == AssetPlan.ORIGINAL_PERSONAL;
    }
    for (int a : e.outputs) {
      ip |= assets.category[a] == AssetPlan.ORIGINAL_IP;
    }
    if (ip && (approvals & APPROVE_IP) == 0) {
      add(Rule.THIRD_PARTY_IP, 1);
    }
    if (personal && (approvals & APPROVE_PERSONAL_DATA) == 0) {
      add(Rule.PERSONAL_DATA, 1);
    }
    for (int a : e.outputs) {
      // An asset several events made counts as approved only for what all of them were approved for.
      approvalsOf[a] = generated[a] ? approvalsOf[a] & approvals : approvals;
      generated[a] = true;
    }
  }

  private void likeness(ProductionCast cast, AssetPlan assets, ToolEventStream.Draft e, int approvals) {
    int[] performers = new int[2 * (e.inputs.length + e.outputs.length)];
    int count = 0;
    for (int[] side : new int[][] {e.inputs, e.outputs}) {
      for (int a : side) {
        count = addPerformer(performers, count, assets.talentA[a]);
        count = addPerformer(performers, count, assets.talentB[a]);
      }
    }
    if (count == 0) {
      return;
    }
    int needed = scopeNeeded(e.op);
    for (int i = 0; i < count; i++) {
      if ((approvals & APPROVE_LIKENESS) == 0 || !cast.consentCovers(performers[i], needed, e.time)) {
        add(Rule.LIKENESS_WITHOUT_CONSENT, 1);
      }
    }
  }

  private static int addPerformer(int[] performers, int count, int talent) {
    if (talent < 0) {
      return count;
    }
    for (int i = 0; i < count; i++) {
      if (performers[i] == talent) {
        return count;
      }
    }
    performers[count] = talent;
    return count + 1;
  }

  /** The asset rules, once every event of the production has been seen. */
  void finishProduction(ProductionCast cast, AssetPlan assets) {
    boolean[] derived = derivedFromGenerated(assets);
    for (int a = 0; a < assets.size; a++) {
      boolean fromGenAi = generated[a] || derived[a];
      if (generated[a]) {
        generatedAssets++;
      } else if (derived[a]) {
        derivedAssets++;
      }
      if (!fromGenAi) {
        continue;
      }
      int approvals = generated[a] ? approvalsOf[a] : 0;
      if (assets.status[a] == FINAL && (approvals & APPROVE_FINAL) == 0) {
        add(Rule.GENERATED_IN_FINAL, 1);
      }
      if (generated[a] && assets.union[a] && (approvals & APPROVE_UNION) == 0) {
        add(Rule.UNION_WORK_REPLACED, 1);
      }
      if (assets.role[a] == KEY_CREATIVE && (approvals & APPROVE_KEY_CREATIVE) == 0) {
        add(Rule.KEY_CREATIVE_GENERATED, 1);
      }
      if (cast.nonfiction && assets.role[a] == ARCHIVAL && !assets.labeled[a]) {
        add(Rule.SYNTHETIC_ARCHIVAL, 1);
      }
    }
  }

  /** Whether each asset's derived_from chain reaches a generated asset; a fixed point, so cycles end. */
  private boolean[] derivedFromGenerated(AssetPlan assets) {
    boolean[] derived = new boolean[assets.size];
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int a = 0; a < assets.size; a++) {
        if (derived[a]) {
          continue;
        }
        for (int parent : assets.parents[a]) {
          if (parent >= 0 && (generated[parent] || derived[parent])) {
            derived[a] = true;
            changed = true;
            break;
          }
        }
      }
    }
    return derived;
  }
}
