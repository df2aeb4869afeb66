package org.provenanceaudit.model;

/** The contract's values for what a tool does with the inputs it is given. */
public enum DataRetention implements ContractEnum {
  NONE,
  TRANSIENT,
  STORED,
  TRAINING
}
