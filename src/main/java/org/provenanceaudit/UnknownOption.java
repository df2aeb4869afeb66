package org.provenanceaudit;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The message for an option a command does not know, naming the nearest one it does (by
 * Levenshtein edit distance), so a typo reads as a typo and not as a missing file or an interface
 * name. Shared by the audit, scan and generate commands.
 */
public final class UnknownOption {

  private UnknownOption() {}

  /**
   * @param given the option as written, with its leading {@code --} and without {@code =value}
   * @param known the command's option names, without {@code --}; not empty
   * @return e.g. {@code unknown option --ouput (the nearest known option is --output)}
   */
  public static String message(String given, Collection<String> known) {
    String name = given.startsWith("--") ? given.substring(2) : given;
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String nearest = known.stream()
        .min(Comparator.<String>comparingInt(k -> distance.apply(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))).thenComparing(Comparator.naturalOrder()))
        .orElseThrow();
    return "unknown option " + given + " (the nearest known option is --" + nearest + ")";
  }
}
