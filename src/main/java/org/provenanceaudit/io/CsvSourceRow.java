package org.provenanceaudit.io;

import java.util.List;
import java.util.Map;
import org.provenanceaudit.model.SourcePosition;

/** A CSV record seen through its file's header; multi-valued cells hold values separated by {@code ;}. */
final class CsvSourceRow extends PositionedRow {

  private final Map<String, Integer> columns;
  private final List<String> cells;

  CsvSourceRow(Map<String, Integer> columns, List<String> cells, SourcePosition position, String rawText) {
    super(position, rawText);
    this.columns = columns;
    this.cells = cells;
  }

  @Override
  public String text(String field) {
    Integer index = columns.get(field);
    if (index == null) {
      return null;
    }
    String value = cells.get(index).trim();
    return value.isEmpty() ? null : value;
  }

  @Override
  public List<String> list(String field) {
    return MultiValues.split(text(field));
  }
}
