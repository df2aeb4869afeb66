package org.provenanceaudit.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar chart laid out in whole pixels on the server, so the template only places
 * numbers and escaped labels into inline SVG: no script draws it, and it prints as it shows.
 * At most {@code maxBars} bars are drawn; the rest are summed in a note.
 */
record BarChart(String id, String title, int width, int height, List<Bar> bars, String note) {

  private static final int WIDTH = 560;
  private static final int LABEL_WIDTH = 220;
  private static final int COUNT_WIDTH = 70;
  private static final int ROW_HEIGHT = 22;
  private static final int BAR_HEIGHT = 14;
  private static final int LABEL_CHARACTERS = 30;

  /** One bar; {@code key} is the full value, {@code label} the one drawn, shortened if long. */
  record Bar(String key, String label, long count, String cssClass,
      int labelX, int textY, int barX, int barY, int barWidth, int barHeight, int countX) {}

  /** One value and its count, before layout. */
  record Entry(String key, long count, String cssClass) {}

  /** Whether there is anything to draw. */
  boolean hasBars() {
    return !bars.isEmpty();
  }

  /** Bars in the given order (for severities, whose order means something). */
  static BarChart inOrder(String id, String title, List<Entry> entries) {
    return layout(id, title, entries, null);
  }

  /** The largest counts first, ties by name; past {@code maxBars} the rest go into the note. */
  static BarChart largestFirst(String id, String title, Map<String, Long> counts, int maxBars,
      String what) {
    List<Entry> entries = new ArrayList<>();
    counts.forEach((key, count) -> entries.add(new Entry(key, count, "")));
    entries.sort(Comparator.comparingLong(Entry::count).reversed()
        .thenComparing(Entry::key));
    String note = null;
    if (entries.size() > maxBars) {
      List<Entry> rest = entries.subList(maxBars, entries.size());
      long restCount = rest.stream().mapToLong(Entry::count).sum();
      note = rest.size() + " more " + what + " with " + restCount
          + " findings in all are not drawn; the findings table filters by every one.";
      return layout(id, title, new ArrayList<>(entries.subList(0, maxBars)), note);
    }
    return layout(id, title, entries, note);
  }

  private static BarChart layout(String id, String title, List<Entry> entries, String note) {
    long max = entries.stream().mapToLong(Entry::count).max().orElse(0);
    int maxBar = WIDTH - LABEL_WIDTH - COUNT_WIDTH - 8;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      int top = i * ROW_HEIGHT + 4;
      int barWidth = entry.count() <= 0 || max <= 0
          ? 0 : (int) Math.max(1, Math.round((double) entry.count() * maxBar / max));
      bars.add(new Bar(entry.key(), shorten(entry.key()), entry.count(), entry.cssClass(),
          LABEL_WIDTH - 8, top + BAR_HEIGHT - 2, LABEL_WIDTH, top, barWidth, BAR_HEIGHT,
          LABEL_WIDTH + barWidth + 6));
    }
    int height = Math.max(1, entries.size()) * ROW_HEIGHT + 8;
    return new BarChart(id, title, WIDTH, height, bars, note);
  }

  private static String shorten(String label) {
    if (label.codePointCount(0, label.length()) <= LABEL_CHARACTERS) {
      return label;
    }
    return label.substring(0, label.offsetByCodePoints(0, LABEL_CHARACTERS - 1)) + "\u2026";
  }
}
