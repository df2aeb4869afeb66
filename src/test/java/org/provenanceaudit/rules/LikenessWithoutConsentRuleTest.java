package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Approval.TALENT_LIKENESS;
import static org.provenanceaudit.model.ConsentScope.DIGITAL_REPLICA;
import static org.provenanceaudit.model.ConsentScope.LIKENESS;
import static org.provenanceaudit.model.ConsentScope.VOICE;
import static org.provenanceaudit.model.Operation.DE_AGE;
import static org.provenanceaudit.model.Operation.FACE_SWAP;
import static org.provenanceaudit.model.Operation.GENERATE;
import static org.provenanceaudit.model.Operation.VOICE_CLONE;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.consent;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Severity;

class LikenessWithoutConsentRuleTest {

  private static final String RULE = "LIKENESS_WITHOUT_CONSENT";
  private static final AuditFixture.Part APPROVED =
      disclosure("D-1").tools("faceswap-onprem", "voicegen-pro").approvals(TALENT_LIKENESS).ref("L-1");

  /** A face swap by the on-premises tool on plate A-1, which carries performer T-1, into A-2. */
  private static AuditFixture swap(Operation op, AuditFixture.Part... more) {
    return production(
            asset("A-1").talent("T-1"),
            asset("A-2"),
            event("E-1").tool(op == VOICE_CLONE ? "voicegen-pro" : "faceswap-onprem").op(op).inputs("A-1").outputs("A-2"))
        .with(more);
  }

  @Test
  void performerWithoutConsentOrApprovalIsReported() {
    Finding f = swap(FACE_SWAP).only(RULE);

    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("5", f.principle());
    assertEquals("likeness-ip-risks.csv", f.report());
    assertEquals("event_talent", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertEquals("T-1", f.talentId());
    assertEquals(List.of("A-1", "A-2"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of(), f.disclosureIds());
    assertTrue(f.evidence().contains("Event E-1"), f.evidence());
    assertTrue(f.evidence().contains("performer T-1 has no consent record"), f.evidence());
    assertTrue(f.evidence().contains("no disclosure covers the event"), f.evidence());
    assertTrue(f.remediation().contains("T-1's consent of scope likeness for production P-1"), f.remediation());
  }

  @Test
  void consentAndApprovalTogetherClearIt() {
    assertEquals(List.of(), swap(FACE_SWAP, consent("C-1").scope(LIKENESS), APPROVED).findings(RULE));
  }

  @Test
  void consentWithoutApprovalIsReportedForTheApproval() {
    Finding f = swap(FACE_SWAP, consent("C-1").scope(LIKENESS), disclosure("D-1").tools("faceswap-onprem")).only(RULE);

    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("no covering disclosure (D-1) grants talent_likeness with an approval_ref"), f.evidence());
    assertFalse(f.evidence().contains("consent"), f.evidence());
  }

  @Test
  void approvalWithoutApprovalRefDoesNotCount() {
    Finding f =
        swap(FACE_SWAP, consent("C-1").scope(LIKENESS), disclosure("D-1").tools("faceswap-onprem").approvals(TALENT_LIKENESS))
            .only(RULE);

    assertTrue(f.evidence().contains("grants talent_likeness with an approval_ref"), f.evidence());
  }

  @Test
  void approvalWithoutConsentIsReportedForTheConsent() {
    Finding f = swap(FACE_SWAP, APPROVED).only(RULE);

    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("performer T-1 has no consent record"), f.evidence());
    assertFalse(f.evidence().contains("approval_ref"), f.evidence());
  }

  @Test
  void expiredConsentDoesNotCount() {
    Finding f = swap(FACE_SWAP, APPROVED, consent("C-1").window("2025-01-01", "2026-02-28")).only(RULE);

    assertTrue(
        f.evidence().contains("no consent of T-1 grants likeness at that time (C-1 is valid 2025-01-01T00:00:00Z to 2026-02-28T23:59:59.999999999Z)"),
        f.evidence());
  }

  @Test
  void consentWindowEndsAtTheEndOfItsLastDay() {
    AuditFixture lastSecond =
        production(
            asset("A-1").talent("T-1"),
            event("E-1").tool("faceswap-onprem").op(FACE_SWAP).at("2026-02-28T23:59:59Z").inputs("A-1"),
            APPROVED,
            consent("C-1").window("2025-01-01", "2026-02-28"));
    AuditFixture nextDay =
        production(
            asset("A-1").talent("T-1"),
            event("E-1").tool("faceswap-onprem").op(FACE_SWAP).at("2026-03-01T00:00:00Z").inputs("A-1"),
            APPROVED,
            consent("C-1").window("2025-01-01", "2026-02-28"));

    assertEquals(List.of(), lastSecond.findings(RULE));
    assertEquals(1, nextDay.findings(RULE).size());
  }

  @Test
  void revokedConsentCoversNothing() {
    Finding f = swap(FACE_SWAP, APPROVED, consent("C-1").scope(LIKENESS, VOICE, DIGITAL_REPLICA).revoked()).only(RULE);

    assertTrue(f.evidence().contains("C-1 is revoked"), f.evidence());
  }

  @Test
  void consentOfTheWrongScopeDoesNotCount() {
    Finding f = swap(VOICE_CLONE, APPROVED, consent("C-1").scope(LIKENESS)).only(RULE);

    assertTrue(f.evidence().contains("no consent of T-1 grants voice at that time (C-1 has scope likeness, not voice)"), f.evidence());
    assertTrue(f.remediation().contains("consent of scope voice"), f.remediation());
  }

  @Test
  void digitalReplicaConsentCoversLikenessAndVoice() {
    assertEquals(List.of(), swap(FACE_SWAP, APPROVED, consent("C-1").scope(DIGITAL_REPLICA)).findings(RULE));
    assertEquals(List.of(), swap(VOICE_CLONE, APPROVED, consent("C-1").scope(DIGITAL_REPLICA)).findings(RULE));
  }

  @Test
  void likenessAndVoiceConsentDoNotCoverADigitalReplica() {
    Finding f = swap(Operation.DIGITAL_REPLICA, APPROVED, consent("C-1").scope(LIKENESS, VOICE)).only(RULE);

    assertTrue(f.evidence().contains("grants digital_replica"), f.evidence());
  }

  @Test
  void consentForEveryProductionCounts() {
    assertEquals(List.of(), swap(DE_AGE, APPROVED, consent("C-1").production("*")).findings(RULE));
  }

  @Test
  void consentForAnotherProductionDoesNotCount() {
    Finding f = swap(DE_AGE, APPROVED, consent("C-1").production("P-2")).only(RULE);

    assertTrue(f.evidence().contains("C-1 is for production P-2"), f.evidence());
  }

  @Test
  void consentOfAnotherPerformerDoesNotCount() {
    Finding f = swap(FACE_SWAP, APPROVED, consent("C-1").talent("T-2")).only(RULE);

    assertTrue(f.evidence().contains("performer T-1 has no consent record"), f.evidence());
  }

  @Test
  void anyOperationOnMaterialCarryingAPerformerNeedsLikenessConsent() {
    AuditFixture voiceOnly =
        production(
            asset("A-1").talent("T-1"),
            event("E-1").tool("firefly-ent").op(GENERATE).inputs("A-1"),
            disclosure("D-1").tools("firefly-ent").approvals(TALENT_LIKENESS).ref("L-1"),
            consent("C-1").scope(VOICE));

    assertTrue(voiceOnly.only(RULE).evidence().contains("has scope voice, not likeness"));
    assertEquals(List.of(), voiceOnly.with(consent("C-2").scope(LIKENESS)).findings(RULE));
  }

  @Test
  void performerOnAnOutputCountsAsWellAsOnAnInput() {
    Finding f =
        production(asset("A-2").talent("T-1"), event("E-1").tool("firefly-ent").op(GENERATE).outputs("A-2")).only(RULE);

    assertEquals("T-1", f.talentId());
  }

  @Test
  void oneFindingPerPerformerWhoLacksConsent() {
    List<Finding> found =
        production(
                asset("A-1").talent("T-1", "T-2"),
                asset("A-2").talent("T-3"),
                event("E-1").tool("faceswap-onprem").op(FACE_SWAP).inputs("A-1", "A-2"),
                APPROVED,
                consent("C-2").talent("T-2"))
            .findings(RULE);

    assertEquals(List.of("T-1", "T-3"), found.stream().map(Finding::talentId).toList());
    assertTrue(!found.get(0).findingId().equals(found.get(1).findingId()), "each performer has a finding of its own");
  }

  @Test
  void likenessOperationWithNoPerformerIsJudgedOnTheApproval() {
    Finding f =
        production(asset("A-1"), event("E-1").tool("faceswap-onprem").op(FACE_SWAP).inputs("A-1")).only(RULE);

    assertEquals("(unidentified)", f.talentId());
    assertEquals("event_talent", f.subjectType());
    assertTrue(f.evidence().contains("a likeness operation, and its assets name no performer"), f.evidence());
    assertEquals(
        List.of(),
        production(asset("A-1"), event("E-1").tool("faceswap-onprem").op(FACE_SWAP).inputs("A-1"), APPROVED).findings(RULE));
  }

  @Test
  void ordinaryGenerationWithoutPerformersIsNotALikenessMatter() {
    assertEquals(List.of(), production(asset("A-1"), event("E-1").tool("firefly-ent").op(GENERATE).inputs("A-1")).findings(RULE));
  }

  @Test
  void nonGenAiToolOnMaterialCarryingAPerformerIsNotReported() {
    assertEquals(List.of(), production(asset("A-1").talent("T-1"), event("E-1").tool("grade-pro").inputs("A-1")).findings(RULE));
  }
}
