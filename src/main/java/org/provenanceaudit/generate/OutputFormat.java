package org.provenanceaudit.generate;

import java.util.Locale;

/**
 * Which file format each input is written in. {@code mixed} is what exports usually look like:
 * spreadsheets for the small tables, gzipped JSON Lines for the large tool log.
 */
enum OutputFormat {
  MIXED, CSV, JSONL;

  static OutputFormat parse(String text) {
    for (OutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(text)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "' (use csv, jsonl or mixed)");
  }

  boolean jsonLines(InputTable table) {
    return this == JSONL || (this == MIXED && table == InputTable.TOOL_EVENTS);
  }

  /** Tool events are always gzipped: they are the big file. */
  String fileName(InputTable table) {
    String name = table.baseName() + (jsonLines(table) ? ".jsonl" : ".csv");
    return table == InputTable.TOOL_EVENTS ? name + ".gz" : name;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
