package org.provenanceaudit.pipeline;

import java.util.List;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.report.LineageCycle;

/**
 * What auditing one production gave: its findings and its lineage cycles. One value, so the rules
 * step has one output: on Flink each extra output of a step is a separate task that reads every
 * value of the step back to keep its own.
 */
public record AuditedProduction(String productionId, List<Finding> findings, List<LineageCycle> cycles) {

  public AuditedProduction {
    findings = List.copyOf(findings);
    cycles = List.copyOf(cycles);
  }
}
