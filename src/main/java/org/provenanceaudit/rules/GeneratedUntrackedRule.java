package org.provenanceaudit.rules;

import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/** Principle 4: generated material can only be shown temporary if the inventory tracks it. */
final class GeneratedUntrackedRule extends BaseRule {

  GeneratedUntrackedRule() {
    super(
        "GENERATED_UNTRACKED",
        "4",
        Severity.MEDIUM,
        ReportFile.RETAINED_GENERATED_MATERIAL,
        "A GenAI event produced an output the production's asset inventory does not list, so nobody can show it stayed temporary.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    TreeMap<String, List<ToolEvent>> missing = new TreeMap<>();
    for (String output : audit.generatedOutputIds()) {
      if (audit.asset(output).isEmpty()) {
        missing.put(output, audit.producers(output));
      }
    }
    missing.forEach(
        (output, events) -> {
          ToolEvent first = events.stream().min(Comparator.comparing(ToolEvent::eventId)).orElseThrow();
          List<String> eventIds = events.stream().map(ToolEvent::eventId).sorted().toList();
          findings.accept(
              new FindingBuilder(this, audit, "asset", output)
                  .vendor(first.vendorId())
                  .assets(List.of(output))
                  .events(eventIds)
                  .disclosures(
                      events.stream().flatMap(e -> audit.covering(e).stream()).map(Disclosure::disclosureId).toList())
                  .evidence(
                      "GenAI event " + Describe.ids(eventIds) + " lists output " + output + ", which is not in the asset inventory of production "
                          + audit.productionId() + ".")
                  .remediation(
                      "Add " + output + " to the inventory with its deliverable_status, or record that it was deleted.")
                  .build());
        });
  }
}
