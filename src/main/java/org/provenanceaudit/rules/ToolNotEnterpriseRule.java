package org.provenanceaudit.rules;

import java.util.List;
import java.util.function.Consumer;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.policy.ToolEntry;

/**
 * Principle 3: GenAI runs in an enterprise-secured environment where possible. High when the inputs
 * were the production's own assets: unreleased material left the studio's control.
 */
final class ToolNotEnterpriseRule extends BaseRule {

  ToolNotEnterpriseRule() {
    super(
        "TOOL_NOT_ENTERPRISE",
        "3",
        Severity.MEDIUM,
        ReportFile.DATA_HANDLING_RISKS,
        "A GenAI tool ran on a consumer tier or an unknown deployment; high when production assets were its inputs.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      boolean fromLog = event.deployment() != null;
      Deployment deployment =
          fromLog ? event.deployment() : audit.policy().tool(event.toolId()).map(ToolEntry::deployment).orElse(Deployment.UNKNOWN);
      if (deployment != Deployment.CONSUMER && deployment != Deployment.UNKNOWN) {
        continue;
      }
      List<String> productionInputs = audit.inventoried(event.inputAssetIds()).stream().map(Asset::assetId).toList();
      String source =
          fromLog ? "as the event log records" : audit.policy().tool(event.toolId()).isPresent() ? "as the tool registry records" : "the tool is not registered";
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .severity(productionInputs.isEmpty() ? Severity.MEDIUM : Severity.HIGH)
              .evidence(
                  Describe.event(event) + " on a " + deployment.wireName() + " deployment (" + source + ")"
                      + (productionInputs.isEmpty()
                          ? "; no production asset was among its inputs."
                          : "; production assets " + Describe.ids(productionInputs) + " were its inputs and left the studio's control."))
              .remediation("Move this work to an enterprise or on-premises tier of an approved tool; assess what the inputs exposed.")
              .build());
    }
  }
}
