package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** PROVENANCE_TAMPERED: a C2PA manifest altered after signing, from the scan's validation. */
class ProvenanceTamperedRuleTest {

  private static final String TAMPERING =
      "the C2PA manifest of files/a.jpg fails claimSignature.mismatch; signed by CN=C2PA Signer, O=C2PA Test Signing Cert";

  @Test
  void aManifestWhoseSignatureFailsIsAHighFindingNamingTheFailingCodes() {
    Finding finding = production(asset("A-1").file("files/a.jpg", "image/jpeg"))
        .tampered("A-1", null, TAMPERING)
        .only("PROVENANCE_TAMPERED");
    assertEquals(Severity.HIGH, finding.severity());
    assertEquals("A-1", finding.subjectId());
    assertEquals("Asset A-1: " + TAMPERING + ".", finding.evidence());
  }

  @Test
  void aFileWithAnIntactManifestOrNoneGivesNoFinding() {
    assertEquals(List.of(), production(asset("A-1").file("files/a.png", "image/png"))
        .scanned("A-1", "image/png", "a C2PA action (action c2pa.created)", null)
        .findings("PROVENANCE_TAMPERED"));
  }
}
