package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IpWatchlistTest {

  private static final List<String> TERMS = List.of("in the style of", "Mickey Mouse", "Studio Ghibli", "Star Wars", "Marvel");
  private final IpWatchlist watchlist = new IpWatchlist(TERMS);

  @Test
  void termsMatchOnWordBoundariesWhateverTheCase() {
    assertEquals(List.of("Marvel"), watchlist.hits("a MARVEL hero"));
    assertEquals(List.of(), watchlist.hits("a marvellous hero"));
    assertEquals(List.of("Studio Ghibli"), watchlist.hits("like studio\t ghibli films"));
    assertEquals(List.of("in the style of", "Star Wars"), watchlist.hits("in the style of star wars"));
    assertEquals(List.of(), watchlist.hits(""));
    assertEquals(List.of(), watchlist.hits(null));
  }

  @Test
  void lettersThatFoldToTheTermsLettersStillMatch() {
    // U+017F LATIN SMALL LETTER LONG S upper-cases to 'S'; String.toLowerCase leaves it alone.
    assertEquals(List.of("Star Wars"), watchlist.hits("a \u017Ftar wars poster"));
    // U+212A KELVIN SIGN lower-cases to 'k'.
    assertEquals(List.of("Mickey Mouse"), watchlist.hits("Mic\u212Aey Mouse"));
  }

  /** The quick pre-check must never hide a term the expressions match: compare with them alone. */
  @Test
  void thePreCheckNeverHidesATermTheExpressionsMatch() {
    String[] pieces = {
      " ", "\t", "in", "the", "style", "of", "mickey", "MOUSE", "Studio", "ghibli", "star", "WARS", "marvel",
      "\u017Ftar", "Mic\u212Aey", "\u0131n", "\u0130N", "x", "_", "é", "\u00B5", "ß"
    };
    List<Pattern> expressions = new ArrayList<>();
    for (String term : TERMS) {
      expressions.add(
          Pattern.compile(
              "(?<![\\p{L}\\p{N}_])" + String.join("\\s+", quoted(term)) + "(?![\\p{L}\\p{N}_])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    Random random = new Random(7);
    int withHits = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
      }
      List<String> expected = new ArrayList<>();
      for (int t = 0; t < TERMS.size(); t++) {
        if (expressions.get(t).matcher(text).find()) {
          expected.add(TERMS.get(t));
        }
      }
      withHits += expected.isEmpty() ? 0 : 1;
      assertEquals(expected, watchlist.hits(text.toString()), text.toString());
    }
    assertEquals(true, withHits > 500, "too few texts named a term to test anything: " + withHits);
  }

  private static String[] quoted(String term) {
    String[] words = term.split(" ");
    for (int i = 0; i < words.length; i++) {
      words[i] = Pattern.quote(words[i]);
    }
    return words;
  }
}
