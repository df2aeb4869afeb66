package org.provenanceaudit.model;

/** The contract's values for a written approval a disclosure can carry. */
public enum Approval implements ContractEnum {
  FINAL_DELIVERABLE,
  TALENT_LIKENESS,
  PERSONAL_DATA,
  THIRD_PARTY_IP,
  UNION_WORK,
  KEY_CREATIVE
}
