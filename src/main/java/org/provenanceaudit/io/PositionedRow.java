package org.provenanceaudit.io;

import org.provenanceaudit.model.SourcePosition;

/** What every {@link SourceRow} knows whatever its format: where it starts, and its raw text. */
abstract class PositionedRow implements SourceRow {

  private final SourcePosition position;
  private final String rawText;

  PositionedRow(SourcePosition position, String rawText) {
    this.position = position;
    this.rawText = rawText;
  }

  @Override
  public final SourcePosition position() {
    return position;
  }

  @Override
  public final String rawText() {
    return rawText;
  }
}
