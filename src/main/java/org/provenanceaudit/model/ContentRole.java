package org.provenanceaudit.model;

/** The contract's values for the part an asset plays in the work. */
public enum ContentRole implements ContractEnum {
  ARCHIVAL,
  KEY_CREATIVE,
  BACKGROUND,
  PROP,
  PREVIS,
  CONCEPT,
  MARKETING,
  OTHER
}
