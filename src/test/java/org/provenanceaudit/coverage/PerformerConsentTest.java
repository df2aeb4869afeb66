package org.provenanceaudit.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.ConsentScope.DIGITAL_REPLICA;
import static org.provenanceaudit.model.ConsentScope.LIKENESS;
import static org.provenanceaudit.model.ConsentScope.PERFORMANCE;
import static org.provenanceaudit.model.ConsentScope.VOICE;
import static org.provenanceaudit.rules.AuditFixture.consent;
import static org.provenanceaudit.rules.AuditFixture.instant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.rules.AuditFixture.ConsentRow;

/** Each condition of a valid consent, one at a time: performer, production, revocation, window and scope. */
class PerformerConsentTest {

  private static final Instant AT = instant("2026-03-02T10:00:00Z");

  private static boolean grants(ConsentRow c, ConsentScope needed) {
    return PerformerConsent.grants(c.build(), "P-1", needed, AT);
  }

  @Test
  void scopeNeededPerOperation() {
    assertEquals(VOICE, PerformerConsent.neededFor(Operation.VOICE_CLONE));
    assertEquals(VOICE, PerformerConsent.neededFor(Operation.VOICE_SYNTHESIS));
    assertEquals(LIKENESS, PerformerConsent.neededFor(Operation.FACE_SWAP));
    assertEquals(LIKENESS, PerformerConsent.neededFor(Operation.LIP_SYNC));
    assertEquals(LIKENESS, PerformerConsent.neededFor(Operation.DE_AGE));
    assertEquals(DIGITAL_REPLICA, PerformerConsent.neededFor(Operation.DIGITAL_REPLICA));
    assertEquals(LIKENESS, PerformerConsent.neededFor(Operation.GENERATE));
    assertEquals(LIKENESS, PerformerConsent.neededFor(Operation.UPSCALE));
  }

  @Test
  void consentOfTheNeededScopeGrants() {
    assertTrue(grants(consent("C-1").scope(LIKENESS), LIKENESS));
    assertTrue(grants(consent("C-1").scope(VOICE), VOICE));
  }

  @Test
  void otherScopeDoesNotGrant() {
    assertFalse(grants(consent("C-1").scope(LIKENESS), VOICE));
    assertFalse(grants(consent("C-1").scope(VOICE), LIKENESS));
    assertFalse(grants(consent("C-1").scope(PERFORMANCE), LIKENESS));
    assertFalse(grants(consent("C-1").scope(LIKENESS, VOICE), DIGITAL_REPLICA));
  }

  @Test
  void digitalReplicaAlsoCoversLikenessAndVoice() {
    assertTrue(grants(consent("C-1").scope(DIGITAL_REPLICA), LIKENESS));
    assertTrue(grants(consent("C-1").scope(DIGITAL_REPLICA), VOICE));
    assertTrue(grants(consent("C-1").scope(DIGITAL_REPLICA), DIGITAL_REPLICA));
    assertFalse(grants(consent("C-1").scope(DIGITAL_REPLICA), PERFORMANCE));
  }

  @Test
  void revokedConsentGrantsNothing() {
    assertFalse(grants(consent("C-1").scope(LIKENESS, VOICE, DIGITAL_REPLICA).revoked(), LIKENESS));
  }

  @Test
  void consentForAnotherProductionDoesNotGrant() {
    assertFalse(grants(consent("C-1").production("P-2"), LIKENESS));
  }

  @Test
  void consentForEveryProductionGrants() {
    assertTrue(grants(consent("C-1").production("*"), LIKENESS));
  }

  @Test
  void windowIsInclusiveAndAPlainDateValidToCoversItsWholeDay() {
    ConsentRow c = consent("C-1").window("2026-01-01", "2026-03-02");

    assertTrue(PerformerConsent.grants(c.build(), "P-1", LIKENESS, instant("2026-01-01T00:00:00Z")));
    assertTrue(PerformerConsent.grants(c.build(), "P-1", LIKENESS, instant("2026-03-02T23:59:59Z")));
    assertFalse(PerformerConsent.grants(c.build(), "P-1", LIKENESS, instant("2026-03-03T00:00:00Z")), "expired");
    assertFalse(PerformerConsent.grants(c.build(), "P-1", LIKENESS, instant("2025-12-31T23:59:59Z")), "not yet valid");
  }

  @Test
  void findReturnsTheFirstConsentThatGrants() {
    List<Consent> consents =
        List.of(
            consent("C-1").revoked().build(),
            consent("C-2").scope(VOICE).build(),
            consent("C-3").build(),
            consent("C-4").build());

    Optional<Consent> found = PerformerConsent.find(consents, "P-1", LIKENESS, AT);

    assertEquals("C-3", found.map(Consent::consentId).orElse("none"));
    assertTrue(PerformerConsent.find(consents.subList(0, 2), "P-1", LIKENESS, AT).isEmpty());
  }
}
