package org.provenanceaudit.model;

/** How urgent a finding is; declared most urgent first, so the natural order sorts reports. */
public enum Severity implements ContractEnum {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW
}
