package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The policy's third-party-IP terms, matched case-insensitively on word boundaries: "Marvel"
 * matches "a Marvel hero" but not "marvellous"; a multi-word term matches across any run of
 * white space.
 *
 * <p>Most prompts name no term, so each prompt is first folded the way the regular expressions
 * compare characters ({@code toLowerCase(toUpperCase(c))}, per code point) and searched for each
 * term's longest word; only a prompt holding one of those words runs the expressions.
 */
public final class IpWatchlist {

  private final List<String> terms;
  private final List<Pattern> patterns;
  /** All terms in one pattern: most prompts hit none, and one pass over them says so. */
  private final Pattern anyTerm;
  /** Each term's longest word, folded: a prompt without any of them names no term. */
  private final List<String> keyWords;

  public IpWatchlist(List<String> terms) {
    this.terms = List.copyOf(terms);
    this.patterns = new ArrayList<>(terms.size());
    List<String> alternatives = new ArrayList<>();
    this.keyWords = new ArrayList<>(terms.size());
    for (String term : terms) {
      StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_])");
      String[] words = term.trim().split("\\s+");
      String longest = "";
      for (String word : words) {
        longest = word.length() > longest.length() ? word : longest;
      }
      keyWords.add(fold(longest));
      for (int i = 0; i < words.length; i++) {
        if (i > 0) {
          regex.append("\\s+");
        }
        regex.append(Pattern.quote(words[i]));
      }
      regex.append("(?![\\p{L}\\p{N}_])");
      patterns.add(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      alternatives.add("(?:" + regex + ")");
    }
    this.anyTerm =
        alternatives.isEmpty() ? null : Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The terms the text contains, in watchlist order. */
  public List<String> hits(String text) {
    if (text == null || text.isEmpty() || anyTerm == null || !holdsAKeyWord(text) || !anyTerm.matcher(text).find()) {
      return List.of();
    }
    List<String> hits = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(text).find()) {
        hits.add(terms.get(i));
      }
    }
    return hits;
  }

  private boolean holdsAKeyWord(String text) {
    String folded = fold(text);
    for (String word : keyWords) {
      if (folded.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Case folding as {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares
   * characters, so that a text the expressions match always holds the folded key word ("ſtar"
   * matches "Star"; {@link String#toLowerCase} would miss it).
   */
  static String fold(String text) {
    StringBuilder folded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      char ascii = text.charAt(i);
      if (ascii < 0x80) {
        folded.append(ascii >= 'A' && ascii <= 'Z' ? (char) (ascii + ('a' - 'A')) : ascii);
        i++;
        continue;
      }
      int c = text.codePointAt(i);
      folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c)));
      i += Character.charCount(c);
    }
    return folded.toString();
  }
}
