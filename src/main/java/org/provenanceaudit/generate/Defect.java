package org.provenanceaudit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of unreadable row the generator plants, one defect per row, each of which the
 * contract says a reader must reject (and never drop silently).
 */
enum Defect {
  BAD_ENUM, BAD_TIMESTAMP, BAD_BOOLEAN, MISSING_REQUIRED, WRONG_CELL_COUNT, BROKEN_JSON, DUPLICATE_ID;

  /** The name used in expected.json. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The defects a row of {@code table} can carry when written as CSV or as JSON Lines. */
  static List<Defect> applicable(InputTable table, boolean jsonLines) {
    List<Defect> defects = new ArrayList<>();
    if (has(table, InputTable.Kind.ENUM) || has(table, InputTable.Kind.MULTI_ENUM)) {
      defects.add(BAD_ENUM);
    }
    if (has(table, InputTable.Kind.TIMESTAMP)) {
      defects.add(BAD_TIMESTAMP);
    }
    if (has(table, InputTable.Kind.BOOL)) {
      defects.add(BAD_BOOLEAN);
    }
    defects.add(MISSING_REQUIRED);
    defects.add(jsonLines ? BROKEN_JSON : WRONG_CELL_COUNT);
    defects.add(DUPLICATE_ID);
    return defects;
  }

  /**
   * The defects a tool event written as an OpenTelemetry span can carry: a time that is no time
   * (the request line does not parse), a required attribute left out, a cut line, a repeated span
   * id. A bad operation cannot be planted: the reader maps an unknown {@code gen_ai.operation.name}
   * to {@code other}, as the contract says.
   */
  static List<Defect> applicableToSpans() {
    return List.of(BAD_TIMESTAMP, MISSING_REQUIRED, BROKEN_JSON, DUPLICATE_ID);
  }

  private static boolean has(InputTable table, InputTable.Kind kind) {
    return table.fields().stream().anyMatch(field -> field.kind() == kind);
  }
}
