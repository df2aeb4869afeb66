package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** Disclosure duty: the file says a GenAI tool made it, and no log says so: use nobody declared. */
final class ProvenanceUnloggedRule extends BaseRule {

  ProvenanceUnloggedRule() {
    super(
        "PROVENANCE_UNLOGGED",
        "disclosure duty",
        Severity.HIGH,
        ReportFile.UNDISCLOSED_GENAI_USAGE,
        "An asset's own file carries a GenAI provenance signal, but no GenAI event names the asset as its output.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (AssetScan scan : audit.scans()) {
      if (!scan.genai() || !audit.producers(scan.assetId()).isEmpty()) {
        continue;
      }
      Asset asset = audit.asset(scan.assetId()).orElseThrow();
      findings.accept(
          FindingBuilder.aboutAsset(this, audit, asset)
              .evidence(
                  "The file of asset " + asset.assetId() + " (" + asset.filePath() + ") carries " + scan.genaiSignal()
                      + ", but no GenAI event of production " + audit.productionId() + " lists it as output.")
              .remediation(
                  "Ask vendor " + asset.vendorId() + " which tool made " + asset.assetId()
                      + ", log the use and file a disclosure for it; if the mark is wrong, record why.")
              .build());
    }
  }
}
