package org.provenanceaudit.generate;

import static org.provenanceaudit.generate.Vocabulary.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Who works on one production and when: its vendors with the tools each of them will disclose,
 * its performers, and their consent records. Most performers hold a consent that covers the
 * whole production; up to five are planted without one (none at all, revoked, expired, wrong
 * scope, another production's), for the likeness rule.
 */
final class ProductionCast {

  enum Role { VFX, SND, ANIM, EDIT, MKT, LOC }

  /**
   * A partner on the production. {@code tools}, {@code operations} and {@code approvals} are what
   * its main disclosure will list (bit masks; no operations = any).
   */
  record Vendor(String id, Role role, long tools, int operations, int approvals) {
    boolean uses(int tool) {
      return (tools & (1L << tool)) != 0;
    }

    boolean allows(int op) {
      return operations == 0 || (operations & (1 << op)) != 0;
    }
  }

  /** Why a planted performer's consent does not count. */
  enum ConsentDefect { NONE_ON_FILE, REVOKED, EXPIRED, WRONG_SCOPE, OTHER_PRODUCTION }

  /** A consent row as the audit will read it. */
  record Consent(int talent, boolean matchesProduction, int scopes, long from, long to, boolean revoked,
      String[] row) {
    boolean covers(int scopeNeeded, long time) {
      return matchesProduction && !revoked && from <= time && time <= to
          && (effectiveScopes(scopes) & scopeNeeded) == scopeNeeded;
    }
  }

  private static final int[] VENDOR_POOL = {14, 8, 6, 6, 6, 5};

  final int number;
  final String id;
  /** The production id as it appears inside asset ids: {@code P0001}. */
  final String tag;
  final boolean nonfiction;
  final long start;
  final long end;
  final List<Vendor> vendors;
  final String[] talentIds;
  /** Consent scopes each performer validly holds; 0 for the planted ones. */
  final int[] goodScopes;
  final Consent[] consentOf;
  final List<Consent> consents;

  private ProductionCast(int number, boolean nonfiction, long start, long end, List<Vendor> vendors,
      String[] talentIds, int[] goodScopes, Consent[] consentOf, List<Consent> consents) {
    this.number = number;
    this.id = DatasetIds.productionId(number);
    this.tag = id.replace("-", "");
    this.nonfiction = nonfiction;
    this.start = start;
    this.end = end;
    this.vendors = vendors;
    this.talentIds = talentIds;
    this.goodScopes = goodScopes;
    this.consentOf = consentOf;
    this.consents = consents;
  }

  /**
   * @param vendorCount how many partners (at least one; the first is always a VFX house)
   * @param consentRows exactly how many consent rows the production writes
   * @param otherProduction an id of another production, for consents filed against the wrong one
   */
  static ProductionCast plan(int number, boolean nonfiction, long start, long end, int vendorCount,
      int consentRows, String otherProduction, DatasetIds ids, SplittableRandom random) {
    List<Vendor> vendors = vendors(vendorCount, random);
    List<ConsentDefect> defects = new ArrayList<>();
    if (consentRows >= 6) {
      defects.addAll(List.of(ConsentDefect.REVOKED, ConsentDefect.EXPIRED, ConsentDefect.WRONG_SCOPE,
          ConsentDefect.OTHER_PRODUCTION));
    }
    defects.add(ConsentDefect.NONE_ON_FILE);
    int good = consentRows - (defects.size() - 1);
    int talentCount = good + defects.size();
    String[] talentIds = new String[talentCount];
    int[] goodScopes = new int[talentCount];
    Consent[] consentOf = new Consent[talentCount];
    List<Consent> consents = new ArrayList<>();
    String productionId = DatasetIds.productionId(number);
    for (int t = 0; t < talentCount; t++) {
      talentIds[t] = ids.nextTalent();
      Consent consent;
      if (t < good) {
        consent = goodConsent(t, productionId, start, end, ids, talentIds[t], random);
        goodScopes[t] = effectiveScopes(consent.scopes());
      } else {
        ConsentDefect defect = defects.get(t - good);
        if (defect == ConsentDefect.NONE_ON_FILE) {
          continue;
        }
        consent = badConsent(defect, t, productionId, otherProduction, start, end, ids, talentIds[t], random);
      }
      consentOf[t] = consent;
      consents.add(consent);
    }
    return new ProductionCast(number, nonfiction, start, end, vendors, talentIds, goodScopes, consentOf,
        consents);
  }

  private static List<Vendor> vendors(int count, SplittableRandom random) {
    List<Role> roles = new ArrayList<>(List.of(Role.SND, Role.EDIT, Role.MKT, Role.LOC, Role.ANIM));
    for (int i = roles.size() - 1; i > 0; i--) {
      roles.set(i, roles.set(random.nextInt(i + 1), roles.get(i)));
    }
    roles.add(0, Role.VFX);
    List<Role> chosen = roles.subList(0, Math.max(1, Math.min(count, roles.size())));
    boolean soundHouse = chosen.contains(Role.SND);
    List<Vendor> vendors = new ArrayList<>();
    for (Role role : chosen) {
      String id = "V-" + role + "-" + DatasetIds.pad(1 + random.nextInt(VENDOR_POOL[role.ordinal()]), 2);
      vendors.add(switch (role) {
        case VFX -> new Vendor(id, role,
            tools(ToolCatalog.FIREFLY_ENT, ToolCatalog.LLM_CHAT_ENT, ToolCatalog.FACESWAP_ONPREM)
                | (soundHouse ? 0 : tools(ToolCatalog.VOICEGEN_PRO)),
            0, APPROVE_LIKENESS);
        case SND -> new Vendor(id, role, tools(ToolCatalog.LLM_CHAT_ENT, ToolCatalog.VOICEGEN_PRO), 0,
            APPROVE_LIKENESS);
        case ANIM -> new Vendor(id, role, tools(ToolCatalog.FIREFLY_ENT, ToolCatalog.VIDEOGEN_ENT), 0, 0);
        case EDIT -> new Vendor(id, role, tools(ToolCatalog.LLM_CHAT_ENT), 0, APPROVE_PERSONAL_DATA);
        case MKT -> new Vendor(id, role,
            tools(ToolCatalog.FIREFLY_ENT, ToolCatalog.LLM_CHAT_ENT, ToolCatalog.IMAGEGEN_FREE), 0, APPROVE_IP);
        case LOC -> new Vendor(id, role, tools(ToolCatalog.LLM_CHAT_ENT),
            (1 << TRANSCRIBE) | (1 << TRANSLATE), APPROVE_PERSONAL_DATA);
      });
    }
    return vendors;
  }

  static long tools(int... indices) {
    long mask = 0;
    for (int index : indices) {
      mask |= 1L << index;
    }
    return mask;
  }

  private static Consent goodConsent(int t, String productionId, long start, long end, DatasetIds ids,
      String talentId, SplittableRandom random) {
    double r = random.nextDouble();
    int scopes = r < 0.5 ? SCOPE_LIKENESS | SCOPE_VOICE
        : r < 0.7 ? SCOPE_DIGITAL_REPLICA
        : r < 0.9 ? SCOPE_LIKENESS | SCOPE_VOICE | SCOPE_PERFORMANCE
        : SCOPE_LIKENESS;
    boolean anyProduction = random.nextInt(10) == 0;
    long from = start - IsoTime.DAY * (1 + random.nextInt(60));
    long to = end + IsoTime.DAY * (1 + random.nextInt(90));
    String fromText;
    double f = random.nextDouble();
    if (f < 0.2) {
      fromText = "";
      from = Long.MIN_VALUE;
    } else if (f < 0.4) {
      fromText = IsoTime.utc(from);
    } else {
      from = IsoTime.dayStart(from);
      fromText = IsoTime.date(from);
    }
    String toText;
    if (random.nextBoolean()) {
      toText = "";
      to = Long.MAX_VALUE;
    } else {
      to = IsoTime.dayStart(to) + IsoTime.DAY - 1;
      toText = IsoTime.date(to);
    }
    String revoked = pick(random, "", "", "", "", "false", "no", "0", "FALSE");
    String[] row = {ids.nextConsent(), talentId, anyProduction ? "*" : productionId,
        Vocabulary.names(CONSENT_SCOPES, scopes), fromText, toText, revoked};
    return new Consent(t, true, scopes, from, to, false, row);
  }

  private static Consent badConsent(ConsentDefect defect, int t, String productionId, String otherProduction,
      long start, long end, DatasetIds ids, String talentId, SplittableRandom random) {
    long from = IsoTime.dayStart(start - IsoTime.DAY * 30);
    long to = IsoTime.dayStart(end + IsoTime.DAY * 30) + IsoTime.DAY - 1;
    int scopes = SCOPE_LIKENESS | SCOPE_VOICE;
    boolean revoked = false;
    String production = productionId;
    switch (defect) {
      case REVOKED -> revoked = true;
      case EXPIRED -> {
        from = IsoTime.dayStart(start - IsoTime.DAY * 400);
        to = IsoTime.dayStart(start - IsoTime.DAY * 30) + IsoTime.DAY - 1;
        scopes = SCOPE_DIGITAL_REPLICA;
      }
      case WRONG_SCOPE -> scopes = SCOPE_PERFORMANCE;
      case OTHER_PRODUCTION -> {
        production = otherProduction;
        scopes = SCOPE_DIGITAL_REPLICA;
      }
      case NONE_ON_FILE -> throw new IllegalArgumentException("no consent row for " + defect);
    }
    String[] row = {ids.nextConsent(), talentId, production, Vocabulary.names(CONSENT_SCOPES, scopes),
        IsoTime.date(from), IsoTime.date(to), revoked ? pick(random, "true", "yes", "1", "TRUE") : ""};
    return new Consent(t, production.equals(productionId), scopes, from, to, revoked, row);
  }

  boolean consentCovers(int talent, int scopeNeeded, long time) {
    Consent consent = consentOf[talent];
    return consent != null && consent.covers(scopeNeeded, time);
  }

  int vendorIndex(Role role) {
    for (int i = 0; i < vendors.size(); i++) {
      if (vendors.get(i).role() == role) {
        return i;
      }
    }
    return -1;
  }

  /** The vendor that runs a likeness tool: voice work goes to the sound house when there is one. */
  int likenessVendor(int tool) {
    int sound = vendorIndex(Role.SND);
    return tool == ToolCatalog.VOICEGEN_PRO && sound >= 0 ? sound : 0;
  }

  String userId(int vendor, SplittableRandom random) {
    return "u-" + vendors.get(vendor).id().substring(2).toLowerCase(Locale.ROOT) + "-"
        + DatasetIds.pad(1 + random.nextInt(12), 2);
  }

  static String pick(SplittableRandom random, String... values) {
    return values[random.nextInt(values.length)];
  }
}
