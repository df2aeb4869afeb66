package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Operation.GENERATE;
import static org.provenanceaudit.model.Operation.INPAINT;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class GenAiUndisclosedRuleTest {

  private static final String RULE = "GENAI_UNDISCLOSED";

  @Test
  void genAiEventWithoutAnyDisclosureIsReported() {
    Finding f =
        production(asset("A-1"), event("E-1").tool("imagegen-free").op(GENERATE).inputs("A-1").outputs("A-2"))
            .only(RULE);

    assertEquals(RULE, f.rule());
    assertEquals("disclosure duty", f.principle());
    assertEquals(Severity.HIGH, f.severity());
    assertEquals("undisclosed-genai-usage.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals("V-1", f.vendorId());
    assertEquals(List.of("A-1", "A-2"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of(), f.disclosureIds());
    assertTrue(f.evidence().contains("Event E-1"), f.evidence());
    assertTrue(f.evidence().contains("imagegen-free"), f.evidence());
    assertTrue(f.evidence().contains("none names this tool for this vendor"), f.evidence());
    assertTrue(f.remediation().contains("File a disclosure for tool imagegen-free"), f.remediation());
  }

  @Test
  void coveredEventIsNotReported() {
    AuditFixture p =
        production(
            event("E-1").tool("imagegen-free").op(GENERATE),
            disclosure("D-1").tools("imagegen-free").window("2026-01-01", "2026-06-30"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void nonGenAiToolNeedsNoDisclosure() {
    assertEquals(List.of(), production(event("E-1").tool("grade-pro")).findings(RULE));
  }

  @Test
  void unregisteredToolCountsAsGenAi() {
    Finding f = production(event("E-1").tool("mystery-gen")).only(RULE);

    assertEquals("E-1", f.subjectId());
  }

  @Test
  void nearMissNamesTheDisclosureAndWhyItDoesNotCover() {
    Finding f =
        production(
                event("E-1").tool("imagegen-free").op(INPAINT),
                disclosure("D-1").tools("imagegen-free").ops(GENERATE),
                disclosure("D-2").tools("firefly-ent"))
            .only(RULE);

    assertEquals(List.of("D-1"), f.disclosureIds(), "only the disclosure naming this tool and vendor is a near miss");
    assertTrue(f.evidence().contains("D-1 does not list operation inpaint"), f.evidence());
  }

  @Test
  void disclosureOfAnotherVendorDoesNotCover() {
    Finding f =
        production(event("E-1").tool("imagegen-free"), disclosure("D-1").vendor("V-2").tools("imagegen-free"))
            .only(RULE);

    assertEquals(List.of(), f.disclosureIds());
  }

  @Test
  void wildcardVendorAndWildcardToolCover() {
    AuditFixture p =
        production(event("E-1").vendor("V-7").tool("imagegen-free"), disclosure("D-1").vendor("*").tools("*"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void scopedDisclosureDoesNotCoverAnAssetOutsideItsScope() {
    Finding f =
        production(
                asset("A-1"),
                asset("A-2"),
                event("E-1").tool("imagegen-free").inputs("A-1").outputs("A-2"),
                disclosure("D-1").tools("imagegen-free").scope("A-1"))
            .only(RULE);

    assertTrue(f.evidence().contains("D-1 has an asset scope that does not hold every asset of the event"), f.evidence());
  }

  @Test
  void eventNamingNoAssetIsCoveredOnlyByAnUnscopedDisclosure() {
    AuditFixture scoped = production(event("E-1").tool("imagegen-free"), disclosure("D-1").tools("imagegen-free").scope("A-1"));
    AuditFixture unscoped = production(event("E-1").tool("imagegen-free"), disclosure("D-1").tools("imagegen-free"));

    assertTrue(scoped.only(RULE).evidence().contains("D-1 has an asset scope and the event names no asset"));
    assertEquals(List.of(), unscoped.findings(RULE));
  }

  @Test
  void eventOneDayAfterAPlainDateValidToIsNotCovered() {
    AuditFixture lastSecond =
        production(
            event("E-1").tool("imagegen-free").at("2026-06-30T23:59:59Z"),
            disclosure("D-1").tools("imagegen-free").window("2026-01-01", "2026-06-30"));
    AuditFixture nextDay =
        production(
            event("E-1").tool("imagegen-free").at("2026-07-01T00:00:00Z"),
            disclosure("D-1").tools("imagegen-free").window("2026-01-01", "2026-06-30"));

    assertEquals(List.of(), lastSecond.findings(RULE));
    Finding f = nextDay.only(RULE);
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("not at 2026-07-01T00:00:00Z"), f.evidence());
  }

  @Test
  void policyCanRaiseTheSeverity() {
    Finding f =
        production(event("E-1").tool("imagegen-free"))
            .policy(AuditFixture.severityOverride(RULE, Severity.CRITICAL))
            .only(RULE);

    assertEquals(Severity.CRITICAL, f.severity());
  }
}
