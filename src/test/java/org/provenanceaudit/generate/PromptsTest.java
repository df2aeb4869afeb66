package org.provenanceaudit.generate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator's idea of a watchlist hit agrees with a plain reading of the contract's. */
class PromptsTest {

  private static final List<String> WATCHLIST =
      List.of("in the style of", "mickey mouse", "studio ghibli", "star wars", "marvel");

  @Test
  void cleanPromptsMissTheWatchlistAndIpPromptsHitIt() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      Prompts.Prompt clean = Prompts.clean(random);
      assertFalse(clean.watchlistHit(), clean.text());
      assertFalse(hitsOnWordBoundaries(clean.text()), clean.text());
      Prompts.Prompt hit = Prompts.watchlistHit(random);
      assertTrue(hit.watchlistHit(), hit.text());
      assertTrue(hitsOnWordBoundaries(hit.text()), hit.text());
    }
  }

  @Test
  void cleanPromptsIncludeNearMissesOfTheWatchlist() {
    SplittableRandom random = new SplittableRandom(4);
    boolean marvellous = false;
    boolean starWarsHyphenated = false;
    for (int i = 0; i < 400; i++) {
      String text = Prompts.clean(random).text();
      marvellous |= text.contains("marvellous");
      starWarsHyphenated |= text.contains("Star-Wars");
    }
    assertTrue(marvellous && starWarsHyphenated, "decoys that a substring match would flag");
  }

  /** Case-insensitive, with no letter or digit right before or after the term. */
  private static boolean hitsOnWordBoundaries(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String term : WATCHLIST) {
      for (int at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
        int end = at + term.length();
        boolean before = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
        boolean after = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
        if (before && after) {
          return true;
        }
      }
    }
    return false;
  }
}
