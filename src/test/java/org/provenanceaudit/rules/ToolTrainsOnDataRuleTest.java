package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class ToolTrainsOnDataRuleTest {

  private static final String RULE = "TOOL_TRAINS_ON_DATA";

  @Test
  void toolThatTrainsOnInputsIsHigh() {
    Finding f = production(asset("A-1"), event("E-1").tool("imagegen-free").inputs("A-1")).only(RULE);

    assertEquals(Severity.HIGH, f.severity());
    assertEquals("2", f.principle());
    assertEquals("data-handling-risks.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of(), f.disclosureIds());
    assertTrue(f.evidence().contains("Event E-1"), f.evidence());
    assertTrue(f.evidence().contains("imagegen-free"), f.evidence());
    assertTrue(f.evidence().contains("data retention is training (as the tool registry records)"), f.evidence());
  }

  @Test
  void toolThatStoresInputsIsMedium() {
    Finding f = production(event("E-1").tool("voiceclone-web")).only(RULE);

    assertEquals(Severity.MEDIUM, f.severity());
    assertTrue(f.evidence().contains("data retention is stored"), f.evidence());
  }

  @Test
  void toolWithoutRetentionIsNotReported() {
    AuditFixture p =
        production(event("E-1").tool("firefly-ent"), event("E-2").tool("videogen-ent"), event("E-3").tool("mystery-gen"));

    assertEquals(List.of(), p.findings(RULE), "none, transient, and an unregistered tool's unknown retention");
  }

  @Test
  void retentionInTheEventLogBeatsTheRegistry() {
    Finding raised = production(event("E-1").tool("firefly-ent").retention(DataRetention.TRAINING)).only(RULE);
    AuditFixture lowered = production(event("E-1").tool("imagegen-free").retention(DataRetention.NONE));

    assertEquals(Severity.HIGH, raised.severity());
    assertTrue(raised.evidence().contains("training (as the event log records)"), raised.evidence());
    assertEquals(List.of(), lowered.findings(RULE));
  }

  @Test
  void nonGenAiToolIsNotReportedEvenIfLoggedAsTraining() {
    assertEquals(List.of(), production(event("E-1").tool("grade-pro").retention(DataRetention.TRAINING)).findings(RULE));
  }

  @Test
  void policySeverityOverridesBothLevels() {
    AuditFixture p =
        production(event("E-1").tool("imagegen-free"), event("E-2").tool("voiceclone-web"))
            .policy(AuditFixture.severityOverride(RULE, Severity.LOW));

    assertEquals(List.of(Severity.LOW, Severity.LOW), p.findings(RULE).stream().map(Finding::severity).toList());
  }
}
