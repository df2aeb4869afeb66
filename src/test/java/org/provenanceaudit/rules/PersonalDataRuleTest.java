package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Approval.PERSONAL_DATA;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class PersonalDataRuleTest {

  private static final String RULE = "PERSONAL_DATA";

  @Test
  void personalDataGivenToAGenAiToolIsReported() {
    Finding f =
        production(
                asset("A-1").personalData(),
                asset("A-2"),
                event("E-1").tool("llm-chat-ent").inputs("A-1", "A-2"),
                disclosure("D-1").tools("llm-chat-ent"))
            .only(RULE);

    assertEquals(Severity.HIGH, f.severity());
    assertEquals("approval duty", f.principle());
    assertEquals("likeness-ip-risks.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1", "A-2"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("Event E-1"), f.evidence());
    assertTrue(f.evidence().contains("with input A-1 holding personal data"), f.evidence());
  }

  @Test
  void approvalForPersonalDataWithARefClearsIt() {
    AuditFixture p =
        production(
            asset("A-1").personalData(),
            event("E-1").tool("llm-chat-ent").inputs("A-1"),
            disclosure("D-1").tools("llm-chat-ent").approvals(PERSONAL_DATA).ref("L-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void approvalWithoutRefDoesNotCount() {
    AuditFixture p =
        production(
            asset("A-1").personalData(),
            event("E-1").tool("llm-chat-ent").inputs("A-1"),
            disclosure("D-1").tools("llm-chat-ent").approvals(PERSONAL_DATA));

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void personalDataOnlyInTheOutputIsNotReported() {
    AuditFixture p = production(asset("A-1").personalData(), event("E-1").tool("llm-chat-ent").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void nonGenAiToolIsNotReported() {
    AuditFixture p = production(asset("A-1").personalData(), event("E-1").tool("edit-suite").inputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }
}
