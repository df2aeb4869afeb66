package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class ToolUnregisteredRuleTest {

  private static final String RULE = "TOOL_UNREGISTERED";

  @Test
  void toolMissingFromTheRegistryIsReported() {
    Finding f = production(asset("A-1"), event("E-1").tool("mystery-gen").inputs("A-1")).only(RULE);

    assertEquals(Severity.MEDIUM, f.severity());
    assertEquals("disclosure duty", f.principle());
    assertEquals("undisclosed-genai-usage.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of(), f.disclosureIds());
    assertTrue(f.evidence().contains("Event E-1"), f.evidence());
    assertTrue(f.evidence().contains("tool mystery-gen is not in the tool registry of policy built-in default policy"), f.evidence());
  }

  @Test
  void registeredToolIsNotReportedEvenWhenItIsNotGenAi() {
    AuditFixture p = production(event("E-1").tool("grade-pro"), event("E-2").tool("firefly-ent"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void unregisteredToolIsTreatedAsGenAi() {
    AuditFixture p = production(asset("A-9").fin(), event("E-1").tool("mystery-gen").outputs("A-9"));

    assertEquals(List.of("E-1"), p.findings("GENAI_UNDISCLOSED").stream().map(Finding::subjectId).toList());
    assertEquals(List.of("A-9"), p.findings("GENERATED_IN_FINAL").stream().map(Finding::subjectId).toList(),
        "the output of an unvetted tool counts as generated");
  }
}
