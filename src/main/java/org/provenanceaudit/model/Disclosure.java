package org.provenanceaudit.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A partner's declared intended use of GenAI and the written approvals it obtained. Open window
 * ends are null; {@code validTo} is inclusive (a plain date covers that whole day).
 */
public record Disclosure(
    String disclosureId,
    String productionId,
    String vendorId,
    List<String> toolIds,
    Set<Operation> operations,
    String purpose,
    Instant validFrom,
    Instant validTo,
    Instant submittedAt,
    List<String> assetScope,
    Set<Approval> approvals,
    String approvalRef,
    SourcePosition source) {

  public static final String ANY = "*";

  public Disclosure {
    toolIds = List.copyOf(toolIds);
    operations = Collections.unmodifiableSet(operations.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations));
    assetScope = List.copyOf(assetScope);
    approvals = Collections.unmodifiableSet(approvals.isEmpty() ? EnumSet.noneOf(Approval.class) : EnumSet.copyOf(approvals));
  }

  /** An approval counts only when the disclosure names it and carries the written approval's id. */
  public boolean grants(Approval approval) {
    return approvals.contains(approval) && approvalRef != null;
  }

  public boolean hasScope() {
    return !assetScope.isEmpty();
  }
}
