package org.provenanceaudit.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Rows travel between steps in chunks (see {@link ReadInput}); this puts them back in one list. */
final class Chunks {

  private Chunks() {}

  static <T> List<T> flatten(Iterable<List<T>> chunks) {
    List<T> all = new ArrayList<>();
    chunks.forEach(all::addAll);
    return all;
  }
}
