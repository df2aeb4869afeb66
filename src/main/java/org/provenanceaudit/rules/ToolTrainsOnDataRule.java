package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.policy.ToolEntry;

/** Principle 2: generative tools do not store, reuse or train on production data. */
final class ToolTrainsOnDataRule extends BaseRule {

  ToolTrainsOnDataRule() {
    super(
        "TOOL_TRAINS_ON_DATA",
        "2",
        Severity.HIGH,
        ReportFile.DATA_HANDLING_RISKS,
        "A GenAI tool kept the production's inputs: it trains on them (high) or stores them (medium).");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      boolean fromLog = event.dataRetention() != null;
      DataRetention retention =
          fromLog ? event.dataRetention() : audit.policy().tool(event.toolId()).map(ToolEntry::dataRetention).orElse(null);
      if (retention != DataRetention.TRAINING && retention != DataRetention.STORED) {
        continue;
      }
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .severity(retention == DataRetention.TRAINING ? Severity.HIGH : Severity.MEDIUM)
              .evidence(
                  Describe.event(event) + ", whose data retention is " + retention.wireName()
                      + (fromLog ? " (as the event log records)" : " (as the tool registry records)") + ".")
              .remediation(
                  "Move this work to a tier of " + event.toolId() + " with no retention, or to an approved tool; ask the vendor to have the provider delete the inputs.")
              .build());
    }
  }
}
