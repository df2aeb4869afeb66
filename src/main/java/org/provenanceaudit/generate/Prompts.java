package org.provenanceaudit.generate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Prompt texts for tool events. Every template is checked once against the policy's IP
 * watchlist (case-insensitive, on word boundaries, as the contract says), so the generator
 * knows which prompts are third-party-IP hits without matching four million prompts. Some
 * clean prompts are near misses ("marvellous", "Star-Wars-ish") and some carry commas,
 * quotes, newlines, HTML and spreadsheet formulas to test readers and report writers.
 */
final class Prompts {

  private Prompts() {}

  /** A prompt and whether it hits the watchlist. */
  record Prompt(String text, boolean watchlistHit) {}

  private static final String SHOT = "{shot}";

  private static final List<String> CLEAN = List.of(
      "Extend the plate 40 frames to the left, keep the film grain, shot {shot}",
      "Remove the boom mic from the top of frame in {shot}",
      "Concept: abandoned lighthouse at dusk, wide, 35mm, overcast",
      "Sky replacement, \"golden hour\", no lens flare\nKeep the actors untouched",
      "Translate the subtitle track to German; keep line breaks",
      "Summarise the call sheet for {shot}, list props, vehicles, locations",
      "Clean up the background crowd, shot {shot}, \"no new faces\"",
      "A marvellous sunset over the harbour, painterly",
      "Star-Wars-ish lighting is NOT wanted: natural daylight only, shot {shot}",
      "=cmd|' /C calc'!A0",
      "+SUM(A1:A9) storyboard captions for {shot}",
      "@mentions removed; transcript of interview tape {shot}",
      "<script>alert('x')</script> tagline ideas for the poster",
      "Übersetze die Untertitel ins Französische – Zeilenumbrüche behalten",
      "Generate 12 variations of the title card, serif, 'vintage' feel,\r\nno logos",
      "Transcribe the ADR session for {shot}, mark overlaps with [OVERLAP]",
      "Previs: car chase across the bridge, three cameras, {shot}",
      "-2 stops on the highlights, inpaint the rig removal, shot {shot}");

  private static final List<String> IP_HITS = List.of(
      "Poster in the style of Studio Ghibli, soft watercolour, shot {shot}",
      "Character turnaround with Mickey Mouse ears and red shorts",
      "Spaceship dogfight like Star Wars, trench run, shot {shot}",
      "MARVEL-style hero landing, low angle, {shot}",
      "Render the matte painting In The Style Of a famous living painter",
      "Title sequence, \"studio ghibli\" palette,\nhand-drawn clouds");

  private static final Pattern WATCHLIST = watchlistPattern();
  private static final boolean[] CLEAN_HITS = hits(CLEAN);
  private static final boolean[] IP_HIT_FLAGS = hits(IP_HITS);

  static Prompt clean(SplittableRandom random) {
    int i = random.nextInt(CLEAN.size());
    return new Prompt(fill(CLEAN.get(i), random), CLEAN_HITS[i]);
  }

  static Prompt watchlistHit(SplittableRandom random) {
    int i = random.nextInt(IP_HITS.size());
    return new Prompt(fill(IP_HITS.get(i), random), IP_HIT_FLAGS[i]);
  }

  private static String fill(String template, SplittableRandom random) {
    int at = template.indexOf(SHOT);
    if (at < 0) {
      return template;
    }
    String shot = "sc" + (100 + random.nextInt(900)) + "_sh0" + (10 + random.nextInt(90));
    return template.substring(0, at) + shot + template.substring(at + SHOT.length());
  }

  private static Pattern watchlistPattern() {
    StringBuilder alternatives = new StringBuilder();
    for (String term : ToolCatalog.IP_WATCHLIST) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(term));
    }
    return Pattern.compile("\\b(?:" + alternatives + ")\\b",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static boolean[] hits(List<String> templates) {
    boolean[] hits = new boolean[templates.size()];
    for (int i = 0; i < hits.length; i++) {
      hits[i] = WATCHLIST.matcher(templates.get(i).replace(SHOT, "sc100_sh010")).find();
    }
    return hits;
  }
}
