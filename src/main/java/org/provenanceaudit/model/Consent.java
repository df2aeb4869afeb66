package org.provenanceaudit.model;

import java.time.Instant;
import java.util.Set;

/** A performer's consent record. A revoked consent covers nothing; window ends are inclusive. */
public record Consent(
    String consentId,
    String talentId,
    String productionId,
    Set<ConsentScope> scope,
    Instant validFrom,
    Instant validTo,
    boolean revoked,
    SourcePosition source) {

  public static final String ANY_PRODUCTION = "*";

  public Consent {
    scope = Set.copyOf(scope);
  }

  public boolean appliesToEveryProduction() {
    return ANY_PRODUCTION.equals(productionId);
  }
}
