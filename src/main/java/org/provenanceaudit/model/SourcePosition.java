package org.provenanceaudit.model;

import java.util.Comparator;

/**
 * Where a row came from: the input file as the user named it and the line its record starts on.
 * Orders rows by (file, line), which decides which duplicate is "first" on every runner.
 */
public record SourcePosition(String file, long line) implements Comparable<SourcePosition> {

  private static final Comparator<SourcePosition> ORDER =
      Comparator.comparing(SourcePosition::file).thenComparingLong(SourcePosition::line);

  @Override
  public int compareTo(SourcePosition other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
