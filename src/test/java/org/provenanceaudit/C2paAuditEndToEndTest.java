package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.AuditCommandEndToEndTest.Result;

/**
 * Runs the real command on a production whose asset files are C2PA corpus files, with the C2PA test
 * roots as {@code --trustAnchors}: a file whose content changed after signing and one whose claim
 * signature fails are {@code PROVENANCE_TAMPERED}, naming the failing codes, the signer and the
 * verdicts; an intact, trusted file is not; every scan record carries its {@code c2pa_validation}.
 */
class C2paAuditEndToEndTest {

  private static final Path CORPUS = Path.of("../shared/corpus/real-assets");
  private static final Path TEST_ROOTS = Path.of("../shared/corpus/c2pa-trust/c2pa-test-roots.pem");
  private static final String SIGNER =
      "signed by CN=C2PA Signer, OU=FOR TESTING_ONLY, O=C2PA Test Signing Cert, L=Somewhere, ST=CA, C=US";

  @TempDir static Path work;
  private static Result run;

  @BeforeAll
  static void auditAProductionOfCorpusFiles() throws IOException {
    Path input = Files.createDirectories(work.resolve("input"));
    Path assets = Files.createDirectories(work.resolve("assets"));
    StringBuilder rows = new StringBuilder("asset_id,production_id,vendor_id,deliverable_status,media_type,file_path\n");
    Map<String, String> files = Map.of("A-XCA", "c2pars__XCA.jpg", "A-ESIG", "c2pars__E-sig-CA.jpg", "A-C", "c2pars__C.jpg");
    for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
      String name = file.getValue().substring("c2pars__".length());
      Files.copy(CORPUS.resolve(file.getValue()), assets.resolve(name));
      rows.append(file.getKey()).append(",P-1,V-1,working,image/jpeg,").append(name).append('\n');
    }
    Files.writeString(input.resolve("assets.csv"), rows);
    for (String name : List.of("tool-events.jsonl", "disclosures.csv", "consents.csv", "productions.csv")) {
      String header = name.endsWith(".csv") ? Files.readAllLines(Path.of("sample-data").resolve(name)).get(0) + "\n" : "";
      Files.writeString(input.resolve(name), header);
    }
    Path output = work.resolve("out");
    run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--assetsRoot=" + assets, "--output=" + output,
        "--trustAnchors=" + TEST_ROOTS, "--failOn=none", "--quiet=true");
  }

  private static Map<String, JsonNode> bySubject(Path file, String field) throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode line : AuditCommandEndToEndTest.jsonLines(file)) {
      out.put(line.get(field).asText(), line);
    }
    return out;
  }

  @Test
  void aChangedFileAndAForgedSignatureAreTamperedAndTheIntactFileIsNot() throws IOException {
    assertEquals(AuditCommand.OK, run.status(), run.err());
    Map<String, String> evidence = new TreeMap<>();
    for (JsonNode finding : AuditCommandEndToEndTest.jsonLines(run.dir().resolve("findings.jsonl"))) {
      if (finding.get("rule").asText().equals("PROVENANCE_TAMPERED")) {
        assertEquals("high", finding.get("severity").asText());
        evidence.put(finding.get("subject_id").asText(), finding.get("evidence").asText());
      }
    }
    assertEquals(
        Map.of(
            "A-ESIG",
            "Asset A-ESIG: the C2PA manifest of E-sig-CA.jpg fails claimSignature.mismatch; " + SIGNER
                + "; signature invalid; content unchanged since signing; signer in the trust list.",
            "A-XCA",
            "Asset A-XCA: the C2PA manifest of XCA.jpg fails assertion.dataHash.mismatch; " + SIGNER
                + "; signature valid; content changed since signing; signer in the trust list."),
        evidence);
  }

  @Test
  void everyScanRecordCarriesItsC2paValidation() throws IOException {
    Map<String, JsonNode> scans = bySubject(run.dir().resolve("asset-scan.jsonl"), "asset_id");
    assertEquals(List.of("A-C", "A-ESIG", "A-XCA"), List.copyOf(scans.keySet()));
    assertEquals(List.of("valid", "match", "trusted"), verdicts(scans.get("A-C")));
    assertEquals(List.of("invalid", "match", "trusted"), verdicts(scans.get("A-ESIG")));
    assertEquals(List.of("valid", "mismatch", "trusted"), verdicts(scans.get("A-XCA")));
    JsonNode intact = scans.get("A-C").get("c2pa_validation");
    assertTrue(intact.get("signer").get("subject").asText().startsWith("CN=C2PA Signer"), intact.toString());
    assertEquals("2024-08-06T21:53:37Z", intact.get("signed_at").asText());
  }

  private static List<String> verdicts(JsonNode scan) {
    JsonNode validation = scan.get("c2pa_validation");
    return List.of(validation.get("signature").asText(), validation.get("binding").asText(), validation.get("trust").asText());
  }
}
