package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.provenanceaudit.coverage.CoveringDisclosures;
import org.provenanceaudit.lineage.GeneratedAssetLineage;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.policy.Policy;

/**
 * Everything known about one production, joined and derived once, for the rules to judge: its
 * inventory, its tool events with the disclosures that cover each, which assets are generated
 * (by a GenAI event or by their own bytes), the lineage that carries "generated" down
 * {@code derived_from}, and the consents of its performers. Each production is audited as a closed
 * world: an asset id means the asset of that id in this production's inventory.
 */
public final class ProductionAudit {

  private final String productionId;
  private final Production production;
  private final Map<String, Asset> assets;
  /**
   * The few assets that carry third-party IP, personal data or performers, by id: the rules ask of
   * every GenAI event's assets whether any does, and a small map answers that from the cache where
   * the whole inventory (hundreds of thousands of assets in a large production) would not.
   */
  private final Map<String, Asset> withIpRefs = new HashMap<>();
  private final Map<String, Asset> withPersonalData = new HashMap<>();
  private final Map<String, Asset> withPerformers = new HashMap<>();
  private final List<Asset> assetsInOrder;
  private final List<ToolEvent> events;
  private final List<ToolEvent> genaiEvents;
  private final List<Disclosure> disclosures;
  private final Map<String, List<Consent>> consentsByTalent;
  private final Map<String, AssetScan> scans;
  private final List<AssetScan> scansInOrder;
  private final AuditSettings settings;
  private final IpWatchlist watchlist;
  private final CoveringDisclosures coverage;
  private final Map<String, List<Disclosure>> covering = new HashMap<>();
  private final Map<String, List<ToolEvent>> producers = new HashMap<>();
  private final GeneratedAssetLineage lineage;
  private final GeneratedAssetLineage.Paths generatedPaths;
  private final Map<Approval, GeneratedAssetLineage.Paths> unapprovedPaths = new EnumMap<>(Approval.class);

  public ProductionAudit(
      String productionId,
      Production production,
      List<Asset> assets,
      List<ToolEvent> events,
      List<Disclosure> disclosures,
      List<Consent> consents,
      List<AssetScan> scans,
      AuditSettings settings) {
    this.productionId = productionId;
    this.production = production;
    this.settings = settings;
    this.watchlist = IpWatchlist.of(settings.policy().ipWatchlist());
    this.assetsInOrder = sorted(assets, Asset::assetId);
    this.assets = assetsInOrder.stream().collect(Collectors.toMap(Asset::assetId, Function.identity()));
    for (Asset asset : assetsInOrder) {
      if (!asset.ipRefs().isEmpty()) {
        withIpRefs.put(asset.assetId(), asset);
      }
      if (asset.personalData()) {
        withPersonalData.put(asset.assetId(), asset);
      }
      if (!asset.talentIds().isEmpty()) {
        withPerformers.put(asset.assetId(), asset);
      }
    }
    this.events = sorted(events, ToolEvent::eventId);
    this.disclosures = sorted(disclosures, Disclosure::disclosureId);
    this.consentsByTalent =
        sorted(consents, Consent::consentId).stream().collect(Collectors.groupingBy(Consent::talentId));
    this.scansInOrder = sorted(scans, AssetScan::assetId);
    this.scans = scansInOrder.stream().collect(Collectors.toMap(AssetScan::assetId, Function.identity(), (a, b) -> a));
    Policy policy = settings.policy();
    this.genaiEvents = this.events.stream().filter(e -> policy.isGenAiTool(e.toolId())).toList();
    this.coverage = new CoveringDisclosures(this.disclosures);
    for (ToolEvent event : genaiEvents) {
      covering.put(event.eventId(), coverage.covering(event));
      for (String output : event.outputAssetIds()) {
        producers.computeIfAbsent(output, id -> new ArrayList<>()).add(event);
      }
    }
    this.lineage = new GeneratedAssetLineage(assetsInOrder);
    this.generatedPaths = lineage.pathsTo(this::isGenerated);
  }

  private static <T> List<T> sorted(List<T> items, Function<T, String> id) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(Comparator.comparing(id));
    return copy;
  }

  public String productionId() {
    return productionId;
  }

  public boolean isNonfiction() {
    return production != null && production.nonfiction();
  }

  public Policy policy() {
    return settings.policy();
  }

  public IpWatchlist watchlist() {
    return watchlist;
  }

  public AuditSettings settings() {
    return settings;
  }

  /** The inventory, by asset id. */
  public List<Asset> assets() {
    return assetsInOrder;
  }

  public Optional<Asset> asset(String assetId) {
    return Optional.ofNullable(assets.get(assetId));
  }

  public List<ToolEvent> events() {
    return events;
  }

  /** The production's event with this id, found by binary search in the events sorted by id. */
  public Optional<ToolEvent> event(String eventId) {
    int low = 0;
    int high = events.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = events.get(middle).eventId().compareTo(eventId);
      if (order == 0) {
        return Optional.of(events.get(middle));
      }
      if (order < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return Optional.empty();
  }

  /** Events whose tool is GenAI, or unknown to the registry. */
  public List<ToolEvent> genaiEvents() {
    return genaiEvents;
  }

  public List<Disclosure> disclosures() {
    return disclosures;
  }

  /** The disclosures that could cover the event (its vendor's and {@code *}), for near misses. */
  public List<Disclosure> candidateDisclosures(ToolEvent event) {
    return coverage.candidates(event);
  }

  /** The disclosures that cover a GenAI event; empty for others. */
  public List<Disclosure> covering(ToolEvent event) {
    return covering.getOrDefault(event.eventId(), List.of());
  }

  public boolean approved(ToolEvent event, Approval approval) {
    return CoveringDisclosures.anyGrants(covering(event), approval);
  }

  /** GenAI events that list the asset among their outputs. */
  public List<ToolEvent> producers(String assetId) {
    return producers.getOrDefault(assetId, List.of());
  }

  /** Every id a GenAI event lists as output, whether or not the inventory has it. */
  public Set<String> generatedOutputIds() {
    return producers.keySet();
  }

  public Optional<AssetScan> scan(String assetId) {
    return Optional.ofNullable(scans.get(assetId));
  }

  /** The scanned files of the production's assets, by asset id. */
  public List<AssetScan> scans() {
    return scansInOrder;
  }

  /** An output of a GenAI event, or an asset whose own bytes carry a GenAI signal. */
  public boolean isGenerated(String assetId) {
    return producers.containsKey(assetId) || scan(assetId).map(AssetScan::genai).orElse(false);
  }

  /** From the asset to the generated asset it is or derives from (one path), or empty. */
  public Optional<List<String>> generatedLineage(String assetId) {
    return generatedPaths.from(assetId);
  }

  public List<List<String>> lineageCycles() {
    return lineage.cycles();
  }

  /**
   * From the asset to a generated asset it is or derives from whose use is not approved for
   * {@code approval}; empty when every generated source it has is approved (or it has none).
   */
  public Optional<List<String>> unapprovedGeneratedLineage(String assetId, Approval approval) {
    return unapprovedPaths
        .computeIfAbsent(approval, a -> lineage.pathsTo(id -> isGenerated(id) && !generatedSourceApproved(id, a)))
        .from(assetId);
  }

  /**
   * A generated asset's use is approved for {@code approval} when a disclosure covering one of the
   * GenAI events that made it grants the approval; for an asset known generated only from its
   * bytes, when a disclosure of the production, for its vendor or {@code *}, whose scope is empty
   * or names the asset, grants it.
   */
  public boolean generatedSourceApproved(String assetId, Approval approval) {
    List<ToolEvent> made = producers(assetId);
    if (!made.isEmpty()) {
      return made.stream().anyMatch(event -> approved(event, approval));
    }
    Asset asset = assets.get(assetId);
    return asset != null
        && disclosures.stream()
            .anyMatch(
                d ->
                    d.grants(approval)
                        && (Disclosure.ANY.equals(d.vendorId()) || d.vendorId().equals(asset.vendorId()))
                        && (!d.hasScope() || d.assetScope().contains(assetId)));
  }

  /** The disclosures that cover the GenAI events that made the asset, for a finding's evidence. */
  public List<String> disclosureIdsFor(String generatedAssetId) {
    return producers(generatedAssetId).stream()
        .flatMap(e -> covering(e).stream())
        .map(Disclosure::disclosureId)
        .distinct()
        .sorted()
        .toList();
  }

  public List<Consent> consentsOf(String talentId) {
    return consentsByTalent.getOrDefault(talentId, List.of());
  }

  /** The inventory's assets among {@code ids}, in the given order; ids it lacks are left out. */
  public List<Asset> inventoried(List<String> ids) {
    return among(ids, assets);
  }

  /** The assets among {@code ids} that carry third-party IP ({@code ip_refs}), in the given order. */
  public List<Asset> carryingIpRefs(List<String> ids) {
    return among(ids, withIpRefs);
  }

  /** The assets among {@code ids} that hold personal data, in the given order. */
  public List<Asset> holdingPersonalData(List<String> ids) {
    return among(ids, withPersonalData);
  }

  /** The assets among {@code ids} that name performers ({@code talent_ids}), in the given order. */
  public List<Asset> namingPerformers(List<String> ids) {
    return among(ids, withPerformers);
  }

  private static List<Asset> among(List<String> ids, Map<String, Asset> assets) {
    if (assets.isEmpty()) {
      return List.of();
    }
    List<Asset> found = null;
    for (String id : ids) {
      Asset asset = assets.get(id);
      if (asset != null) {
        found = found == null ? new ArrayList<>(ids.size()) : found;
        found.add(asset);
      }
    }
    return found == null ? List.of() : found;
  }
}
