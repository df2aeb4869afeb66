package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Approval.UNION_WORK;
import static org.provenanceaudit.model.Operation.VOICE_SYNTHESIS;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class UnionWorkReplacedRuleTest {

  private static final String RULE = "UNION_WORK_REPLACED";

  @Test
  void generatedUnionCoveredAssetIsReported() {
    Finding f =
        production(
                asset("A-1").union(),
                event("E-1").tool("voicegen-pro").op(VOICE_SYNTHESIS).outputs("A-1"),
                disclosure("D-1").tools("voicegen-pro"))
            .only(RULE);

    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("5", f.principle());
    assertEquals("likeness-ip-risks.csv", f.report());
    assertEquals("asset", f.subjectType());
    assertEquals("A-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("Union-covered asset A-1 is generated (output of GenAI event E-1)"), f.evidence());
  }

  @Test
  void approvalForUnionWorkWithARefClearsIt() {
    AuditFixture p =
        production(
            asset("A-1").union(),
            event("E-1").tool("voicegen-pro").op(VOICE_SYNTHESIS).outputs("A-1"),
            disclosure("D-1").tools("voicegen-pro").approvals(UNION_WORK).ref("L-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void approvalWithoutRefDoesNotCount() {
    AuditFixture p =
        production(
            asset("A-1").union(),
            event("E-1").tool("voicegen-pro").op(VOICE_SYNTHESIS).outputs("A-1"),
            disclosure("D-1").tools("voicegen-pro").approvals(UNION_WORK));

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void unionCoveredAssetThatIsNotGeneratedIsNotReported() {
    AuditFixture p = production(asset("A-1").union(), event("E-1").tool("edit-suite").op(VOICE_SYNTHESIS).outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void generatedAssetThatIsNotUnionCoveredIsNotReported() {
    AuditFixture p = production(asset("A-1"), event("E-1").tool("voicegen-pro").op(VOICE_SYNTHESIS).outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void assetGeneratedByItsBytesIsApprovedByAScopedDisclosureOfItsVendor() {
    AuditFixture unapproved = production(asset("A-1").union()).bytesSayGenerated("A-1", "an IPTC trainedAlgorithmicMedia");
    AuditFixture approved =
        production(asset("A-1").union(), disclosure("D-1").scope("A-1").approvals(UNION_WORK).ref("L-1"))
            .bytesSayGenerated("A-1", "an IPTC trainedAlgorithmicMedia");
    AuditFixture otherVendor =
        production(asset("A-1").union(), disclosure("D-1").vendor("V-2").approvals(UNION_WORK).ref("L-1"))
            .bytesSayGenerated("A-1", "an IPTC trainedAlgorithmicMedia");

    assertTrue(unapproved.only(RULE).evidence().contains("its bytes carry an IPTC trainedAlgorithmicMedia"));
    assertEquals(List.of(), approved.findings(RULE));
    assertEquals(1, otherVendor.findings(RULE).size());
  }
}
