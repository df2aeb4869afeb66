package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Approval.KEY_CREATIVE;
import static org.provenanceaudit.model.ContentRole.BACKGROUND;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class KeyCreativeGeneratedRuleTest {

  private static final String RULE = "KEY_CREATIVE_GENERATED";

  @Test
  void keyCreativeAssetDerivedFromGeneratedIsReported() {
    Finding f =
        production(
                asset("A-1"),
                asset("A-2").from("A-1").role(ContentRole.KEY_CREATIVE),
                event("E-1").tool("imagegen-free").outputs("A-1"),
                disclosure("D-1").tools("imagegen-free"))
            .only(RULE);

    assertEquals(Severity.HIGH, f.severity());
    assertEquals("creative output", f.principle());
    assertEquals("likeness-ip-risks.csv", f.report());
    assertEquals("asset", f.subjectType());
    assertEquals("A-2", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1", "A-2"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("Key creative asset A-2 derives from generated asset A-1 (A-2 ← A-1; A-1 is output of GenAI event E-1)"), f.evidence());
  }

  @Test
  void approvalForKeyCreativeWithARefClearsIt() {
    AuditFixture p =
        production(
            asset("A-1").role(ContentRole.KEY_CREATIVE),
            event("E-1").tool("imagegen-free").outputs("A-1"),
            disclosure("D-1").tools("imagegen-free").approvals(KEY_CREATIVE).ref("L-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void approvalWithoutRefDoesNotCount() {
    AuditFixture p =
        production(
            asset("A-1").role(ContentRole.KEY_CREATIVE),
            event("E-1").tool("imagegen-free").outputs("A-1"),
            disclosure("D-1").tools("imagegen-free").approvals(KEY_CREATIVE));

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void generatedBackgroundIsNotKeyCreative() {
    AuditFixture p = production(asset("A-1").role(BACKGROUND), event("E-1").tool("imagegen-free").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void keyCreativeAssetWithNoGeneratedAncestorIsNotReported() {
    AuditFixture p =
        production(asset("A-1"), asset("A-2").from("A-1").role(ContentRole.KEY_CREATIVE), event("E-1").tool("grade-pro").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }
}
