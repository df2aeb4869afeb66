package org.provenanceaudit.model;

/** The contract's values for where a tool runs, which decides whether inputs leave the studio's control. */
public enum Deployment implements ContractEnum {
  ENTERPRISE,
  CONSUMER,
  ON_PREM,
  UNKNOWN
}
