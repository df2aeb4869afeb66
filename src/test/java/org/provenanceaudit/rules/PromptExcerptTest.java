package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;

/** Reports show a prompt only as its first 60 code points and "…", unless the user opts in. */
class PromptExcerptTest {

  private static final String RULE = "GENAI_UNDISCLOSED";

  private static Finding findingFor(String prompt, boolean includePrompts) {
    AuditFixture p = production(event("E-1").tool("imagegen-free").prompt(prompt));
    return (includePrompts ? p.includePrompts() : p).only(RULE);
  }

  @Test
  void longPromptIsCutToSixtyCodePointsAndAnEllipsis() {
    String prompt = "0123456789".repeat(6) + "SECRET plot twist";

    String excerpt = findingFor(prompt, false).promptExcerpt();

    assertEquals("0123456789".repeat(6) + "…", excerpt);
  }

  @Test
  void cutCountsCodePointsNotCharsAndNeverSplitsASurrogatePair() {
    String face = "\uD83D\uDE00";
    String prompt = face.repeat(61);

    String excerpt = findingFor(prompt, false).promptExcerpt();

    assertEquals(face.repeat(60) + "…", excerpt);
    assertEquals(61, excerpt.codePointCount(0, excerpt.length()));
  }

  @Test
  void promptOfExactlySixtyCodePointsIsShownWhole() {
    String prompt = "é".repeat(60);

    assertEquals(prompt, findingFor(prompt, false).promptExcerpt());
  }

  @Test
  void includePromptsShowsThePromptInFull() {
    String prompt = "0123456789".repeat(6) + "SECRET plot twist";

    assertEquals(prompt, findingFor(prompt, true).promptExcerpt());
  }

  @Test
  void watchlistIsMatchedOnTheWholePromptEvenWhenTheExcerptCutsIt() {
    String prompt = "x".repeat(70) + " a Marvel hero";

    Finding f = findingFor(prompt, false);

    assertTrue(f.promptExcerpt().endsWith("…"));
    assertEquals(List.of("Marvel"), f.watchlistHits());
  }

  @Test
  void eventWithoutPromptHasNoExcerpt() {
    assertNull(production(event("E-1").tool("imagegen-free")).only(RULE).promptExcerpt());
  }
}
