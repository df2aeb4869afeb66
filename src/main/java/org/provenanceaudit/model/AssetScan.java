package org.provenanceaudit.model;

/**
 * What the byte scan learned of one asset's file, as the rules need it: the type detected from the
 * bytes, whether any signal says generative AI (and which, in a sentence), why no file could be
 * read, how its C2PA manifest fails when it was altered after signing ({@code tampering}, null when
 * it was not or there is none), and the full scan record for {@code asset-scan.jsonl}.
 */
public record AssetScan(
    String assetId,
    String productionId,
    String detectedMediaType,
    boolean genai,
    String genaiSignal,
    String fileProblem,
    String recordJson,
    String tampering) {

  /** A scan whose file carries no altered C2PA manifest. */
  public AssetScan(String assetId, String productionId, String detectedMediaType, boolean genai, String genaiSignal,
      String fileProblem, String recordJson) {
    this(assetId, productionId, detectedMediaType, genai, genaiSignal, fileProblem, recordJson, null);
  }
}
