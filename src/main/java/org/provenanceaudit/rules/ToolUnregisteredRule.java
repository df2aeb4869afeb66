package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/** Disclosure duty: a tool the compliance team has not vetted counts as GenAI and must be registered. */
final class ToolUnregisteredRule extends BaseRule {

  ToolUnregisteredRule() {
    super(
        "TOOL_UNREGISTERED",
        "disclosure duty",
        Severity.MEDIUM,
        ReportFile.UNDISCLOSED_GENAI_USAGE,
        "A tool event names a tool the policy's registry does not know; unvetted tools are treated as GenAI.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.events()) {
      if (audit.policy().tool(event.toolId()).isPresent()) {
        continue;
      }
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .evidence(Describe.event(event) + "; tool " + event.toolId() + " is not in the tool registry of policy "
                  + audit.policy().origin() + ".")
              .remediation(
                  "Vet tool " + event.toolId() + " and add it to the policy's tools with its genai, deployment and data_retention, or stop its use.")
              .build());
    }
  }
}
