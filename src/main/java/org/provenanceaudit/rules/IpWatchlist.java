package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The policy's third-party-IP terms, matched case-insensitively on word boundaries: "Marvel"
 * matches "a Marvel hero" but not "marvellous"; a multi-word term matches across any run of
 * white space.
 */
public final class IpWatchlist {

  private final List<String> terms;
  private final List<Pattern> patterns;
  /** All terms in one pattern: most prompts hit none, and one pass over them says so. */
  private final Pattern anyTerm;

  public IpWatchlist(List<String> terms) {
    this.terms = List.copyOf(terms);
    this.patterns = new ArrayList<>(terms.size());
    List<String> alternatives = new ArrayList<>();
    for (String term : terms) {
      StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_])");
      String[] words = term.trim().split("\\s+");
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
    if (text == null || text.isEmpty() || anyTerm == null || !anyTerm.matcher(text).find()) {
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
}
