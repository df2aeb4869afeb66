package org.provenanceaudit.report;

import java.util.List;

/** What one input's reading came to: its files and rows read = accepted + rejected. */
public record InputTally(String inputKind, List<String> files, long read, long accepted, long rejected) {

  public InputTally {
    files = List.copyOf(files);
  }
}
