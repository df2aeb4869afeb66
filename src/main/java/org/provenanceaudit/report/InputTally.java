package org.provenanceaudit.report;

import java.util.List;
import org.provenanceaudit.io.SourceFileTally;

/**
 * What one input's reading came to: its files, rows read = accepted + rejected + skipped (spans
 * that are not GenAI spans), and the same per source file with the file's format.
 */
public record InputTally(String inputKind, List<String> files, long read, long accepted, long rejected, long skipped, List<SourceFileTally> sources) {

  public InputTally {
    files = List.copyOf(files);
    sources = List.copyOf(sources);
  }
}
