package org.provenanceaudit.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.model.Operation.GENERATE;
import static org.provenanceaudit.model.Operation.INPAINT;
import static org.provenanceaudit.rules.AuditFixture.disclosure;
import static org.provenanceaudit.rules.AuditFixture.event;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.rules.AuditFixture.DisclosureRow;
import org.provenanceaudit.rules.AuditFixture.EventRow;

/** Each condition of "covering disclosure" in RULES.md, one at a time, with the reason a user reads. */
class CoveringDisclosuresTest {

  /** An imagegen-free generate run by V-1 on P-1 at 2026-03-02T10:00:00Z, from A-1 into A-2. */
  private static EventRow run() {
    return event("E-1").tool("imagegen-free").op(GENERATE).inputs("A-1").outputs("A-2");
  }

  /** A disclosure that covers {@link #run()} on every count. */
  private static DisclosureRow covering() {
    return disclosure("D-1").tools("imagegen-free").ops(GENERATE).window("2026-01-01", "2026-06-30").scope("A-1", "A-2");
  }

  private static void assertCovers(DisclosureRow d, EventRow e) {
    assertTrue(CoveringDisclosures.covers(d.build(), e.build()), () -> CoveringDisclosures.whyNotCovered(d.build(), e.build()));
    assertNull(CoveringDisclosures.whyNotCovered(d.build(), e.build()));
  }

  private static void assertNotCovered(DisclosureRow d, EventRow e, String reason) {
    assertFalse(CoveringDisclosures.covers(d.build(), e.build()));
    assertEquals(reason, CoveringDisclosures.whyNotCovered(d.build(), e.build()));
  }

  @Test
  void disclosureMatchingOnEveryCountCovers() {
    assertCovers(covering(), run());
  }

  @Test
  void otherProduction() {
    assertNotCovered(covering().production("P-2"), run(), "is for production P-2");
  }

  @Test
  void otherVendor() {
    assertNotCovered(covering().vendor("V-2"), run(), "is for vendor V-2");
  }

  @Test
  void wildcardVendorCoversAnyVendorOfTheProduction() {
    assertCovers(covering().vendor("*"), run().vendor("V-9"));
  }

  @Test
  void toolNotListed() {
    assertNotCovered(covering().tools("firefly-ent", "videogen-ent"), run(), "does not name tool imagegen-free");
  }

  @Test
  void wildcardToolCoversAnyTool() {
    assertCovers(covering().tools("firefly-ent", "*"), run().tool("mystery-gen"));
  }

  @Test
  void operationNotListed() {
    assertNotCovered(covering().ops(INPAINT), run(), "does not list operation generate");
  }

  @Test
  void noOperationsListedMeansAny() {
    assertCovers(disclosure("D-1").tools("imagegen-free"), run().op(INPAINT));
  }

  @Test
  void windowIsInclusiveAndAPlainDateValidToCoversItsWholeDay() {
    assertCovers(covering(), run().at("2026-01-01T00:00:00Z"));
    assertCovers(covering(), run().at("2026-06-30T23:59:59Z"));
    assertCovers(covering(), run().at("2026-06-30T23:59:59.999Z"));
    assertNotCovered(
        covering(), run().at("2026-07-01T00:00:00Z"),
        "is valid 2026-01-01T00:00:00Z to 2026-06-30T23:59:59.999999999Z, not at 2026-07-01T00:00:00Z");
    assertNotCovered(
        covering(), run().at("2025-12-31T23:59:59Z"),
        "is valid 2026-01-01T00:00:00Z to 2026-06-30T23:59:59.999999999Z, not at 2025-12-31T23:59:59Z");
  }

  @Test
  void validToWithATimeEndsAtThatInstant() {
    DisclosureRow d = covering().window("2026-01-01", "2026-03-02T10:00:00Z");

    assertCovers(d, run().at("2026-03-02T10:00:00Z"));
    assertNotCovered(d, run().at("2026-03-02T10:00:01Z"), "is valid 2026-01-01T00:00:00Z to 2026-03-02T10:00:00Z, not at 2026-03-02T10:00:01Z");
  }

  @Test
  void openWindowEnds() {
    assertCovers(covering().window(null, null), run().at("1999-01-01T00:00:00Z"));
    assertNotCovered(covering().window(null, "2026-03-01"), run(), "is valid (open) to 2026-03-01T23:59:59.999999999Z, not at 2026-03-02T10:00:00Z");
    assertNotCovered(covering().window("2026-03-03", null), run(), "is valid 2026-03-03T00:00:00Z to (open), not at 2026-03-02T10:00:00Z");
  }

  @Test
  void inputOutsideTheScope() {
    assertNotCovered(covering().scope("A-2"), run(), "has an asset scope that does not hold every asset of the event");
  }

  @Test
  void outputOutsideTheScope() {
    assertNotCovered(covering().scope("A-1", "A-3"), run(), "has an asset scope that does not hold every asset of the event");
  }

  @Test
  void eventNamingNoAssetIsInsideOnlyAnUnscopedDisclosure() {
    EventRow noAssets = event("E-1").tool("imagegen-free");

    assertNotCovered(covering(), noAssets, "has an asset scope and the event names no asset");
    assertCovers(disclosure("D-1").tools("imagegen-free"), noAssets);
  }

  @Test
  void coveringListsEveryCoveringDisclosureAndNoOther() {
    ToolEvent e = run().build();
    CoveringDisclosures all =
        new CoveringDisclosures(
            List.of(covering().build(), disclosure("D-2").tools("*").build(), disclosure("D-3").tools("firefly-ent").build()));

    assertEquals(List.of("D-1", "D-2"), all.covering(e).stream().map(Disclosure::disclosureId).toList());
  }

  @Test
  void lateOnlyWhenEveryCoveringDisclosureWasSubmittedAfterTheEvent() {
    ToolEvent e = run().build();
    Disclosure late = covering().submitted("2026-03-05").build();
    Disclosure onTime = disclosure("D-2").submitted("2026-03-01").build();
    Disclosure undated = disclosure("D-3").build();
    Disclosure sameInstant = disclosure("D-4").submitted("2026-03-02T10:00:00Z").build();

    assertTrue(CoveringDisclosures.isLate(e, List.of(late)));
    assertFalse(CoveringDisclosures.isLate(e, List.of(late, onTime)));
    assertFalse(CoveringDisclosures.isLate(e, List.of(late, undated)));
    assertFalse(CoveringDisclosures.isLate(e, List.of(sameInstant)));
    assertFalse(CoveringDisclosures.isLate(e, List.of()), "an uncovered event is undisclosed, not late");
  }

  @Test
  void approvalCountsOnlyWithAnApprovalRef() {
    Disclosure withRef = covering().approvals(Approval.FINAL_DELIVERABLE).ref("L-1").build();
    Disclosure withoutRef = covering().approvals(Approval.FINAL_DELIVERABLE).build();
    Disclosure otherApproval = covering().approvals(Approval.KEY_CREATIVE).ref("L-1").build();

    assertTrue(CoveringDisclosures.anyGrants(List.of(withoutRef, withRef), Approval.FINAL_DELIVERABLE));
    assertFalse(CoveringDisclosures.anyGrants(List.of(withoutRef), Approval.FINAL_DELIVERABLE));
    assertFalse(CoveringDisclosures.anyGrants(List.of(otherApproval), Approval.FINAL_DELIVERABLE));
  }
}
