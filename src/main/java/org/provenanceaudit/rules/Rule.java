package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/**
 * One rule of RULES.md: its code, the principle it enforces, its default severity, the report its
 * findings go to, and the judgement itself over one production. Adding a rule is adding a class
 * and listing it in {@link RuleSet}.
 */
public interface Rule {

  String code();

  /** The principle or duty the rule enforces, as RULES.md names it: {@code 4}, {@code disclosure duty}. */
  String principle();

  Severity defaultSeverity();

  ReportFile report();

  /** What a finding of this rule means, for the README and the HTML report. */
  String description();

  void evaluate(ProductionAudit audit, Consumer<Finding> findings);
}
