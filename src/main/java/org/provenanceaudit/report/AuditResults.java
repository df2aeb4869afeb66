package org.provenanceaudit.report;

import java.util.List;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;

/** Everything one audit run produced, ready to be written; the writer sorts it. */
public record AuditResults(
    List<Finding> findings,
    List<RejectedRow> rejected,
    List<InputTally> tallies,
    List<LineageCycle> cycles,
    List<AssetScan> scans) {}
