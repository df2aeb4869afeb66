package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** Integrity: the inventory points at a file the audit cannot read, so its bytes cannot be checked. */
final class AssetFileMissingRule extends BaseRule {

  AssetFileMissingRule() {
    super(
        "ASSET_FILE_MISSING",
        "integrity",
        Severity.LOW,
        ReportFile.FINDINGS_ONLY,
        "An asset's file_path is given, but no readable file is there, or the path leaves --assetsRoot.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (AssetScan scan : audit.scans()) {
      if (scan.fileProblem() == null) {
        continue;
      }
      Asset asset = audit.asset(scan.assetId()).orElseThrow();
      findings.accept(
          FindingBuilder.aboutAsset(this, audit, asset)
              .evidence("Asset " + asset.assetId() + " names file " + asset.filePath() + ": " + scan.fileProblem() + ".")
              .remediation("Deliver the file under the assets root at the inventory's file_path, or correct the path.")
              .build());
    }
  }
}
