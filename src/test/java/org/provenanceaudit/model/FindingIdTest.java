package org.provenanceaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A finding keeps its id from one weekly run to the next, and two findings never share one. */
class FindingIdTest {

  private static final String ID = Finding.idFor("GENERATED_IN_FINAL", "P-1", "asset", "A-1", null);

  @Test
  void sameRuleProductionSubjectAndTalentGiveTheSameId() {
    assertEquals(ID, Finding.idFor("GENERATED_IN_FINAL", "P-1", "asset", "A-1", null));
    assertEquals(
        Finding.idFor("LIKENESS_WITHOUT_CONSENT", "P-1", "event_talent", "E-1", "T-1"),
        Finding.idFor("LIKENESS_WITHOUT_CONSENT", "P-1", "event_talent", "E-1", "T-1"));
  }

  @Test
  void idIsFAndTwentyHexDigits() {
    assertTrue(ID.matches("F-[0-9a-f]{20}"), ID);
  }

  @Test
  void anyDifferentPartGivesADifferentId() {
    List<String> ids =
        List.of(
            ID,
            Finding.idFor("KEY_CREATIVE_GENERATED", "P-1", "asset", "A-1", null),
            Finding.idFor("GENERATED_IN_FINAL", "P-2", "asset", "A-1", null),
            Finding.idFor("GENERATED_IN_FINAL", "P-1", "event", "A-1", null),
            Finding.idFor("GENERATED_IN_FINAL", "P-1", "asset", "A-2", null),
            Finding.idFor("GENERATED_IN_FINAL", "P-1", "asset", "A-1", "T-1"),
            Finding.idFor("GENERATED_IN_FINAL", "P-1", "asset", "A-1", "T-2"));

    Set<String> distinct = new HashSet<>(ids);
    assertEquals(ids.size(), distinct.size(), ids::toString);
  }

  @Test
  void partsCannotRunIntoEachOther() {
    assertNotEquals(
        Finding.idFor("R", "P-1", "asset", "A-1", null),
        Finding.idFor("R", "P-1as", "set", "A-1", null),
        "production P-1 subject type asset is not production P-1as subject type set");
  }
}
