package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class GenAiLateDisclosureRuleTest {

  private static final String RULE = "GENAI_LATE_DISCLOSURE";

  @Test
  void useBeforeTheOnlyCoveringDisclosureWasSubmittedIsLate() {
    Finding f =
        production(
                event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z").outputs("A-1"),
                disclosure("D-1").tools("imagegen-free").submitted("2026-03-05T09:00:00Z"))
            .only(RULE);

    assertEquals(Severity.MEDIUM, f.severity());
    assertEquals("undisclosed-genai-usage.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("Event E-1 (2026-03-02T10:00:00Z"), f.evidence());
    assertTrue(f.evidence().contains("D-1 submitted 2026-03-05T09:00:00Z"), f.evidence());
  }

  @Test
  void lateDisclosureIsNotAlsoUndisclosed() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
            disclosure("D-1").tools("imagegen-free").submitted("2026-03-05"));

    assertEquals(1, p.findings(RULE).size());
    assertEquals(List.of(), p.findings("GENAI_UNDISCLOSED"));
  }

  @Test
  void useAfterSubmissionIsOnTime() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
            disclosure("D-1").tools("imagegen-free").submitted("2026-03-01"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void useAtTheVeryInstantOfSubmissionIsOnTime() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
            disclosure("D-1").tools("imagegen-free").submitted("2026-03-02T10:00:00Z"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void notLateWhenAnotherCoveringDisclosureWasOnTime() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
            disclosure("D-1").tools("imagegen-free").submitted("2026-03-05"),
            disclosure("D-2").tools("*").submitted("2026-02-01"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void notLateWhenACoveringDisclosureHasNoSubmissionTime() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
            disclosure("D-1").tools("imagegen-free").submitted("2026-03-05"),
            disclosure("D-2").tools("imagegen-free"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void aLateDisclosureThatDoesNotCoverTheEventIsNotConsulted() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
            disclosure("D-1").tools("imagegen-free").submitted("2026-02-01"),
            disclosure("D-2").tools("firefly-ent").submitted("2026-03-05"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void everyLateCoveringDisclosureIsNamed() {
    Finding f =
        production(
                event("E-1").tool("imagegen-free").at("2026-03-02T10:00:00Z"),
                disclosure("D-2").tools("*").submitted("2026-03-04T00:00:00Z"),
                disclosure("D-1").tools("imagegen-free").submitted("2026-03-05T00:00:00Z"))
            .only(RULE);

    assertEquals(List.of("D-1", "D-2"), f.disclosureIds());
    assertTrue(f.evidence().contains("D-1 submitted 2026-03-05T00:00:00Z, D-2 submitted 2026-03-04T00:00:00Z"), f.evidence());
  }
}
