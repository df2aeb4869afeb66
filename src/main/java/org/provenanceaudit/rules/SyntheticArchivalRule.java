package org.provenanceaudit.rules;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/**
 * Ethics and representation: in work the audience takes as fact, generated material shown as an
 * archival record must say what it is. No approval clears this; only a label or a real record does.
 */
final class SyntheticArchivalRule extends BaseRule {

  SyntheticArchivalRule() {
    super(
        "SYNTHETIC_ARCHIVAL",
        "ethics and representation",
        Severity.CRITICAL,
        ReportFile.RETAINED_GENERATED_MATERIAL,
        "In a nonfiction production, an asset presented as an archival record is generated or derived from generated material and is not labelled as such.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    if (!audit.isNonfiction()) {
      return;
    }
    for (Asset asset : audit.assets()) {
      if (!asset.hasRole(ContentRole.ARCHIVAL) || asset.aiLabeled()) {
        continue;
      }
      Optional<List<String>> path = audit.generatedLineage(asset.assetId());
      if (path.isEmpty()) {
        continue;
      }
      findings.accept(
          GeneratedAssetFindings.about(this, audit, asset, path.get())
              .evidence(
                  "Archival asset " + asset.assetId() + " in nonfiction production " + audit.productionId() + " "
                      + GeneratedAssetFindings.origin(audit, path.get()) + ", and it is not ai_labeled: the audience would take it as a real record.")
              .remediation(
                  "Replace " + asset.assetId() + " with the real archival record, or label it on screen as generated or a reconstruction and set ai_labeled.")
              .build());
    }
  }
}
