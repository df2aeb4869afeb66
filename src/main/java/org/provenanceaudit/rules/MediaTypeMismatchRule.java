package org.provenanceaudit.rules;

import java.util.function.Consumer;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.scan.MediaTypes;

/** Integrity: the inventory says one kind of file and the bytes say another. */
final class MediaTypeMismatchRule extends BaseRule {

  MediaTypeMismatchRule() {
    super(
        "MEDIA_TYPE_MISMATCH",
        "integrity",
        Severity.LOW,
        ReportFile.FINDINGS_ONLY,
        "The media_type the inventory declares differs from the type detected from the file's bytes.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (AssetScan scan : audit.scans()) {
      Asset asset = audit.asset(scan.assetId()).orElseThrow();
      if (scan.detectedMediaType() == null
          || asset.mediaType() == null
          || MediaTypes.consistent(asset.mediaType(), scan.detectedMediaType())) {
        continue;
      }
      findings.accept(
          FindingBuilder.aboutAsset(this, audit, asset)
              .evidence(
                  "Asset " + asset.assetId() + " is declared " + asset.mediaType() + ", but the bytes of " + asset.filePath()
                      + " are " + scan.detectedMediaType() + ".")
              .remediation("Correct the inventory's media_type, or check that the file is the asset it claims to be.")
              .build());
    }
  }
}
