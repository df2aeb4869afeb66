package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Approval.THIRD_PARTY_IP;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

class ThirdPartyIpRuleTest {

  private static final String RULE = "THIRD_PARTY_IP";

  @Test
  void assetCarryingThirdPartyIpGivenToAGenAiToolIsReported() {
    Finding f =
        production(
                asset("A-1").ip("brand:acme", "artwork:sunflowers"),
                asset("A-2"),
                event("E-1").tool("firefly-ent").inputs("A-1").outputs("A-2"),
                disclosure("D-1").tools("firefly-ent"))
            .only(RULE);

    assertEquals(Severity.HIGH, f.severity());
    assertEquals("1", f.principle());
    assertEquals("likeness-ip-risks.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1", "A-2"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of("D-1"), f.disclosureIds());
    assertTrue(f.evidence().contains("its assets A-1 carry artwork:sunflowers, brand:acme"), f.evidence());
  }

  @Test
  void approvalForThirdPartyIpWithARefClearsIt() {
    AuditFixture p =
        production(
            asset("A-1").ip("brand:acme"),
            event("E-1").tool("firefly-ent").inputs("A-1").prompt("a Marvel hero"),
            disclosure("D-1").tools("firefly-ent").approvals(THIRD_PARTY_IP).ref("L-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void approvalWithoutRefDoesNotCount() {
    AuditFixture p =
        production(
            asset("A-1").ip("brand:acme"),
            event("E-1").tool("firefly-ent").inputs("A-1"),
            disclosure("D-1").tools("firefly-ent").approvals(THIRD_PARTY_IP));

    assertEquals(1, p.findings(RULE).size());
  }

  @Test
  void promptNamingAWatchlistTermIsReported() {
    Finding f = production(event("E-1").tool("firefly-ent").prompt("a Marvel hero on a rooftop")).only(RULE);

    assertEquals(List.of("Marvel"), f.watchlistHits());
    assertTrue(f.evidence().contains("its prompt names watchlist term \"Marvel\""), f.evidence());
  }

  @Test
  void watchlistMatchesWholeWordsInAnyCase() {
    assertEquals(1, production(event("E-1").tool("firefly-ent").prompt("MARVEL poster")).findings(RULE).size());
    assertEquals(1, production(event("E-1").tool("firefly-ent").prompt("(marvel)")).findings(RULE).size());
    assertEquals(List.of(), production(event("E-1").tool("firefly-ent").prompt("a marvellous sunset")).findings(RULE));
    assertEquals(List.of(), production(event("E-1").tool("firefly-ent").prompt("Marvel2049 logo")).findings(RULE));
  }

  @Test
  void multiWordTermMatchesAcrossExtraSpacesAndLineBreaks() {
    Finding f = production(event("E-1").tool("firefly-ent").prompt("a city  IN the\nstyle   of Studio\tGhibli")).only(RULE);

    assertEquals(List.of("in the style of", "Studio Ghibli"), f.watchlistHits());
  }

  @Test
  void multiWordTermDoesNotMatchInsideOtherWords() {
    assertEquals(List.of(), new IpWatchlist(List.of("in the style of")).hits("within the style offset"));
  }

  @Test
  void ipRefsOnAnAssetTheEventDoesNotNameAreNotItsConcern() {
    AuditFixture p = production(asset("A-1").ip("brand:acme"), asset("A-2"), event("E-1").tool("firefly-ent").inputs("A-2"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void nonGenAiToolIsNotReported() {
    AuditFixture p = production(asset("A-1").ip("brand:acme"), event("E-1").tool("grade-pro").inputs("A-1").prompt("Marvel"));

    assertEquals(List.of(), p.findings(RULE));
  }
}
