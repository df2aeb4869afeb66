package org.provenanceaudit.mapping;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.provenanceaudit.io.InputKind;

/**
 * One source of a mapping file: the files it names (a glob relative to the mapping file's folder,
 * whose {@code {name}} parts capture that part of each matched path), the input they feed, their
 * format and dialect, and how each contract field is made from a source row.
 *
 * @param origin the mapping file, as the user named it
 * @param number the source's place in the file, from 1
 * @param files the glob as written, {@code {name}} captures included
 * @param jsonLines whether the files are JSON Lines (else delimited text)
 * @param fields contract field name to its rule, in the file's order
 */
public record MappedSource(
    String origin, int number, String files, InputKind kind, boolean jsonLines, Dialect dialect, Map<String, FieldRule> fields)
    implements Serializable {

  public MappedSource {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** How messages name this source: {@code source 1 (exports/{production_id}/versions.csv)}. */
  public String label() {
    return "source " + number + " (" + files + ")";
  }

  /**
   * The format label the run summary shows for each file of this source: {@code mapped CSV (mapping
   * FILE)} or {@code mapped JSON Lines (mapping FILE)}.
   */
  public String formatLabel() {
    return "mapped " + (jsonLines ? "JSON Lines" : "CSV") + " (mapping " + origin + ")";
  }
}
