package org.provenanceaudit.model;

import java.time.Instant;
import java.util.List;

/** One row of a production's asset inventory, checked against the contract. */
public record Asset(
    String assetId,
    String productionId,
    String vendorId,
    DeliverableStatus deliverableStatus,
    String mediaType,
    String filePath,
    String sha256,
    Instant createdAt,
    List<String> derivedFrom,
    List<String> talentIds,
    List<String> ipRefs,
    boolean personalData,
    boolean unionCovered,
    ContentRole contentRole,
    boolean aiLabeled,
    SourcePosition source) {

  public Asset {
    derivedFrom = List.copyOf(derivedFrom);
    talentIds = List.copyOf(talentIds);
    ipRefs = List.copyOf(ipRefs);
  }

  public boolean isFinal() {
    return deliverableStatus == DeliverableStatus.FINAL;
  }

  public boolean hasRole(ContentRole role) {
    return contentRole == role;
  }
}
