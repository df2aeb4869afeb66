package org.provenanceaudit.rules;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** Principle 4: generated material is temporary and not part of the final deliverables. */
final class GeneratedInFinalRule extends BaseRule {

  GeneratedInFinalRule() {
    super(
        "GENERATED_IN_FINAL",
        "4",
        Severity.CRITICAL,
        ReportFile.RETAINED_GENERATED_MATERIAL,
        "An asset in the final deliverables is generated, or derived from generated material, without written approval for final_deliverable.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (Asset asset : audit.assets()) {
      if (!asset.isFinal()) {
        continue;
      }
      Optional<List<String>> path = audit.unapprovedGeneratedLineage(asset.assetId(), Approval.FINAL_DELIVERABLE);
      if (path.isEmpty()) {
        continue;
      }
      findings.accept(
          GeneratedAssetFindings.about(this, audit, asset, path.get())
              .evidence(
                  "Final asset " + asset.assetId() + " " + GeneratedAssetFindings.origin(audit, path.get())
                      + "; no covering disclosure grants final_deliverable with an approval_ref.")
              .remediation(
                  "Replace " + asset.assetId() + " with non-generated material, or obtain written approval for final_deliverable on the disclosure that covers "
                      + GeneratedAssetFindings.source(path.get()) + " and record its approval_ref.")
              .build());
    }
  }
}
