package org.provenanceaudit.generate;

import static org.provenanceaudit.generate.Vocabulary.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The disclosures of one production. Each vendor files one main disclosure for the tools it
 * uses, on time and over the whole production; beside those stand a disclosure filed halfway
 * through (events before it are late), one scoped to a dozen assets, wildcard ones, two that
 * scope a single generated final asset (approved with and without a reference), and historical
 * fillers whose windows close before the production starts.
 */
final class DisclosurePlan {

  /** What a disclosure covers, in the terms of RULES.md; open bounds are the extreme longs. */
  record Disclosure(int vendor, long tools, int operations, long from, long to, long submitted, int[] scope,
      int approvals) {

    static final int ANY_VENDOR = -1;
    static final long ANY_TOOL = -1L;

    boolean covers(ToolEventStream.Draft event) {
      if ((vendor != ANY_VENDOR && vendor != event.vendor)
          || (tools & (1L << event.tool)) == 0
          || (operations != 0 && (operations & (1 << event.op)) == 0)
          || event.time < from || event.time > to) {
        return false;
      }
      if (scope == null) {
        return true;
      }
      if (event.missingOutputs > 0 || (event.inputs.length == 0 && event.outputs.length == 0)) {
        return false;
      }
      return inScope(event.inputs) && inScope(event.outputs);
    }

    private boolean inScope(int[] assets) {
      for (int asset : assets) {
        if (Arrays.binarySearch(scope, asset) < 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** How many rows of each sort fit the production's share of disclosure rows. */
  record Budget(int rows, int vendors, boolean late, boolean scoped, boolean anyVendor, int traps, boolean anyTool) {
    static Budget of(int rows, int wantedVendors) {
      int vendors = Math.max(1, Math.min(wantedVendors, rows));
      int left = rows - Math.min(rows, vendors);
      boolean late = left-- > 0;
      boolean scoped = left-- > 0;
      boolean anyVendor = left-- > 0;
      int traps = Math.max(0, Math.min(2, left));
      left -= traps;
      boolean anyTool = left > 0;
      return new Budget(rows, vendors, late, scoped, anyVendor, traps, anyTool);
    }
  }

  private static final String[] FILLER_PURPOSES = {"Pitch deck visuals", "Screen test, \"look development\"",
      "Teaser exploration; not for release", "Location scouting boards", "Table read transcript"};

  /** Disclosures that can cover an event of the production (fillers cannot: they close before it starts). */
  final List<Disclosure> covering = new ArrayList<>();
  final List<String[]> rows = new ArrayList<>();
  /** The vendor whose videogen-ent disclosure came late, or -1. */
  int lateVendor = -1;
  long lateSubmitted;
  /** The vendor whose upscale-onprem disclosure is scoped to {@link #scope}, or -1. */
  int scopeVendor = -1;
  int[] scope = new int[0];

  private final ProductionCast cast;
  private final AssetPlan assets;
  private final DatasetIds ids;
  private final SplittableRandom random;

  private DisclosurePlan(ProductionCast cast, AssetPlan assets, DatasetIds ids, SplittableRandom random) {
    this.cast = cast;
    this.assets = assets;
    this.ids = ids;
    this.random = random;
  }

  static DisclosurePlan plan(ProductionCast cast, AssetPlan assets, Budget budget, DatasetIds ids,
      SplittableRandom random) {
    DisclosurePlan plan = new DisclosurePlan(cast, assets, ids, random);
    long wideFrom = IsoTime.dayStart(cast.start - 30 * IsoTime.DAY);
    long wideTo = IsoTime.dayStart(cast.end + 30 * IsoTime.DAY) + IsoTime.DAY - 1;
    for (int v = 0; v < Math.min(budget.rows(), cast.vendors.size()); v++) {
      ProductionCast.Vendor vendor = cast.vendors.get(v);
      String ref = vendor.approvals() != 0 || random.nextInt(10) < 3
          ? "APR-" + cast.tag + "-" + DatasetIds.pad(v + 1L, 2) : "";
      plan.add(v, vendor.tools(), vendor.operations(), wideFrom, wideTo, plan.onTime(), null,
          vendor.approvals(), ref, purpose(vendor.role()));
    }
    if (budget.late()) {
      plan.lateVendor = 0;
      plan.lateSubmitted = IsoTime.dayStart(cast.start + (cast.end - cast.start) * 2 / 5) + 37_800;
      plan.add(0, ProductionCast.tools(ToolCatalog.VIDEOGEN_ENT), 0, wideFrom, Long.MAX_VALUE,
          plan.lateSubmitted, null, 0, "", "Shot extensions with the video model (filed after the fact)");
    }
    if (budget.scoped()) {
      plan.planScoped(wideFrom, wideTo);
    }
    if (budget.anyVendor()) {
      plan.add(Disclosure.ANY_VENDOR, ProductionCast.tools(ToolCatalog.LLM_CHAT_ENT),
          (1 << TRANSCRIBE) | (1 << TRANSLATE), wideFrom, wideTo, plan.onTime(), null, 0, "",
          "Transcripts and translations by any partner");
    }
    for (int trap : assets.approvalTraps) {
      boolean referenced = assets.special[trap] == AssetPlan.Special.FINAL_APPROVED;
      int input = assets.source[trap];
      int[] scope = input < 0 ? new int[] {trap} : new int[] {Math.min(input, trap), Math.max(input, trap)};
      plan.add(assets.vendor[trap], ProductionCast.tools(ToolCatalog.FIREFLY_ENT), 0, wideFrom, wideTo,
          plan.onTime(), scope, referenced ? APPROVE_FINAL : APPROVE_FINAL | APPROVE_KEY_CREATIVE,
          referenced ? "LEGAL-" + cast.tag + "-" + DatasetIds.pad(trap + 1L, 6) : "",
          "Generated key art in the final cut");
    }
    int anyToolVendor = Math.max(cast.vendorIndex(ProductionCast.Role.LOC), cast.vendorIndex(ProductionCast.Role.EDIT));
    if (budget.anyTool() && anyToolVendor >= 0) {
      plan.add(anyToolVendor, Disclosure.ANY_TOOL, 1 << TRANSCRIBE, wideFrom, wideTo, plan.onTime(), null, 0, "",
          "Any transcription tool");
    }
    while (plan.rows.size() < budget.rows()) {
      plan.addFiller();
    }
    return plan;
  }

  private void planScoped(long from, long to) {
    int wanted = Math.min(12, assets.clean.length + assets.generatedPlain.length);
    IntList chosen = new IntList();
    for (int attempt = 0; attempt < wanted * 4 && chosen.size() < wanted; attempt++) {
      int[] pool = assets.generatedPlain.length == 0 || (assets.clean.length > 0 && random.nextBoolean())
          ? assets.clean : assets.generatedPlain;
      int asset = pool[random.nextInt(pool.length)];
      if (!chosen.contains(asset)) {
        chosen.add(asset);
      }
    }
    if (chosen.size() == 0) {
      return;
    }
    scope = chosen.toArray();
    Arrays.sort(scope);
    int edit = cast.vendorIndex(ProductionCast.Role.EDIT);
    scopeVendor = edit >= 0 ? edit : 0;
    add(scopeVendor, ProductionCast.tools(ToolCatalog.UPSCALE_ONPREM), 1 << UPSCALE, from, to, onTime(), scope, 0,
        "", "Upscaling of the archive reels listed");
  }

  private void addFiller() {
    boolean anyVendor = random.nextInt(10) == 0;
    int vendor = anyVendor ? Disclosure.ANY_VENDOR : random.nextInt(cast.vendors.size());
    long tools = 0;
    if (random.nextInt(10) == 0) {
      tools = Disclosure.ANY_TOOL;
    } else {
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        tools |= 1L << random.nextInt(ToolCatalog.GRADE_PRO);
      }
    }
    int operations = 0;
    if (random.nextBoolean()) {
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        operations |= 1 << random.nextInt(OPERATIONS.size());
      }
    }
    long to = IsoTime.dayStart(cast.start - IsoTime.DAY * (2 + random.nextInt(199))) + IsoTime.DAY - 1;
    long from = IsoTime.dayStart(to - IsoTime.DAY * (10 + random.nextInt(111)));
    long submitted = from - IsoTime.DAY * (1 + random.nextInt(20)) + random.nextInt((int) IsoTime.DAY);
    int[] scope = null;
    int approvals = 0;
    if (assets.size > 0 && random.nextInt(10) == 0) {
      scope = new int[] {random.nextInt(assets.size)};
    } else if (random.nextInt(10) < 4) {
      // Approvals only on unscoped fillers: no reading of the rules can take them as an asset's approval.
      approvals = (1 << random.nextInt(APPROVALS.size())) | (1 << random.nextInt(APPROVALS.size()));
    }
    String ref = approvals != 0 && random.nextBoolean() ? "OLD-" + cast.tag + "-" + (rows.size() + 1) : "";
    String id = ids.nextDisclosure();
    String[] row = {id, cast.id, vendor == Disclosure.ANY_VENDOR ? "*" : cast.vendors.get(vendor).id(),
        tools == Disclosure.ANY_TOOL ? "*" : Vocabulary.names(ToolCatalog.IDS, tools),
        Vocabulary.names(OPERATIONS, operations), FILLER_PURPOSES[random.nextInt(FILLER_PURPOSES.length)],
        IsoTime.date(from), IsoTime.date(to), IsoTime.utc(submitted), scope == null ? "" : assets.id(scope[0]),
        Vocabulary.names(APPROVALS, approvals), ref};
    rows.add(row);
  }

  /** A submission time well before the production starts. */
  private long onTime() {
    return cast.start - IsoTime.DAY * (3 + random.nextInt(58)) + random.nextInt((int) IsoTime.DAY);
  }

  /**
   * Adds a disclosure that can cover events. A submission well before the production may be
   * written as a plain date (that day's start), as spreadsheets often have it.
   */
  private void add(int vendor, long tools, int operations, long from, long to, long submitted, int[] scope,
      int approvals, String ref, String purpose) {
    boolean plainDate = submitted < cast.start && random.nextInt(5) == 0;
    long effective = plainDate ? IsoTime.dayStart(submitted) : submitted;
    boolean openFrom = random.nextInt(5) == 0;
    boolean openTo = to == Long.MAX_VALUE || random.nextInt(10) < 3;
    covering.add(new Disclosure(vendor, tools, operations, openFrom ? Long.MIN_VALUE : from,
        openTo ? Long.MAX_VALUE : to, effective, scope, ref.isEmpty() ? 0 : approvals));
    StringBuilder scopeText = new StringBuilder();
    if (scope != null) {
      for (int asset : scope) {
        scopeText.append(scopeText.length() == 0 ? "" : ";").append(assets.id(asset));
      }
    }
    rows.add(new String[] {ids.nextDisclosure(), cast.id,
        vendor == Disclosure.ANY_VENDOR ? "*" : cast.vendors.get(vendor).id(),
        tools == Disclosure.ANY_TOOL ? "*" : Vocabulary.names(ToolCatalog.IDS, tools),
        Vocabulary.names(OPERATIONS, operations), purpose,
        openFrom ? "" : IsoTime.date(from), openTo ? "" : IsoTime.date(to),
        plainDate ? IsoTime.date(effective) : IsoTime.utc(effective), scopeText.toString(),
        Vocabulary.names(APPROVALS, approvals), ref});
  }

  private static String purpose(ProductionCast.Role role) {
    return switch (role) {
      case VFX -> "Plate clean-up, set extensions and face replacement";
      case SND -> "Synthetic ADR with consented voices";
      case ANIM -> "Previs, animatics, background loops";
      case EDIT -> "Transcripts and assembly notes";
      case MKT -> "Key art explorations, \"social cut-downs\", posters";
      case LOC -> "Subtitles and dubbing scripts\n(machine first pass, human review)";
    };
  }
}
