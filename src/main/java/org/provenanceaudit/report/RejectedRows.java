package org.provenanceaudit.report;

import java.io.IOException;
import org.provenanceaudit.io.RejectedRow;

/**
 * The rejected rows of every input, handed to the report writer one at a time rather than as a
 * list: an input of five million bad rows must not need five million objects at once (it ran a
 * 2 GiB heap out of memory). Rows come in report order, by file path, then line.
 */
public interface RejectedRows {

  /** What receives each row; may fail writing it. */
  interface Each {
    void accept(RejectedRow row) throws IOException;
  }

  /**
   * Calls {@code each} with every rejected row of the input named {@code inputKind} (its contract
   * name, e.g. {@code tool-events}), ordered by file path, then line; rows of one line keep the
   * order they were rejected in. Nothing is called for an input without rejected rows.
   *
   * @throws IOException when the rows cannot be read back, or come out of that order
   */
  void forEach(String inputKind, Each each) throws IOException;
}
