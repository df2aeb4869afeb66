package org.provenanceaudit.rules;

import java.util.List;
import java.util.function.Consumer;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** Principle 5: GenAI does not replace union-covered work without consent. */
final class UnionWorkReplacedRule extends BaseRule {

  UnionWorkReplacedRule() {
    super(
        "UNION_WORK_REPLACED",
        "5",
        Severity.CRITICAL,
        ReportFile.LIKENESS_IP_RISKS,
        "A generated asset is, or stands in for, union-covered work, without written approval for union_work.");
  }

  @Override
  public void evaluate(ProductionAudit audit, Consumer<Finding> findings) {
    for (Asset asset : audit.assets()) {
      if (!asset.unionCovered()
          || !audit.isGenerated(asset.assetId())
          || audit.generatedSourceApproved(asset.assetId(), Approval.UNION_WORK)) {
        continue;
      }
      List<String> path = List.of(asset.assetId());
      findings.accept(
          GeneratedAssetFindings.about(this, audit, asset, path)
              .evidence(
                  "Union-covered asset " + asset.assetId() + " " + GeneratedAssetFindings.origin(audit, path)
                      + "; no covering disclosure grants union_work with an approval_ref.")
              .remediation(
                  "Obtain the union's consent and written approval for union_work on the disclosure covering " + asset.assetId()
                      + ", or replace it with work by covered personnel.")
              .build());
    }
  }
}
