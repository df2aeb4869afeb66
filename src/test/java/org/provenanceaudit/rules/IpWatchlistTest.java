package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter, though outside the Basic Multilingual Plane.
    assertEquals(List.of(), watchlist.hits("\uD835\uDC00Marvel"));
    assertEquals(List.of(), watchlist.hits("Marvel\uD835\uDC00"));
  }

  /** The automaton must find exactly what each term's expression finds, on the policy's own terms. */
  @Test
  void theAutomatonFindsWhatEachTermsExpressionFinds() {
    String[] pieces = {
      " ", "\t", "in", "the", "style", "of", "mickey", "MOUSE", "Studio", "ghibli", "star", "WARS", "marvel",
      "\u017Ftar", "Mic\u212Aey", "\u0131n", "\u0130N", "x", "_", "é", "\u00B5", "ß"
    };
    Random random = new Random(7);
    int withHits = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
      }
      List<String> expected = expressionHits(TERMS, text.toString());
      withHits += expected.isEmpty() ? 0 : 1;
      assertEquals(expected, watchlist.hits(text.toString()), text.toString());
    }
    assertTrue(withHits > 500, "too few texts named a term to test anything: " + withHits);
  }

  /**
   * Random watchlists against random prompts: Unicode letters that fold to others (long s, Kelvin
   * sign, dotted and dotless i, the combining ypogegrammeni, supplementary letters), white-space
   * runs of every kind Java's {@code \s} knows and two it does not, punctuation and numbers at the
   * boundaries, and terms that overlap, are prefixes of each other, or differ only in case or
   * white space.
   */
  @Test
  void theAutomatonFindsWhatEachTermsExpressionFindsForAnyWatchlist() {
    String[] letters = {
      "a", "b", "ab", "ba", "S", "s", "\u017F", "K", "k", "\u212A", "i", "I", "\u0130", "\u0131", "\u00DF", "ss",
      "\u00E9", "\u00C9", "\u00B5", "\u03BC", "\u0345", "\u03B9", "\u0399", "\uD835\uDC00", "\uD801\uDC00", "\uD801\uDC28",
      "1", "\u00B2", "\u2163", "\u2173", "_", "-", "'", "."
    };
    String[] gaps = {" ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", " \t ", "\u00A0", "\u2003", ",", "(", ")", "!", ""};
    Random random = new Random(11);
    int withHits = 0;
    int trials = 3_000;
    for (int trial = 0; trial < trials; trial++) {
      List<String> terms = new ArrayList<>();
      for (int t = 1 + random.nextInt(10); t > 0; t--) {
        terms.add(randomTerm(random, letters, terms));
      }
      IpWatchlist automaton = new IpWatchlist(terms);
      for (int p = 0; p < 10; p++) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(10); n >= 0; n--) {
          String piece = random.nextInt(3) == 0 ? terms.get(random.nextInt(terms.size())) : letters[random.nextInt(letters.length)];
          text.append(random.nextInt(4) == 0 ? piece.toUpperCase(Locale.ROOT) : piece).append(gaps[random.nextInt(gaps.length)]);
        }
        List<String> expected = expressionHits(terms, text.toString());
        withHits += expected.isEmpty() ? 0 : 1;
        assertEquals(expected, automaton.hits(text.toString()), () -> "terms " + terms + " in text [" + text + "]");
      }
    }
    assertTrue(withHits > trials, "too few texts named a term to test anything: " + withHits);
  }

  /** A term of one to four words; now and then a prefix of an earlier term, or one in other case or spacing. */
  private static String randomTerm(Random random, String[] letters, List<String> earlier) {
    if (!earlier.isEmpty() && random.nextInt(4) == 0) {
      String other = earlier.get(random.nextInt(earlier.size()));
      return switch (random.nextInt(3)) {
        case 0 -> other.toUpperCase(Locale.ROOT);
        case 1 -> other.replace(" ", " \t ");
        default -> other.substring(0, other.offsetByCodePoints(0, 1 + random.nextInt(other.codePointCount(0, other.length()))));
      };
    }
    StringBuilder term = new StringBuilder();
    for (int words = 1 + random.nextInt(4); words > 0; words--) {
      if (term.length() > 0) {
        term.append(random.nextBoolean() ? " " : "  ");
      }
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        term.append(letters[random.nextInt(letters.length)]);
      }
    }
    return term.toString();
  }

  @Test
  void aTermListedTwiceOrInOtherCaseIsReportedAsOftenAsItIsListed() {
    IpWatchlist twice = new IpWatchlist(List.of("Star Wars", "Marvel", "star  wars", "STAR WARS", "Star"));
    assertEquals(List.of("Star Wars", "star  wars", "STAR WARS", "Star"), twice.hits("a Star\nWars poster"));
    assertEquals(List.of("Star"), twice.hits("a Star-Wars poster"));
  }

  @Test
  void aHundredThousandTermsFindOnlyTheOnesThePromptNames() {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 75_000; i++) {
      String name = "Franchise " + Integer.toString(i, 36);
      terms.add(name);
      if (i % 3 == 0) {
        terms.add(name + " Returns");
      }
    }
    terms.add("Studio Ghibli");
    IpWatchlist large = new IpWatchlist(terms);
    assertEquals(100_001, terms.size());
    assertEquals(
        List.of("Franchise 2u", "Franchise 2u Returns", "Franchise zz", "Studio Ghibli"),
        large.hits("franchise 2u returns, in the style of Studio  Ghibli, or FRANCHISE ZZ; not franchise zz_x"));
    assertEquals(List.of(), large.hits("no franchise here"));
  }

  /**
   * The automaton reads folded prompts char for char against the originals: folding must keep each
   * code point's length, be the same when done twice, and neither make nor unmake white space.
   */
  @Test
  void foldingKeepsEveryCodePointsLengthAndWhiteSpace() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String one = new String(Character.toChars(c));
      String folded = IpWatchlist.fold(one);
      assertEquals(one.length(), folded.length(), () -> Integer.toHexString(one.codePointAt(0)));
      assertEquals(folded, IpWatchlist.fold(folded), () -> Integer.toHexString(one.codePointAt(0)));
      assertEquals(WHITE_SPACE.matcher(one).matches(), WHITE_SPACE.matcher(folded).matches());
    }
  }

  @Test
  void aTermThatIsOnlyWhiteSpaceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IpWatchlist(List.of("Marvel", " \t\u0001")));
  }

  private static final Pattern WHITE_SPACE = Pattern.compile("\\s");

  /**
   * What matching each term with its own regular expression finds, in watchlist order: the
   * reference. The look-ahead's class also names U+10000, a letter already, so the class means the
   * same; but an expression holding a supplementary character makes Java's look-behind read the
   * code point before the match whole, where otherwise it reads only the low half of a
   * supplementary letter and lets a term follow one.
   */
  private static List<String> expressionHits(List<String> terms, String text) {
    List<String> hits = new ArrayList<>();
    for (String term : terms) {
      Pattern expression =
          Pattern.compile(
              "(?<![\\p{L}\\p{N}_])" + String.join("\\s+", quoted(term)) + "(?![\\p{L}\\p{N}_\uD800\uDC00])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      if (expression.matcher(text).find()) {
        hits.add(term);
      }
    }
    return hits;
  }

  private static String[] quoted(String term) {
    String[] words = term.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      words[i] = Pattern.quote(words[i]);
    }
    return words;
  }
}
