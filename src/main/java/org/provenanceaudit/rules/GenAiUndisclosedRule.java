package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.provenanceaudit.coverage.CoveringDisclosures;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/** Disclosure duty: every use of GenAI must be disclosed before it happens. */
final class GenAiUndisclosedRule extends BaseRule {

  private static final int NEAR_MISSES_SHOWN = 3;

  GenAiUndisclosedRule() {
    super(
        "GENAI_UNDISCLOSED",
        "disclosure duty",
        Severity.HIGH,
        ReportFile.UNDISCLOSED_GENAI_USAGE,
        "A GenAI tool was used and no disclosure covers that use (production, vendor, tool, operation, time and assets).");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      if (!audit.covering(event).isEmpty()) {
        continue;
      }
      List<String> nearMisses = new ArrayList<>();
      List<String> nearMissIds = new ArrayList<>();
      for (Disclosure d : audit.candidateDisclosures(event)) {
        if (nearMisses.size() == NEAR_MISSES_SHOWN) {
          break;
        }
        if (CoveringDisclosures.namesToolAndVendor(d, event)) {
          nearMisses.add(d.disclosureId() + " " + CoveringDisclosures.whyNotCovered(d, event));
          nearMissIds.add(d.disclosureId());
        }
      }
      String evidence =
          Describe.event(event) + "; no disclosure of production " + audit.productionId() + " covers it"
              + (nearMisses.isEmpty()
                  ? " (none names this tool for this vendor)."
                  : " (" + String.join("; ", nearMisses) + ").");
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .disclosures(nearMissIds)
              .evidence(evidence)
              .remediation(
                  "File a disclosure for tool " + event.toolId() + " (" + event.operation().wireName() + ", vendor "
                      + event.vendorId() + ") covering this use, or establish that the output was not used.")
              .build());
    }
  }
}
