package org.provenanceaudit.report;

import java.util.List;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;

/**
 * Everything one audit run produced, ready to be written; the writer sorts it, except the rejected
 * rows, which come already in report order and are streamed.
 */
public record AuditResults(
    List<Finding> findings,
    RejectedRows rejected,
    List<InputTally> tallies,
    List<LineageCycle> cycles,
    List<AssetScan> scans) {}
