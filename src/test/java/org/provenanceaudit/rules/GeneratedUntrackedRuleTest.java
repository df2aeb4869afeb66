package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class GeneratedUntrackedRuleTest {

  private static final String RULE = "GENERATED_UNTRACKED";

  @Test
  void oneFindingPerMissingOutputListingEveryEventThatNamesIt() {
    List<Finding> found =
        production(
                asset("A-1"),
                event("E-2").vendor("V-2").tool("imagegen-free").outputs("A-9"),
                event("E-1").tool("firefly-ent").outputs("A-9", "A-1"),
                event("E-3").tool("firefly-ent").outputs("A-8"),
                disclosure("D-1").tools("firefly-ent"))
            .findings(RULE);

    assertEquals(List.of("A-8", "A-9"), found.stream().map(Finding::subjectId).toList());
    Finding f = found.get(1);
    assertEquals(Severity.MEDIUM, f.severity());
    assertEquals("retained-generated-material.csv", f.report());
    assertEquals("asset", f.subjectType());
    assertNull(f.talentId());
    assertEquals("V-1", f.vendorId(), "the vendor of the first event by id");
    assertEquals(List.of("A-9"), f.assetIds());
    assertEquals(List.of("E-1", "E-2"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds(), "D-1 covers E-1; nothing covers E-2");
    assertTrue(f.evidence().contains("GenAI event E-1, E-2 lists output A-9"), f.evidence());
    assertTrue(f.evidence().contains("not in the asset inventory of production P-1"), f.evidence());
  }

  @Test
  void outputInTheInventoryIsTracked() {
    AuditFixture p = production(asset("A-1"), event("E-1").tool("imagegen-free").outputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void missingOutputOfANonGenAiToolIsNotGeneratedMaterial() {
    AuditFixture p = production(event("E-1").tool("grade-pro").outputs("A-9"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void missingInputIsNotReported() {
    AuditFixture p = production(event("E-1").tool("imagegen-free").inputs("A-9"));

    assertEquals(List.of(), p.findings(RULE));
  }
}
