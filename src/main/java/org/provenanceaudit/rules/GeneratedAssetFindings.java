package org.provenanceaudit.rules;

import java.util.List;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.ToolEvent;

/** How the asset rules name a generated asset's origin: the lineage, the events that made it, or its bytes. */
final class GeneratedAssetFindings {

  private GeneratedAssetFindings() {}

  /** A finding about {@code asset}, whose lineage {@code path} ends at a generated asset. */
  static FindingBuilder about(Rule rule, ProductionAudit audit, Asset asset, List<String> path) {
    String source = source(path);
    return FindingBuilder.aboutAsset(rule, audit, asset)
        .assets(path)
        .events(audit.producers(source).stream().map(ToolEvent::eventId).toList())
        .disclosures(audit.disclosureIdsFor(source));
  }

  static String source(List<String> path) {
    return path.get(path.size() - 1);
  }

  /** "is generated (output of E-1, E-2)" or "derives from generated asset A-1 (A-3 ← A-2 ← A-1; its bytes carry …)". */
  static String origin(ProductionAudit audit, List<String> path) {
    String source = source(path);
    List<String> events = audit.producers(source).stream().map(ToolEvent::eventId).toList();
    String how =
        events.isEmpty()
            ? "its bytes carry " + audit.scan(source).map(AssetScan::genaiSignal).orElse("a GenAI signal")
            : "output of GenAI event " + Describe.ids(events);
    return path.size() == 1
        ? "is generated (" + how + ")"
        : "derives from generated asset " + source + " (" + Describe.lineage(path) + "; " + source + " is " + how + ")";
  }
}
