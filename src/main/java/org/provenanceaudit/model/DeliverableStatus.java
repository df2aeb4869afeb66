package org.provenanceaudit.model;

/** Where an asset stands in the production: {@code final} means part of the final deliverables. */
public enum DeliverableStatus implements ContractEnum {
  FINAL,
  TEMP,
  WORKING,
  ARCHIVED
}
