package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Approval.FINAL_DELIVERABLE;
import static org.provenanceaudit.model.Approval.KEY_CREATIVE;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class GeneratedInFinalRuleTest {

  private static final String RULE = "GENERATED_IN_FINAL";

  @Test
  void generatedAssetInTheFinalDeliverablesIsReported() {
    Finding f =
        production(
                asset("A-1").fin().vendor("V-3"),
                event("E-1").tool("firefly-ent").outputs("A-1"),
                disclosure("D-1").tools("firefly-ent"))
            .only(RULE);

    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("4", f.principle());
    assertEquals("retained-generated-material.csv", f.report());
    assertEquals("asset", f.subjectType());
    assertEquals("A-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals("V-3", f.vendorId(), "the asset's vendor delivered it");
    assertEquals(List.of("A-1"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("Final asset A-1 is generated (output of GenAI event E-1)"), f.evidence());
    assertTrue(f.remediation().contains("Replace A-1"), f.remediation());
  }

  @Test
  void approvalForFinalDeliverableWithARefClearsIt() {
    AuditFixture p =
        production(
            asset("A-1").fin(),
            event("E-1").tool("firefly-ent").outputs("A-1"),
            disclosure("D-1").tools("firefly-ent").approvals(FINAL_DELIVERABLE).ref("L-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void approvalWithoutApprovalRefDoesNotCount() {
    Finding f =
        production(
                asset("A-1").fin(),
                event("E-1").tool("firefly-ent").outputs("A-1"),
                disclosure("D-1").tools("firefly-ent").approvals(FINAL_DELIVERABLE))
            .only(RULE);

    assertEquals(List.of("D-1"), f.disclosureIds());
  }

  @Test
  void approvalForAnotherPurposeDoesNotCount() {
    AuditFixture p =
        production(
            asset("A-1").fin(),
            event("E-1").tool("firefly-ent").outputs("A-1"),
            disclosure("D-1").tools("firefly-ent").approvals(KEY_CREATIVE).ref("L-1"));

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void approvalOnADisclosureThatDoesNotCoverTheEventDoesNotCount() {
    AuditFixture p =
        production(
            asset("A-1").fin(),
            event("E-1").tool("firefly-ent").outputs("A-1"),
            disclosure("D-1").tools("videogen-ent").approvals(FINAL_DELIVERABLE).ref("L-1"));

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void generatedAssetThatIsNotFinalIsNotReported() {
    AuditFixture p = production(asset("A-1"), event("E-1").tool("firefly-ent").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void finalAssetMadeByANonGenAiToolIsNotReported() {
    AuditFixture p = production(asset("A-1").fin(), event("E-1").tool("grade-pro").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void finalAssetThreeGenerationsFromAGeneratedOneIsReportedWithItsLineage() {
    Finding f =
        production(
                asset("A-1"),
                asset("A-2").from("A-1"),
                asset("A-3").from("A-2").fin(),
                event("E-1").tool("imagegen-free").outputs("A-1"),
                event("E-2").tool("grade-pro").inputs("A-2").outputs("A-3"))
            .only(RULE);

    assertEquals("A-3", f.subjectId());
    assertEquals(List.of("A-1", "A-2", "A-3"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds(), "the GenAI event that made the source, not the grading");
    assertTrue(
        f.evidence().contains("Final asset A-3 derives from generated asset A-1 (A-3 ← A-2 ← A-1; A-1 is output of GenAI event E-1)"),
        f.evidence());
  }

  @Test
  void lineageThroughACycleReachesTheGeneratedSourceOnce() {
    List<Finding> found =
        production(
                asset("A-1"),
                asset("A-2").from("A-1", "A-3"),
                asset("A-3").from("A-2"),
                asset("A-4").from("A-3").fin(),
                event("E-1").tool("imagegen-free").outputs("A-1"))
            .findings(RULE);

    assertEquals(1, found.size(), found::toString);
    Finding f = found.get(0);
    assertEquals("A-4", f.subjectId());
    assertEquals(List.of("A-1", "A-2", "A-3", "A-4"), f.assetIds());
    assertTrue(f.evidence().contains("A-4 ← A-3 ← A-2 ← A-1"), f.evidence());
  }

  @Test
  void finalAssetWithOneApprovedAndOneUnapprovedSourceIsReportedForTheUnapprovedOne() {
    Finding f =
        production(
                asset("A-1"),
                asset("A-2"),
                asset("A-3").from("A-1", "A-2").fin(),
                event("E-1").tool("firefly-ent").outputs("A-1"),
                event("E-2").tool("imagegen-free").outputs("A-2"),
                disclosure("D-1").tools("firefly-ent").approvals(FINAL_DELIVERABLE).ref("L-1"))
            .only(RULE);

    assertEquals(List.of("A-2", "A-3"), f.assetIds());
    assertEquals(List.of("E-2"), f.eventIds());
  }

  @Test
  void assetWhoseBytesCarryAGenAiSignalIsGenerated() {
    Finding f =
        production(asset("A-1").fin())
            .bytesSayGenerated("A-1", "a C2PA manifest with digitalSourceType trainedAlgorithmicMedia")
            .only(RULE);

    assertEquals(List.of(), f.eventIds());
    assertTrue(
        f.evidence().contains("A-1 is generated (its bytes carry a C2PA manifest with digitalSourceType trainedAlgorithmicMedia)"),
        f.evidence());
  }

  @Test
  void policyCanLowerTheSeverity() {
    Finding f =
        production(asset("A-1").fin(), event("E-1").tool("firefly-ent").outputs("A-1"))
            .policy(AuditFixture.severityOverride(RULE, Severity.HIGH))
            .only(RULE);

    assertEquals(Severity.HIGH, f.severity());
  }
}
