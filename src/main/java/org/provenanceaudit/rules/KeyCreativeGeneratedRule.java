package org.provenanceaudit.rules;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** Creative output: main characters, central designs and key art are the studio's authorship, not a model's. */
final class KeyCreativeGeneratedRule extends BaseRule {

  KeyCreativeGeneratedRule() {
    super(
        "KEY_CREATIVE_GENERATED",
        "creative output",
        Severity.HIGH,
        ReportFile.LIKENESS_IP_RISKS,
        "A key creative asset (main characters, central designs, key art) is generated or derived from generated material, without written approval for key_creative.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (Asset asset : audit.assets()) {
      if (!asset.hasRole(ContentRole.KEY_CREATIVE)) {
        continue;
      }
      Optional<List<String>> path = audit.unapprovedGeneratedLineage(asset.assetId(), Approval.KEY_CREATIVE);
      if (path.isEmpty()) {
        continue;
      }
      findings.accept(
          GeneratedAssetFindings.about(this, audit, asset, path.get())
              .evidence(
                  "Key creative asset " + asset.assetId() + " " + GeneratedAssetFindings.origin(audit, path.get())
                      + "; no covering disclosure grants key_creative with an approval_ref.")
              .remediation(
                  "Obtain written approval for key_creative on the disclosure covering " + GeneratedAssetFindings.source(path.get())
                      + ", or have the design made by the production's artists.")
              .build());
    }
  }
}
