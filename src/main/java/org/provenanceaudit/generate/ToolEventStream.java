package org.provenanceaudit.generate;

import static org.provenanceaudit.generate.Vocabulary.*;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes the tool events of one production, one at a time. Each event is drawn as a kind: plain
 * work (non-GenAI tools, disclosed GenAI use, the events that make the planned generated assets)
 * or one of the planted kinds, each aimed at one rule. Every event is shown to
 * {@link PlantedViolations} before it is written, so what it triggers is counted, planted or not.
 */
final class ToolEventStream {

  /** An event before it is written; reused from one event to the next. */
  static final class Draft {
    int vendor;
    int tool;
    int op;
    long time;
    int[] inputs = new int[0];
    int[] outputs = new int[0];
    int missingOutputs;
    Prompts.Prompt prompt;
    int deployment;
    int retention;

    void reset() {
      inputs = NONE;
      outputs = NONE;
      missingOutputs = 0;
      prompt = null;
      deployment = -1;
      retention = -1;
    }
  }

  private enum Kind {
    NON_GENAI(430), DISCLOSED_GENAI(360), MAKE_GENERATED(60), MAKE_LIKENESS(25), NON_GENAI_UNTRACKED(5),
    UNDISCLOSED_TOOL(15), SCOPED(10), OUT_OF_SCOPE(3), LATE(8), AFTER_LATE_DISCLOSURE(8), UNREGISTERED(8),
    UNTRACKED_OUTPUT(10), LIKENESS_UNCONSENTED(6), IP_PROMPT(8), IP_ASSET(4), IP_APPROVED(4),
    PERSONAL_DATA(8), PERSONAL_DATA_APPROVED(4), RETENTION_OVERRIDE(5), DEPLOYMENT_OVERRIDE(5),
    CONSUMER_DISCLOSED(8), CONSUMER_UNDISCLOSED(3);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  private static final int[] NONE = new int[0];
  private static final Kind[] KINDS = Kind.values();
  private static final int TOTAL_WEIGHT = Arrays.stream(KINDS).mapToInt(kind -> kind.weight).sum();
  private static final long DISCLOSED_BACKGROUND_TOOLS =
      ProductionCast.tools(ToolCatalog.FIREFLY_ENT, ToolCatalog.VIDEOGEN_ENT, ToolCatalog.LLM_CHAT_ENT);
  private static final int[] UNDISCLOSABLE =
      {ToolCatalog.FIREFLY_ENT, ToolCatalog.VIDEOGEN_ENT, ToolCatalog.LLM_CHAT_ENT, ToolCatalog.UPSCALE_ONPREM};

  private final ProductionCast cast;
  private final AssetPlan assets;
  private final DisclosurePlan disclosures;
  private final PlantedViolations violations;
  private final DatasetIds ids;
  private final SplittableRandom random;
  private final Draft draft = new Draft();
  private final PlannedOutputs generated;
  private final PlannedOutputs likeness;

  ToolEventStream(ProductionCast cast, AssetPlan assets, DisclosurePlan disclosures, PlantedViolations violations,
      DatasetIds ids, SplittableRandom random) {
    this.cast = cast;
    this.assets = assets;
    this.disclosures = disclosures;
    this.violations = violations;
    this.ids = ids;
    this.random = random;
    this.generated = new PlannedOutputs(assets.generatedAll, assets.generatedPlain);
    this.likeness = new PlannedOutputs(assets.likeness, assets.likeness);
  }

  /**
   * Hands out each planned asset once, as the output of the event that generates it, then
   * random ones from a pool (assets made over again), or -1 when there are none.
   */
  private final class PlannedOutputs {
    private final int[] planned;
    private final int[] pool;
    private int next;

    PlannedOutputs(int[] planned, int[] pool) {
      this.planned = planned;
      this.pool = pool;
    }

    int pending() {
      return planned.length - next;
    }

    int take() {
      if (next < planned.length) {
        return planned[next++];
      }
      return pool.length == 0 ? -1 : pick(pool);
    }
  }

  /**
   * Writes {@code count} events: to {@code spans}, when there is one, each event whose operation a
   * span can carry ({@link OtlpToolEvents#carries}); to {@code writer} the rest.
   */
  void write(TableWriter writer, TableWriter spans, int count) throws IOException {
    writer.freshRows(this::freshRow);
    if (spans != null) {
      spans.freshRows(this::freshSpanRow);
    }
    for (int left = count; left > 0; left--) {
      draft.reset();
      draft.time = between(cast.start, cast.end);
      Kind kind;
      if (left <= generated.pending() + likeness.pending()) {
        // Every planned generated asset must be some GenAI event's output, or it is not generated.
        kind = generated.pending() > 0 ? Kind.MAKE_GENERATED : Kind.MAKE_LIKENESS;
      } else {
        kind = drawKind();
      }
      if (!fill(kind)) {
        draft.reset();
        fill(Kind.DISCLOSED_GENAI);
      }
      String timeText = timeText();
      violations.event(cast, assets, disclosures, draft);
      (spans != null && OtlpToolEvents.carries(draft.op) ? spans : writer).write(row(timeText));
    }
  }

  private Kind drawKind() {
    int r = random.nextInt(TOTAL_WEIGHT);
    for (Kind kind : KINDS) {
      r -= kind.weight;
      if (r < 0) {
        return kind;
      }
    }
    throw new IllegalStateException();
  }

  private boolean fill(Kind kind) {
    switch (kind) {
      case NON_GENAI, NON_GENAI_UNTRACKED -> {
        draft.vendor = random.nextInt(cast.vendors.size());
        draft.tool = random.nextBoolean() ? ToolCatalog.GRADE_PRO : ToolCatalog.EDIT_SUITE;
        draft.op = random.nextInt(4) == 0 ? OTHER : EDIT;
        int inputs = assets.size == 0 ? 0 : random.nextInt(4);
        draft.inputs = new int[inputs];
        for (int i = 0; i < inputs; i++) {
          draft.inputs[i] = random.nextInt(assets.size);
        }
        if (assets.originals.length > 0 && random.nextBoolean()) {
          draft.outputs = new int[] {pick(assets.originals)};
        }
        draft.missingOutputs = kind == Kind.NON_GENAI_UNTRACKED ? 1 : 0;
        return true;
      }
      case DISCLOSED_GENAI -> {
        return disclosedGenai(random.nextInt(cast.vendors.size()));
      }
      case MAKE_GENERATED -> {
        return makeGenerated();
      }
      case MAKE_LIKENESS -> {
        return makeLikeness();
      }
      case UNDISCLOSED_TOOL -> {
        return undisclosedTool();
      }
      case SCOPED, OUT_OF_SCOPE -> {
        return scoped(kind == Kind.SCOPED);
      }
      case LATE, AFTER_LATE_DISCLOSURE -> {
        if (disclosures.lateVendor < 0) {
          return false;
        }
        draft.vendor = disclosures.lateVendor;
        draft.tool = ToolCatalog.VIDEOGEN_ENT;
        draft.op = random.nextBoolean() ? GENERATE : EXTEND;
        draft.time = kind == Kind.LATE ? between(cast.start, disclosures.lateSubmitted - IsoTime.DAY)
            : between(disclosures.lateSubmitted + IsoTime.DAY, cast.end);
        draft.inputs = maybeCleanInput();
        draft.outputs = maybeGeneratedOutput(3);
        draft.prompt = maybePrompt();
        return true;
      }
      case UNREGISTERED -> {
        draft.vendor = random.nextInt(cast.vendors.size());
        draft.tool = random.nextBoolean() ? ToolCatalog.SKETCHGEN_BETA : ToolCatalog.RANDOM_AI_SITE;
        draft.op = pick(ToolCatalog.tool(draft.tool).operations());
        draft.inputs = maybeCleanInput();
        draft.outputs = maybeGeneratedOutput(2);
        int r = random.nextInt(3);
        if (r == 0) {
          draft.deployment = DEPLOYMENTS.indexOf("enterprise");
          draft.retention = RETENTIONS.indexOf("none");
        } else if (r == 1) {
          draft.deployment = ToolCatalog.DEPLOYMENT_UNKNOWN;
        }
        draft.prompt = maybePrompt();
        return true;
      }
      case UNTRACKED_OUTPUT -> {
        if (!disclosedGenai(random.nextInt(cast.vendors.size()))) {
          return false;
        }
        draft.missingOutputs = random.nextInt(10) == 0 ? 2 : 1;
        return true;
      }
      case LIKENESS_UNCONSENTED -> {
        return likenessUnconsented();
      }
      case IP_PROMPT -> {
        if (!disclosedGenai(vendorWithout(APPROVE_IP))) {
          return false;
        }
        draft.prompt = Prompts.watchlistHit(random);
        return true;
      }
      case IP_ASSET -> {
        return assets.withIp.length > 0 && riskyInput(vendorWithout(APPROVE_IP), pick(assets.withIp));
      }
      case IP_APPROVED -> {
        int marketing = cast.vendorIndex(ProductionCast.Role.MKT);
        if (marketing < 0) {
          return false;
        }
        draft.vendor = marketing;
        draft.tool = ToolCatalog.FIREFLY_ENT;
        draft.op = random.nextBoolean() ? GENERATE : EDIT;
        draft.prompt = Prompts.watchlistHit(random);
        if (assets.withIp.length > 0 && random.nextBoolean()) {
          draft.inputs = new int[] {pick(assets.withIp)};
        }
        return true;
      }
      case PERSONAL_DATA -> {
        return assets.personal.length > 0
            && riskyInput(vendorWithout(APPROVE_PERSONAL_DATA), pick(assets.personal));
      }
      case PERSONAL_DATA_APPROVED -> {
        int vendor = Math.max(cast.vendorIndex(ProductionCast.Role.EDIT), cast.vendorIndex(ProductionCast.Role.LOC));
        return vendor >= 0 && assets.personal.length > 0 && riskyInput(vendor, pick(assets.personal));
      }
      case RETENTION_OVERRIDE -> {
        if (!disclosedGenai(random.nextInt(cast.vendors.size()))) {
          return false;
        }
        draft.retention = RETENTIONS.indexOf(random.nextBoolean() ? "stored" : "training");
        return true;
      }
      case DEPLOYMENT_OVERRIDE -> {
        if (!disclosedGenai(random.nextInt(cast.vendors.size()))) {
          return false;
        }
        draft.deployment = DEPLOYMENTS.indexOf(random.nextBoolean() ? "consumer" : "unknown");
        return true;
      }
      case CONSUMER_DISCLOSED -> {
        int marketing = cast.vendorIndex(ProductionCast.Role.MKT);
        if (marketing < 0) {
          return false;
        }
        draft.vendor = marketing;
        draft.tool = ToolCatalog.IMAGEGEN_FREE;
        draft.op = random.nextBoolean() ? GENERATE : EDIT;
        draft.inputs = maybeCleanInput();
        draft.outputs = maybeGeneratedOutput(3);
        draft.prompt = maybePrompt();
        return true;
      }
      case CONSUMER_UNDISCLOSED -> {
        return consumerUndisclosed();
      }
    }
    throw new IllegalStateException(kind.name());
  }

  /** GenAI use the vendor's own disclosure covers: its usual tools, operations it may use. */
  private boolean disclosedGenai(int vendor) {
    ProductionCast.Vendor v = cast.vendors.get(vendor);
    long usable = v.tools() & DISCLOSED_BACKGROUND_TOOLS;
    if (usable == 0) {
      return false;
    }
    draft.vendor = vendor;
    draft.tool = pickBit(usable);
    int[] ops = ToolCatalog.tool(draft.tool).operations();
    do {
      draft.op = pick(ops);
    } while (!v.allows(draft.op));
    if (draft.tool == ToolCatalog.LLM_CHAT_ENT) {
      if (draft.op != TEXT_GENERATE && random.nextInt(10) < 7) {
        draft.inputs = cleanInputs(1);
      }
    } else {
      draft.inputs = draft.op == GENERATE ? maybeCleanInput() : cleanInputs(1 + random.nextInt(2));
      draft.outputs = maybeGeneratedOutput(4);
    }
    draft.prompt = maybePrompt();
    if (random.nextInt(30) == 0) {
      draft.deployment = ToolCatalog.tool(draft.tool).deployment();
      draft.retention = ToolCatalog.tool(draft.tool).retention();
    }
    return true;
  }

  private boolean makeGenerated() {
    int asset = generated.take();
    if (asset < 0) {
      return false;
    }
    draft.vendor = assets.vendor[asset];
    draft.tool = ToolCatalog.FIREFLY_ENT;
    draft.op = pick(ToolCatalog.tool(draft.tool).operations());
    AssetPlan.Special special = assets.special[asset];
    if (special == AssetPlan.Special.FINAL_APPROVED || special == AssetPlan.Special.FINAL_UNREFERENCED) {
      draft.inputs = assets.source[asset] < 0 ? NONE : new int[] {assets.source[asset]};
    } else if (assets.clean.length > 0 && random.nextBoolean()) {
      draft.inputs = new int[] {pick(assets.clean)};
    }
    draft.outputs = new int[] {asset};
    draft.prompt = maybePrompt();
    return true;
  }

  private boolean makeLikeness() {
    int asset = likeness.take();
    if (asset < 0) {
      return false;
    }
    draft.op = assets.likenessOp[asset];
    draft.tool = draft.op == VOICE_SYNTHESIS ? ToolCatalog.VOICEGEN_PRO : ToolCatalog.FACESWAP_ONPREM;
    draft.vendor = assets.vendor[asset];
    draft.inputs = new int[] {assets.source[asset]};
    draft.outputs = new int[] {asset};
    return true;
  }

  /** A registered, enterprise-grade tool the vendor never disclosed (and no wildcard covers). */
  private boolean undisclosedTool() {
    int vendor = random.nextInt(cast.vendors.size());
    IntList candidates = new IntList();
    for (int tool : UNDISCLOSABLE) {
      boolean covered = cast.vendors.get(vendor).uses(tool)
          || (tool == ToolCatalog.VIDEOGEN_ENT && vendor == disclosures.lateVendor)
          || (tool == ToolCatalog.UPSCALE_ONPREM && vendor == disclosures.scopeVendor);
      if (!covered) {
        candidates.add(tool);
      }
    }
    if (candidates.size() == 0) {
      return false;
    }
    draft.vendor = vendor;
    draft.tool = candidates.get(random.nextInt(candidates.size()));
    // Transcription and translation are left out: wildcard disclosures cover them.
    do {
      draft.op = pick(ToolCatalog.tool(draft.tool).operations());
    } while (draft.op == TRANSCRIBE || draft.op == TRANSLATE);
    draft.inputs = maybeCleanInput();
    if (draft.tool != ToolCatalog.LLM_CHAT_ENT) {
      draft.outputs = maybeGeneratedOutput(3);
    }
    draft.prompt = maybePrompt();
    return true;
  }

  private boolean scoped(boolean inside) {
    int[] scope = disclosures.scope;
    if (disclosures.scopeVendor < 0) {
      return false;
    }
    draft.vendor = disclosures.scopeVendor;
    draft.tool = ToolCatalog.UPSCALE_ONPREM;
    draft.op = UPSCALE;
    if (inside) {
      draft.inputs = new int[] {pick(scope)};
      int output = pick(scope);
      if (output != draft.inputs[0] && assets.category[output] == AssetPlan.GENERATED
          && assets.special[output] == AssetPlan.Special.PLAIN && random.nextBoolean()) {
        draft.outputs = new int[] {output};
      }
    } else if (random.nextInt(10) >= 3 && assets.clean.length > 0) {
      int input = pick(assets.clean);
      if (Arrays.binarySearch(scope, input) >= 0) {
        return false;
      }
      draft.inputs = new int[] {input};
    }
    return true;
  }

  private boolean likenessUnconsented() {
    if (assets.talentBad.length == 0) {
      return false;
    }
    draft.inputs = new int[] {pick(assets.talentBad)};
    int r = random.nextInt(10);
    if (r < 3) {
      draft.tool = ToolCatalog.FIREFLY_ENT;
      draft.op = EDIT;
      draft.vendor = 0;
    } else {
      draft.tool = r < 6 ? ToolCatalog.VOICEGEN_PRO : ToolCatalog.FACESWAP_ONPREM;
      draft.op = pick(ToolCatalog.tool(draft.tool).operations());
      draft.vendor = cast.likenessVendor(draft.tool);
    }
    draft.prompt = maybePrompt();
    return true;
  }

  /** A disclosed tool given one asset that needs an approval the vendor does not hold, or does. */
  private boolean riskyInput(int vendor, int asset) {
    ProductionCast.Vendor v = cast.vendors.get(vendor);
    draft.vendor = vendor;
    if (v.uses(ToolCatalog.LLM_CHAT_ENT) && v.allows(TRANSCRIBE)) {
      draft.tool = ToolCatalog.LLM_CHAT_ENT;
      draft.op = TRANSCRIBE;
    } else if (v.uses(ToolCatalog.FIREFLY_ENT)) {
      draft.tool = ToolCatalog.FIREFLY_ENT;
      draft.op = EDIT;
    } else {
      return false;
    }
    draft.inputs = new int[] {asset};
    draft.prompt = maybePrompt();
    return true;
  }

  private boolean consumerUndisclosed() {
    if (random.nextInt(10) < 3 && assets.talentGood.length > 0) {
      draft.tool = ToolCatalog.VOICECLONE_WEB;
      draft.op = VOICE_CLONE;
      draft.vendor = cast.likenessVendor(ToolCatalog.VOICEGEN_PRO);
      draft.inputs = new int[] {pick(assets.talentGood)};
    } else {
      draft.tool = ToolCatalog.LLM_CHAT_FREE;
      draft.op = random.nextBoolean() ? TEXT_GENERATE : TRANSLATE;
      draft.vendor = random.nextInt(cast.vendors.size());
      draft.inputs = draft.op == TRANSLATE ? maybeCleanInput() : NONE;
    }
    draft.prompt = maybePrompt();
    return true;
  }

  /** The first vendor (from a random start) whose main disclosure lacks the approval; VFX always does. */
  private int vendorWithout(int approval) {
    int count = cast.vendors.size();
    int first = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      int v = (first + i) % count;
      if ((cast.vendors.get(v).approvals() & approval) == 0) {
        return v;
      }
    }
    return 0;
  }

  private int[] maybeCleanInput() {
    return random.nextBoolean() ? cleanInputs(1) : NONE;
  }

  private int[] cleanInputs(int count) {
    boolean haveClean = assets.clean.length > 0;
    boolean haveGenerated = assets.generatedPlain.length > 0;
    if (!haveClean && !haveGenerated) {
      return NONE;
    }
    int[] inputs = new int[count];
    for (int i = 0; i < count; i++) {
      boolean fromClean = haveClean && (!haveGenerated || random.nextInt(10) < 7);
      inputs[i] = pick(fromClean ? assets.clean : assets.generatedPlain);
    }
    return count == 2 && inputs[0] == inputs[1] ? new int[] {inputs[0]} : inputs;
  }

  private int[] maybeGeneratedOutput(int chanceInTen) {
    return assets.generatedPlain.length > 0 && random.nextInt(10) < chanceInTen
        ? new int[] {pick(assets.generatedPlain)} : NONE;
  }

  private Prompts.Prompt maybePrompt() {
    return random.nextInt(10) < 6 ? Prompts.clean(random) : null;
  }

  /** Picks the written form of the time; a plain date moves the event to that day's start. */
  private String timeText() {
    int form = random.nextInt(20);
    if (form == 0) {
      draft.time = IsoTime.dayStart(draft.time);
      return IsoTime.date(draft.time);
    } else if (form == 1) {
      return IsoTime.withOffset(draft.time, random.nextBoolean() ? 2 : -5);
    }
    return IsoTime.utc(draft.time);
  }

  private String[] row(String timeText) {
    ToolCatalog.Tool tool = ToolCatalog.tool(draft.tool);
    StringBuilder outputs = joinIds(draft.outputs);
    for (int i = 0; i < draft.missingOutputs; i++) {
      outputs.append(outputs.length() == 0 ? "" : ";").append(assets.freshId());
    }
    return new String[] {
        ids.nextEvent(), timeText, cast.id, cast.vendors.get(draft.vendor).id(), tool.id(),
        AssetPlan.spell(OPERATIONS.get(draft.op), random),
        random.nextInt(20) == 0 ? "" : cast.userId(draft.vendor, random),
        random.nextInt(10) == 0 ? "" : tool.model(),
        joinIds(draft.inputs).toString(), outputs.toString(),
        draft.prompt == null ? "" : draft.prompt.text(),
        draft.deployment < 0 ? "" : DEPLOYMENTS.get(draft.deployment),
        draft.retention < 0 ? "" : RETENTIONS.get(draft.retention)};
  }

  private StringBuilder joinIds(int[] assetIndices) {
    StringBuilder joined = new StringBuilder();
    String separator = random.nextInt(20) == 0 ? "; " : ";";
    for (int asset : assetIndices) {
      joined.append(joined.length() == 0 ? "" : separator).append(assets.id(asset));
    }
    return joined;
  }

  /** A harmless event for the writer to break: a non-GenAI tool, no assets. */
  private String[] freshRow() {
    return new String[] {ids.nextEvent(), IsoTime.utc(cast.start), cast.id, cast.vendors.get(0).id(), "edit-suite",
        "edit", "", "", "", "", "", "", ""};
  }

  /** The same, with an operation a span can carry. */
  private String[] freshSpanRow() {
    String[] row = freshRow();
    row[5] = "other";
    return row;
  }

  private long between(long from, long to) {
    return from + (long) (random.nextDouble() * (to - from));
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private int pickBit(long mask) {
    int chosen = random.nextInt(Long.bitCount(mask));
    for (int bit = 0; bit < 64; bit++) {
      if ((mask & (1L << bit)) != 0 && chosen-- == 0) {
        return bit;
      }
    }
    throw new IllegalArgumentException("empty mask");
  }
}
