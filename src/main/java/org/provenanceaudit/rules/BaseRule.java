package org.provenanceaudit.rules;

import org.provenanceaudit.model.Severity;

/** The fixed facts of a rule, so that each rule class holds only its judgement. */
abstract class BaseRule implements Rule {

  private final String code;
  private final String principle;
  private final Severity defaultSeverity;
  private final ReportFile report;
  private final String description;

  BaseRule(String code, String principle, Severity defaultSeverity, ReportFile report, String description) {
    this.code = code;
    this.principle = principle;
    this.defaultSeverity = defaultSeverity;
    this.report = report;
    this.description = description;
  }

  @Override
  public final String code() {
    return code;
  }

  @Override
  public final String principle() {
    return principle;
  }

  @Override
  public final Severity defaultSeverity() {
    return defaultSeverity;
  }

  @Override
  public final ReportFile report() {
    return report;
  }

  @Override
  public final String description() {
    return description;
  }
}
