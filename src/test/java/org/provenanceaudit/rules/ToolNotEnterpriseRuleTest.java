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
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.policy.ToolEntry;

class ToolNotEnterpriseRuleTest {

  private static final String RULE = "TOOL_NOT_ENTERPRISE";

  @Test
  void consumerToolGivenProductionAssetsIsHigh() {
    Finding f =
        production(asset("A-1"), asset("A-2"), event("E-1").tool("imagegen-free").inputs("A-1", "A-7").outputs("A-2"))
            .only(RULE);

    assertEquals(Severity.HIGH, f.severity());
    assertEquals("3", f.principle());
    assertEquals("data-handling-risks.csv", f.report());
    assertEquals("event", f.subjectType());
    assertEquals("E-1", f.subjectId());
    assertNull(f.talentId());
    assertEquals(List.of("A-1", "A-2", "A-7"), f.assetIds());
    assertEquals(List.of("E-1"), f.eventIds());
    assertEquals(List.of(), f.disclosureIds());
    assertTrue(f.evidence().contains("on a consumer deployment (as the tool registry records)"), f.evidence());
    assertTrue(f.evidence().contains("production assets A-1 were its inputs"), f.evidence());
  }

  @Test
  void consumerToolWithoutProductionInputsIsMedium() {
    Finding f = production(asset("A-2"), event("E-1").tool("imagegen-free").outputs("A-2")).only(RULE);

    assertEquals(Severity.MEDIUM, f.severity());
    assertTrue(f.evidence().contains("no production asset was among its inputs"), f.evidence());
  }

  @Test
  void inputsMissingFromTheInventoryAreNotProductionAssets() {
    assertEquals(Severity.MEDIUM, production(event("E-1").tool("imagegen-free").inputs("X-1")).only(RULE).severity());
  }

  @Test
  void enterpriseAndOnPremisesToolsAreNotReported() {
    AuditFixture p =
        production(asset("A-1"), event("E-1").tool("firefly-ent").inputs("A-1"), event("E-2").tool("faceswap-onprem").inputs("A-1"));

    assertEquals(List.of(), p.findings(RULE));
  }

  @Test
  void deploymentInTheEventLogBeatsTheRegistry() {
    Finding consumer = production(asset("A-1"), event("E-1").tool("firefly-ent").deployment(Deployment.CONSUMER).inputs("A-1")).only(RULE);
    AuditFixture enterprise = production(asset("A-1"), event("E-1").tool("imagegen-free").deployment(Deployment.ENTERPRISE).inputs("A-1"));

    assertEquals(Severity.HIGH, consumer.severity());
    assertTrue(consumer.evidence().contains("on a consumer deployment (as the event log records)"), consumer.evidence());
    assertEquals(List.of(), enterprise.findings(RULE));
  }

  @Test
  void loggedUnknownDeploymentIsReported() {
    Finding f = production(event("E-1").tool("firefly-ent").deployment(Deployment.UNKNOWN)).only(RULE);

    assertEquals(Severity.MEDIUM, f.severity());
    assertTrue(f.evidence().contains("unknown deployment (as the event log records)"), f.evidence());
  }

  @Test
  void unregisteredToolHasAnUnknownDeployment() {
    Finding f = production(asset("A-1"), event("E-1").tool("mystery-gen").inputs("A-1")).only(RULE);

    assertEquals(Severity.HIGH, f.severity());
    assertTrue(f.evidence().contains("unknown deployment (the tool is not registered)"), f.evidence());
  }

  @Test
  void nonGenAiConsumerToolIsNotReported() {
    AuditFixture p =
        production(asset("A-1"), event("E-1").tool("sketch-free").inputs("A-1"))
            .policy(AuditFixture.withTool("sketch-free", new ToolEntry("Sketch app", false, Deployment.CONSUMER, DataRetention.TRAINING)));

    assertEquals(List.of(), p.findings(RULE));
    assertEquals(List.of(), p.findings("TOOL_TRAINS_ON_DATA"));
  }

  @Test
  void policySeverityOverridesTheHighWithInputs() {
    Finding f =
        production(asset("A-1"), event("E-1").tool("imagegen-free").inputs("A-1"))
            .policy(AuditFixture.severityOverride(RULE, Severity.CRITICAL))
            .only(RULE);

    assertEquals(Severity.CRITICAL, f.severity());
  }
}
