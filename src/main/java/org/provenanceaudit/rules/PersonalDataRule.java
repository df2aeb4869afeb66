package org.provenanceaudit.rules;

import java.util.List;
import java.util.function.Consumer;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/** Approval duty: personal data given to a GenAI tool needs written approval. */
final class PersonalDataRule extends BaseRule {

  PersonalDataRule() {
    super(
        "PERSONAL_DATA",
        "approval duty",
        Severity.HIGH,
        ReportFile.LIKENESS_IP_RISKS,
        "Assets holding personal data were given to a GenAI tool without written approval for personal_data.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      List<String> personal =
          audit.holdingPersonalData(event.inputAssetIds()).stream().map(Asset::assetId).toList();
      if (personal.isEmpty() || audit.approved(event, Approval.PERSONAL_DATA)) {
        continue;
      }
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .disclosures(audit.covering(event).stream().map(Disclosure::disclosureId).toList())
              .evidence(
                  Describe.event(event) + " with input " + Describe.ids(personal)
                      + " holding personal data; no covering disclosure grants personal_data with an approval_ref.")
              .remediation(
                  "Obtain written approval for personal_data on a disclosure covering " + event.eventId()
                      + " (with the privacy team's assessment), or remove the personal data from the inputs.")
              .build());
    }
  }
}
