package org.provenanceaudit.rules;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/** Principle 1: outputs do not replicate or recreate unowned or copyrighted material. */
final class ThirdPartyIpRule extends BaseRule {

  ThirdPartyIpRule() {
    super(
        "THIRD_PARTY_IP",
        "1",
        Severity.HIGH,
        ReportFile.LIKENESS_IP_RISKS,
        "A GenAI event's assets carry third-party IP (ip_refs), or its prompt names a watchlist term, without written approval for third_party_ip.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      TreeSet<String> refs = new TreeSet<>();
      TreeSet<String> carriers = new TreeSet<>();
      for (Asset asset : audit.carryingIpRefs(event.allAssetIds())) {
        refs.addAll(asset.ipRefs());
        carriers.add(asset.assetId());
      }
      List<String> hits = audit.watchlist().hits(event.prompt());
      if ((refs.isEmpty() && hits.isEmpty()) || audit.approved(event, Approval.THIRD_PARTY_IP)) {
        continue;
      }
      StringBuilder what = new StringBuilder();
      if (!refs.isEmpty()) {
        what.append("its assets ").append(Describe.ids(List.copyOf(carriers))).append(" carry ").append(Describe.ids(List.copyOf(refs)));
      }
      if (!hits.isEmpty()) {
        what.append(what.length() > 0 ? ", and " : "").append("its prompt names watchlist term ").append(Describe.ids(hits.stream().map(h -> "\"" + h + "\"").toList()));
      }
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .disclosures(audit.covering(event).stream().map(Disclosure::disclosureId).toList())
              .evidence(Describe.event(event) + "; " + what + "; no covering disclosure grants third_party_ip with an approval_ref.")
              .remediation(
                  "Clear the rights with legal and obtain written approval for third_party_ip on a disclosure covering " + event.eventId()
                      + ", or discard the output.")
              .build());
    }
  }
}
