package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/**
 * Disclosure duty and integrity: an asset's C2PA manifest was altered after signing, or its
 * content no longer matches it (its claim signature, hard binding or an assertion hash fails), or it
 * carries an ingredient whose own validation failed. Such a manifest cannot vouch for how the asset
 * was made, and may hide the GenAI use it once recorded.
 */
final class ProvenanceTamperedRule extends BaseRule {

  ProvenanceTamperedRule() {
    super(
        "PROVENANCE_TAMPERED",
        "disclosure duty and integrity",
        Severity.HIGH,
        ReportFile.FINDINGS_ONLY,
        "An asset's C2PA manifest fails its signature, its hard binding or an assertion hash, or carries a failed ingredient.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (AssetScan scan : audit.scans()) {
      if (scan.tampering() == null) {
        continue;
      }
      Asset asset = audit.asset(scan.assetId()).orElseThrow();
      findings.accept(
          FindingBuilder.aboutAsset(this, audit, asset)
              .evidence("Asset " + asset.assetId() + ": " + scan.tampering() + ".")
              .remediation("Treat the asset's recorded provenance as unreliable: obtain the original file from its source,"
                  + " or establish how it was made and disclose any GenAI use.")
              .build());
    }
  }
}
