package org.provenanceaudit.model;

/** The contract's values for what a performer consented to. */
public enum ConsentScope implements ContractEnum {
  LIKENESS,
  VOICE,
  PERFORMANCE,
  DIGITAL_REPLICA
}
