package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.ContentRole.ARCHIVAL;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class SyntheticArchivalRuleTest {

  private static final String RULE = "SYNTHETIC_ARCHIVAL";

  @Test
  void unlabelledGeneratedArchivalPhotoInANonfictionProductionIsReported() {
    Finding f =
        production(asset("A-1").role(ARCHIVAL).fin(), event("E-1").tool("imagegen-free").outputs("A-1"))
            .nonfiction()
            .only(RULE);

    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals("ethics and representation", f.principle());
    assertEquals("retained-generated-material.csv", f.report());
    assertEquals("asset", f.subjectType());
    assertEquals("A-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of(), f.disclosureIds());
    assertTrue(f.evidence().contains("Archival asset A-1 in nonfiction production P-1 is generated (output of GenAI event E-1)"), f.evidence());
  }

  @Test
  void aiLabelledArchivalAssetIsNotReported() {
    AuditFixture p =
        production(asset("A-1").role(ARCHIVAL).aiLabeled(), event("E-1").tool("imagegen-free").outputs("A-1")).nonfiction();

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void fictionProductionIsNotReported() {
    AuditFixture p = production(asset("A-1").role(ARCHIVAL), event("E-1").tool("imagegen-free").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void archivalDerivedFromGeneratedIsReported() {
    Finding f =
        production(asset("A-1"), asset("A-2").from("A-1").role(ARCHIVAL), event("E-1").tool("imagegen-free").outputs("A-1"))
            .nonfiction()
            .only(RULE);

    assertEquals("A-2", f.subjectId());
    assertTrue(f.evidence().contains("(A-2 ← A-1;"), f.evidence());
  }

  @Test
  void noApprovalClearsIt() {
    AuditFixture p =
        production(
                asset("A-1").role(ARCHIVAL),
                event("E-1").tool("imagegen-free").outputs("A-1"),
                disclosure("D-1").approvals(Approval.values()).ref("L-1"))
            .nonfiction();

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void generatedAssetInAnotherRoleIsNotReported() {
    AuditFixture p =
        production(asset("A-1").role(ContentRole.BACKGROUND), event("E-1").tool("imagegen-free").outputs("A-1")).nonfiction();

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void realArchivalRecordIsNotReported() {
    AuditFixture p = production(asset("A-1").role(ARCHIVAL), event("E-1").tool("grade-pro").outputs("A-1")).nonfiction();

    assertEquals(List.of(), p.findings(RULE));
  }
}
