package org.provenanceaudit.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * The policy's third-party-IP terms, matched case-insensitively on word boundaries: "Marvel"
 * matches "a Marvel hero" but not "marvellous"; a multi-word term matches across any run of
 * white space.
 *
 * <p>A policy may hold a hundred thousand terms, so the terms are not tried one by one: the prompt
 * and the terms are normalised alike (each code point folded as {@link #fold} says, each run of
 * white space made one space) and one Aho-Corasick automaton finds every term in one pass over the
 * prompt, whatever the number of terms. Each occurrence then has its word boundaries checked on the
 * original prompt. The result is the same as matching each term with the expression {@code
 * (?<![\p{L}\p{N}_])word1\s+word2...(?![\p{L}\p{N}_])} under {@link Pattern#CASE_INSENSITIVE} and
 * {@link Pattern#UNICODE_CASE}, where {@code \s} is Java's default {@code [ \t\n\x0B\f\r]}, with
 * one difference: a letter outside the Basic Multilingual Plane just before a term is a letter here,
 * where that look-behind, for a term without such characters, sees only the letter's low surrogate.
 */
public final class IpWatchlist {

  /** The last watchlist built: every production's audit asks for the same policy's watchlist. */
  private static IpWatchlist lastBuilt;
  /** A run of white space as {@link #isWhiteSpace} defines it, what a multi-word term matches across. */
  private static final Pattern WHITE_SPACE_RUN = Pattern.compile("\\s+");

  private final List<String> terms;
  /** For each distinct normalised term, the positions in {@link #terms} of the terms it stands for. */
  private final int[][] termsOfKey;
  /** Normalised terms, each with its position in {@link #termsOfKey} as payload. */
  private final PayloadTrie<Integer> automaton;

  /**
   * @param terms the watchlist in policy order; each holds something besides white space (the
   *     policy loader refuses other terms)
   * @throws IllegalArgumentException if a term is empty once white space and control characters
   *     are trimmed from its ends
   */
  public IpWatchlist(List<String> terms) {
    this.terms = List.copyOf(terms);
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    for (int i = 0; i < this.terms.size(); i++) {
      String term = this.terms.get(i).trim();
      if (term.isEmpty()) {
        throw new IllegalArgumentException("watchlist term " + (i + 1) + " is empty");
      }
      positions.computeIfAbsent(normalisedTerm(term), key -> new ArrayList<>()).add(i);
    }
    this.termsOfKey = new int[positions.size()][];
    PayloadTrie.PayloadTrieBuilder<Integer> builder = PayloadTrie.builder();
    int key = 0;
    for (Map.Entry<String, List<Integer>> entry : positions.entrySet()) {
      termsOfKey[key] = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
      builder.addKeyword(entry.getKey(), key);
      key++;
    }
    this.automaton = builder.build();
  }

  /**
   * The watchlist of {@code terms}, built once for as long as the same list is asked for: a
   * watchlist of a hundred thousand terms takes about a second of CPU to build, and every
   * production's audit asks for the policy's, several at once on several workers (they wait for one
   * build rather than each making its own).
   */
  public static synchronized IpWatchlist of(List<String> terms) {
    if (lastBuilt == null || !lastBuilt.terms.equals(terms)) {
      lastBuilt = new IpWatchlist(terms);
    }
    return lastBuilt;
  }

  /**
   * The terms the text contains, in watchlist order, each once however often it occurs (a term
   * listed twice, or in two spellings that differ only in case or spacing, is there as often as it
   * is listed); empty for a null or empty text.
   */
  public List<String> hits(String text) {
    if (text == null || text.isEmpty() || termsOfKey.length == 0) {
      return List.of();
    }
    Normalised prompt = Normalised.of(text);
    BitSet keysHit = new BitSet();
    automaton.parseText(
        prompt.text,
        (PayloadEmit<Integer> emit) -> {
          int key = emit.getPayload();
          if (!keysHit.get(key) && prompt.onWordBoundaries(emit.getStart(), emit.getEnd())) {
            keysHit.set(key);
          }
          return true;
        });
    if (keysHit.isEmpty()) {
      return List.of();
    }
    int[] positions = keysHit.stream().flatMap(key -> Arrays.stream(termsOfKey[key])).sorted().toArray();
    List<String> hits = new ArrayList<>(positions.length);
    for (int position : positions) {
      hits.add(terms.get(position));
    }
    return hits;
  }

  /** A trimmed term's words, each folded, joined by one space. */
  private static String normalisedTerm(String term) {
    return String.join(" ", WHITE_SPACE_RUN.split(fold(term)));
  }

  /** Java's {@code \s} without {@link Pattern#UNICODE_CHARACTER_CLASS}. */
  private static boolean isWhiteSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** {@code [\p{L}\p{N}_]}: a letter, a number of any kind, or the underscore. */
  private static boolean isWordCharacter(int codePoint) {
    if (codePoint == '_' || Character.isLetter(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /**
   * A prompt folded, with each run of white space made one space, and for each of its chars the
   * index of the char of the original it came from. Folding keeps every code point's length in
   * UTF-16 (checked for every code point by the test), so a folded char stands for one original
   * char, and a space for the first char of its run.
   */
  private static final class Normalised {
    private final String original;
    private final String text;
    private final int[] origin;

    private Normalised(String original, String text, int[] origin) {
      this.original = original;
      this.text = text;
      this.origin = origin;
    }

    static Normalised of(String original) {
      String folded = fold(original);
      StringBuilder text = new StringBuilder(folded.length());
      int[] origin = new int[folded.length()];
      int length = 0;
      for (int i = 0; i < folded.length(); i++) {
        char c = folded.charAt(i);
        if (isWhiteSpace(c)) {
          if (length > 0 && text.charAt(length - 1) == ' ') {
            continue;
          }
          c = ' ';
        }
        text.append(c);
        origin[length++] = i;
      }
      return new Normalised(original, text.toString(), origin);
    }

    /**
     * Whether the occurrence at chars {@code start} to {@code end} (inclusive) of the normalised
     * text has no letter, number or underscore just before or just after it in the original, each
     * read as a whole code point: a supplementary letter such as U+1D400 counts as a letter.
     */
    boolean onWordBoundaries(int start, int end) {
      int before = origin[start];
      int after = origin[end] + 1;
      return (before == 0 || !isWordCharacter(Character.codePointBefore(original, before)))
          && (after == original.length() || !isWordCharacter(Character.codePointAt(original, after)));
    }
  }

  /**
   * Case folding as {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares
   * characters: two characters match when {@code toLowerCase(toUpperCase(c))} of each, per code
   * point, is the same ("ſtar" matches "Star"; {@link String#toLowerCase} would miss it). The
   * result has the length of the input, char for char.
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
