package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.asset;
import static org.provenanceaudit.rules.AuditFixture.event;
import static org.provenanceaudit.rules.AuditFixture.production;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/** PROVENANCE_UNLOGGED, MEDIA_TYPE_MISMATCH and ASSET_FILE_MISSING: the rules the byte scan feeds. */
class FileScanRulesTest {

  private static final String SIGNAL = "a PNG text generation record (container PNG tEXt, key parameters)";

  @Test
  void aGenAiMarkWithNoEventNamingTheAssetIsUnloggedProvenance() {
    Finding finding =
        production(asset("A-1").file("files/a.png", "image/png"))
            .scanned("A-1", "image/png", SIGNAL, null)
            .only("PROVENANCE_UNLOGGED");
    assertEquals(Severity.HIGH, finding.severity());
    assertEquals("A-1", finding.subjectId());
    assertEquals(
        "The file of asset A-1 (files/a.png) carries " + SIGNAL + ", but no GenAI event of production P-1 lists it as output.",
        finding.evidence());
  }

  @Test
  void aMarkOnTheOutputOfALoggedGenAiEventIsNotUnlogged() {
    assertEquals(
        List.of(),
        production(asset("A-1").file("files/a.png", "image/png"), event("E-1").outputs("A-1"))
            .scanned("A-1", "image/png", SIGNAL, null)
            .findings("PROVENANCE_UNLOGGED"));
  }

  @Test
  void aMarkOnTheOutputOfANonGenAiToolIsStillUnlogged() {
    assertEquals(
        1,
        production(asset("A-1").file("files/a.png", "image/png"), event("E-1").tool("grade-pro").outputs("A-1"))
            .scanned("A-1", "image/png", SIGNAL, null)
            .findings("PROVENANCE_UNLOGGED")
            .size());
  }

  @Test
  void aFileWithoutAMarkIsNotUnlogged() {
    assertEquals(
        List.of(),
        production(asset("A-1").file("files/a.png", "image/png")).scanned("A-1", "image/png", null, null).findings("PROVENANCE_UNLOGGED"));
  }

  @Test
  void bytesOfAnotherTypeThanDeclaredAreAMismatch() {
    Finding finding =
        production(asset("A-1").file("files/poster.jpg", "image/jpeg"))
            .scanned("A-1", "image/png", null, null)
            .only("MEDIA_TYPE_MISMATCH");
    assertEquals(Severity.LOW, finding.severity());
    assertEquals("Asset A-1 is declared image/jpeg, but the bytes of files/poster.jpg are image/png.", finding.evidence());
    assertEquals(null, finding.report(), "integrity findings are in findings.jsonl only");
  }

  @Test
  void aliasesParametersAndSpecialisationsTheBytesCannotTellApartAreNoMismatch() {
    assertEquals(List.of(), production(asset("A-1").file("a.jpg", "image/jpg")).scanned("A-1", "image/jpeg", null, null).findings("MEDIA_TYPE_MISMATCH"));
    assertEquals(List.of(), production(asset("A-1").file("a.png", "IMAGE/PNG; q=1")).scanned("A-1", "image/png", null, null).findings("MEDIA_TYPE_MISMATCH"));
    assertEquals(List.of(), production(asset("A-1").file("a.csv", "text/csv")).scanned("A-1", "text/plain", null, null).findings("MEDIA_TYPE_MISMATCH"));
  }

  @Test
  void noDeclaredTypeOrNoReadableFileIsNoMismatch() {
    assertEquals(List.of(), production(asset("A-1").file("a.png", null)).scanned("A-1", "image/png", null, null).findings("MEDIA_TYPE_MISMATCH"));
    assertEquals(List.of(), production(asset("A-1").file("a.png", "image/png")).scanned("A-1", null, null, "no file at this path under the assets root").findings("MEDIA_TYPE_MISMATCH"));
  }

  @Test
  void anUnreadableFileIsReportedWithTheReason() {
    Finding finding =
        production(asset("A-1").file("../../etc/passwd", "text/plain"))
            .scanned("A-1", null, null, "file path climbs out of the assets root with '..'")
            .only("ASSET_FILE_MISSING");
    assertTrue(finding.evidence().contains("../../etc/passwd: file path climbs out of the assets root"), finding.evidence());
    assertEquals(Severity.LOW, finding.severity());
  }
}
