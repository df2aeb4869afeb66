package org.provenanceaudit.rules;

import java.util.List;
import java.util.function.Consumer;
import org.provenanceaudit.coverage.CoveringDisclosures;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/** Disclosure duty: the use must be shared before it happens, not afterwards. */
final class GenAiLateDisclosureRule extends BaseRule {

  GenAiLateDisclosureRule() {
    super(
        "GENAI_LATE_DISCLOSURE",
        "disclosure duty",
        Severity.MEDIUM,
        ReportFile.UNDISCLOSED_GENAI_USAGE,
        "A GenAI use is covered by a disclosure, but every covering disclosure was submitted after the tool ran.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (ToolEvent event : audit.genaiEvents()) {
      List<Disclosure> covering = audit.covering(event);
      if (!CoveringDisclosures.isLate(event, covering)) {
        continue;
      }
      String submitted =
          String.join(
              ", ", covering.stream().map(d -> d.disclosureId() + " submitted " + d.submittedAt()).toList());
      findings.accept(
          FindingBuilder.aboutEvent(this, audit, event)
              .disclosures(covering.stream().map(Disclosure::disclosureId).toList())
              .evidence(Describe.event(event) + " before any covering disclosure was submitted (" + submitted + ").")
              .remediation(
                  "Confirm with the vendor why the use preceded the disclosure and record the studio's acceptance; remind the vendor that disclosure comes first.")
              .build());
    }
  }
}
