package org.provenanceaudit.mapping;

import java.io.Serializable;
import java.util.Map;

/**
 * One file a mapping source matched: its path as the reports show it, its source, and the values
 * the glob's {@code {name}} parts captured from its path ({@code production_id} → {@code P-100}).
 */
public record MappedFile(String file, MappedSource source, Map<String, String> captures) implements Serializable {

  public MappedFile {
    captures = Map.copyOf(captures);
  }
}
