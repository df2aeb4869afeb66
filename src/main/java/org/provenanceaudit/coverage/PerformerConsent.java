package org.provenanceaudit.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.Operation;

/**
 * Which consent a performer must have given for an operation, and whether a record gives it: the
 * same performer, this production or {@code *}, not revoked, the event inside its inclusive
 * window, and a scope that covers what the operation needs ({@code digital_replica} also covers
 * {@code likeness} and {@code voice}).
 */
public final class PerformerConsent {

  private PerformerConsent() {}

  /** Voice operations need {@code voice}, a replica needs {@code digital_replica}, anything else {@code likeness}. */
  public static ConsentScope neededFor(Operation operation) {
    return switch (operation) {
      case VOICE_CLONE, VOICE_SYNTHESIS -> ConsentScope.VOICE;
      case DIGITAL_REPLICA -> ConsentScope.DIGITAL_REPLICA;
      default -> ConsentScope.LIKENESS;
    };
  }

  public static boolean grants(Consent consent, String productionId, ConsentScope needed, Instant at) {
    return !consent.revoked()
        && (consent.appliesToEveryProduction() || consent.productionId().equals(productionId))
        && CoveringDisclosures.inWindow(at, consent.validFrom(), consent.validTo())
        && covers(consent, needed);
  }

  private static boolean covers(Consent consent, ConsentScope needed) {
    if (consent.scope().contains(needed)) {
      return true;
    }
    return consent.scope().contains(ConsentScope.DIGITAL_REPLICA)
        && (needed == ConsentScope.LIKENESS || needed == ConsentScope.VOICE);
  }

  /** The first of the performer's consents (in id order) that grants the need. */
  public static Optional<Consent> find(List<Consent> consents, String productionId, ConsentScope needed, Instant at) {
    return consents.stream().filter(c -> grants(c, productionId, needed, at)).findFirst();
  }
}
