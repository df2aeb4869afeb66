package org.provenanceaudit.report;

import java.util.List;

/** A {@code derived_from} cycle, reported once per production with the ids in it, sorted. */
public record LineageCycle(String productionId, List<String> assetIds) {

  public LineageCycle {
    assetIds = List.copyOf(assetIds);
  }
}
