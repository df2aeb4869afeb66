package org.provenanceaudit.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.ToolEvent;

/**
 * Decides which disclosures cover a tool event, by the definition in RULES.md: same production;
 * vendor equal or {@code *}; tool listed or {@code *}; operation listed or none listed; event time
 * inside the inclusive window; and, when the disclosure has a scope, every asset the event names
 * inside it (an event naming no asset is inside only an unscoped disclosure).
 */
public final class CoveringDisclosures {

  private static final Comparator<Disclosure> BY_ID = Comparator.comparing(Disclosure::disclosureId);

  /** By vendor, with {@code *} disclosures under every vendor's list: an event is checked only against its vendor's. */
  private final Map<String, List<Disclosure>> byVendor = new HashMap<>();
  private final List<Disclosure> anyVendor = new ArrayList<>();
  /**
   * By vendor and tool, filled as events ask: the vendor's disclosures that name the tool or
   * {@code *}, and among those the ones whose window touches each 32-day period events fall in. A
   * large production has thousands of disclosures and hundreds of thousands of events; most
   * disclosures of a vendor name other tools or other months.
   */
  private final Map<String, Map<String, NamingTool>> byVendorAndTool = new HashMap<>();

  private static final long PERIOD_SECONDS = 32L * 86_400;

  /** A disclosure that names the event's vendor and tool, with its asset scope ready for lookups. */
  private record Candidate(Disclosure disclosure, Set<String> scope) {}

  /** The disclosures of one vendor that name one tool, by id, and by period as events ask. */
  private static final class NamingTool {
    private final List<Candidate> all = new ArrayList<>();
    private final Map<Long, List<Candidate>> byPeriod = new HashMap<>();

    List<Candidate> around(Instant time) {
      long period = Math.floorDiv(time.getEpochSecond(), PERIOD_SECONDS);
      return byPeriod.computeIfAbsent(period, p -> {
        long start = p * PERIOD_SECONDS;
        long end = start + PERIOD_SECONDS;
        List<Candidate> touching = new ArrayList<>();
        for (Candidate c : all) {
          Disclosure d = c.disclosure();
          if ((d.validFrom() == null || d.validFrom().getEpochSecond() < end)
              && (d.validTo() == null || d.validTo().getEpochSecond() >= start)) {
            touching.add(c);
          }
        }
        return touching;
      });
    }
  }

  /** @param disclosures the disclosures of one production, in a stable order */
  public CoveringDisclosures(List<Disclosure> disclosures) {
    for (Disclosure d : disclosures) {
      if (Disclosure.ANY.equals(d.vendorId())) {
        anyVendor.add(d);
      }
    }
    for (Disclosure d : disclosures) {
      if (!Disclosure.ANY.equals(d.vendorId())) {
        byVendor.computeIfAbsent(d.vendorId(), v -> new ArrayList<>(anyVendor)).add(d);
      }
    }
    byVendor.values().forEach(list -> list.sort(BY_ID));
    anyVendor.sort(BY_ID);
  }

  /** The disclosures that could cover the event at all: its vendor's and the {@code *} ones, by id. */
  public List<Disclosure> candidates(ToolEvent event) {
    return byVendor.getOrDefault(event.vendorId(), anyVendor);
  }

  /** The covering disclosures, by disclosure id. */
  public List<Disclosure> covering(ToolEvent event) {
    List<Disclosure> covering = new ArrayList<>(2);
    for (Candidate candidate : namingTool(event).around(event.timestamp())) {
      if (coversNamed(candidate.disclosure(), candidate.scope(), event)) {
        covering.add(candidate.disclosure());
      }
    }
    return covering;
  }

  private NamingTool namingTool(ToolEvent event) {
    return byVendorAndTool
        .computeIfAbsent(event.vendorId(), v -> new HashMap<>())
        .computeIfAbsent(
            event.toolId(),
            tool -> {
              NamingTool named = new NamingTool();
              for (Disclosure d : candidates(event)) {
                if (namesTool(d, event)) {
                  named.all.add(new Candidate(d, scopeOf(d)));
                }
              }
              return named;
            });
  }

  public static boolean covers(Disclosure d, ToolEvent e) {
    return matchesOrAny(d.vendorId(), e.vendorId()) && namesTool(d, e) && coversNamed(d, scopeOf(d), e);
  }

  /** The rest of the definition, for a disclosure known to name the event's vendor and tool. */
  private static boolean coversNamed(Disclosure d, Set<String> scope, ToolEvent e) {
    return d.productionId().equals(e.productionId())
        && listsOperation(d, e)
        && inWindow(e.timestamp(), d.validFrom(), d.validTo())
        && inScope(scope, e);
  }

  /** Why {@code d} does not cover {@code e}, in words, or null when it does. */
  public static String whyNotCovered(Disclosure d, ToolEvent e) {
    if (!d.productionId().equals(e.productionId())) {
      return "is for production " + d.productionId();
    }
    if (!matchesOrAny(d.vendorId(), e.vendorId())) {
      return "is for vendor " + d.vendorId();
    }
    if (!namesTool(d, e)) {
      return "does not name tool " + e.toolId();
    }
    if (!listsOperation(d, e)) {
      return "does not list operation " + e.operation().wireName();
    }
    if (!inWindow(e.timestamp(), d.validFrom(), d.validTo())) {
      return "is valid " + (d.validFrom() == null ? "(open)" : d.validFrom().toString()) + " to "
          + (d.validTo() == null ? "(open)" : d.validTo().toString()) + ", not at " + e.timestamp();
    }
    if (!inScope(scopeOf(d), e)) {
      return e.allAssetIds().isEmpty()
          ? "has an asset scope and the event names no asset"
          : "has an asset scope that does not hold every asset of the event";
    }
    return null;
  }

  /** Same vendor (or {@code *}) and same tool (or {@code *}): a disclosure the user may have meant. */
  public static boolean namesToolAndVendor(Disclosure d, ToolEvent e) {
    return matchesOrAny(d.vendorId(), e.vendorId()) && namesTool(d, e);
  }

  private static boolean namesTool(Disclosure d, ToolEvent e) {
    return d.toolIds().contains(Disclosure.ANY) || d.toolIds().contains(e.toolId());
  }

  private static boolean listsOperation(Disclosure d, ToolEvent e) {
    return d.operations().isEmpty() || d.operations().contains(e.operation());
  }

  /** Inclusive at both ends; a null end is open. */
  public static boolean inWindow(Instant time, Instant from, Instant to) {
    return (from == null || !time.isBefore(from)) && (to == null || !time.isAfter(to));
  }

  private static boolean matchesOrAny(String declared, String actual) {
    return Disclosure.ANY.equals(declared) || declared.equals(actual);
  }

  /** The disclosure's asset scope as a set, or null when it has none (it then covers any asset). */
  private static Set<String> scopeOf(Disclosure d) {
    return d.hasScope() ? new HashSet<>(d.assetScope()) : null;
  }

  private static boolean inScope(Set<String> scope, ToolEvent e) {
    if (scope == null) {
      return true;
    }
    List<String> assets = e.allAssetIds();
    return !assets.isEmpty() && scope.containsAll(assets);
  }

  /** The event was used before every covering disclosure was submitted. */
  public static boolean isLate(ToolEvent event, List<Disclosure> covering) {
    if (covering.isEmpty()) {
      return false;
    }
    for (Disclosure d : covering) {
      if (d.submittedAt() == null || !event.timestamp().isBefore(d.submittedAt())) {
        return false;
      }
    }
    return true;
  }

  public static boolean anyGrants(List<Disclosure> covering, Approval approval) {
    for (Disclosure d : covering) {
      if (d.grants(approval)) {
        return true;
      }
    }
    return false;
  }
}
