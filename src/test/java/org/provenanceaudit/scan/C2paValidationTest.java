package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.provenanceaudit.scan.CraftedBytes.concat;
import static org.provenanceaudit.scan.CraftedBytes.jpeg;
import static org.provenanceaudit.scan.CraftedBytes.jpegSegment;
import static org.provenanceaudit.scan.CraftedBytes.jumbfBox;
import static org.provenanceaudit.scan.CraftedBytes.superbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2PA claim signature, certificate, time-stamp and trust validation: on the corpus's real files
 * (c2pa-rs and other implementations' fixtures, with the C2PA test roots as anchors) and on a JPEG
 * signed here with a throwaway CA, then altered.
 */
class C2paValidationTest {

  private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../shared"), "corpus");
  private static final Path CORPUS = SHARED.resolve("real-assets");
  private static final String TEST_ROOTS = SHARED.resolve("c2pa-trust/c2pa-test-roots.pem").toString();
  private static final Instant AS_OF = Instant.parse("2026-01-15T00:00:00Z");

  @TempDir
  Path dir;

  @BeforeAll
  static void corpusPresent() {
    assumeTrue(Files.isDirectory(CORPUS), "the shared corpus is not at " + CORPUS);
  }

  private static C2paValidation validate(String file, C2paTrust trust, Instant asOf) {
    ScanRecord record = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(), trust, asOf)
        .scan(CORPUS.resolve(file));
    return record.c2paValidation();
  }

  private static C2paTrust testRoots() throws C2paTrust.TrustListException {
    return C2paTrust.load(TEST_ROOTS, null);
  }

  @Test
  void aTestSignedFileWithItsRootAsAnchorIsValidTrustedAndStamped() throws Exception {
    C2paValidation v = validate("c2pars__C.jpg", testRoots(), AS_OF);
    assertEquals("valid", v.signature());
    assertEquals("trusted", v.trust());
    assertEquals("2024-08-06T21:53:37Z", v.signedAt());
    assertTrue(v.statusCodes().containsAll(List.of("claimSignature.validated", "timeStamp.validated", "signingCredential.trusted")));
    assertEquals("CN=C2PA Signer, OU=FOR TESTING_ONLY, O=C2PA Test Signing Cert, L=Somewhere, ST=CA, C=US", v.signerSubject());
    assertTrue(v.signerIssuer().startsWith("CN=Intermediate CA, OU=FOR TESTING_ONLY"));
    assertEquals("valid and trusted", v.state());
  }

  @Test
  void withNoTrustListEverySignerIsUntrustedAndTheReasonSaysSo() {
    C2paValidation v = validate("c2pars__C.jpg", C2paTrust.none(), AS_OF);
    assertEquals("valid", v.signature());
    assertEquals("untrusted", v.trust());
    assertTrue(v.statusCodes().contains("signingCredential.untrusted"));
    assertTrue(v.reason().contains("no trust list was given"), v.reason());
    assertEquals("valid, untrusted signer", v.state());
  }

  @Test
  void aRealWorldChainStaysUntrustedWithOnlyTheTestRoots() throws Exception {
    C2paValidation v = validate("c2pars__ocsp.jpg", testRoots(), AS_OF);
    assertEquals("valid", v.signature());
    assertEquals("untrusted", v.trust());
    assertTrue(v.signerIssuer().startsWith("CN=Adobe Product Services G3"), v.signerIssuer());
  }

  @Test
  void aBadClaimSignatureIsAMismatchAndTampering() throws Exception {
    C2paValidation v = validate("c2pars__E-sig-CA.jpg", testRoots(), AS_OF);
    assertEquals("invalid", v.signature());
    assertTrue(v.statusCodes().contains("claimSignature.mismatch"));
    assertEquals(List.of("claimSignature.mismatch"), v.tamperCodes());
    assertEquals("invalid", v.state());
  }

  @Test
  void aVersion2ClaimsTimeStampFromAnUntrustedAuthorityDoesNotSaveAnExpiredSigner() throws Exception {
    C2paValidation v = validate("c2panode__testv2.jpg", testRoots(), AS_OF);
    assertTrue(v.statusCodes().containsAll(List.of("timeStamp.validated", "timeStamp.untrusted", "signingCredential.expired")),
        v.statusCodes().toString());
    assertEquals("invalid", v.signature());
    assertNull(v.signedAt());
    assertTrue(v.reason().startsWith("no verified, trusted time-stamp: the certificate was judged at --asOf 2026-01-15"), v.reason());
  }

  @Test
  void aVersion1ClaimsTimeStampStillDatesTheSignatureAsTheReferenceDoes() {
    C2paValidation v = validate("c2pajsl__firefly-1.jpg", C2paTrust.none(), AS_OF);
    assertEquals("valid", v.signature());
    assertEquals("2023-03-21T00:26:57Z", v.signedAt());
    assertFalse(v.statusCodes().contains("signingCredential.expired"), v.statusCodes().toString());
  }

  @Test
  void anUpdateManifestIsBoundByTheManifestItUpdatesWithTheStoreWhereItIsNow() throws Exception {
    C2paValidation v = validate("c2pars__update_manifest.jpg", testRoots(), AS_OF);
    assertEquals(List.of("valid", "match", "trusted"), List.of(v.signature(), v.binding(), v.trust()));
    assertTrue(v.statusCodes().contains("assertion.dataHash.match"), v.statusCodes().toString());

    byte[] altered = Files.readAllBytes(CORPUS.resolve("c2pars__update_manifest.jpg"));
    altered[altered.length - 3] ^= 1;
    C2paValidation changed = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(), testRoots(), AS_OF)
        .scan(Files.write(dir.resolve("update.jpg"), altered)).c2paValidation();
    assertEquals("mismatch", changed.binding());
    assertEquals(List.of("assertion.dataHash.mismatch"), changed.tamperCodes());
  }

  @Test
  void anAssertionWhoseHashFailsMakesAValidlySignedManifestInvalid() throws Exception {
    C2paValidation v = validate("c2pars__adobe-20220124-E-clm-CAICAI.jpg", testRoots(), AS_OF);
    assertEquals("valid", v.signature());
    assertEquals("match", v.binding());
    assertEquals(List.of("assertion.hashedURI.mismatch"), v.tamperCodes());
    assertEquals("invalid", v.state());
    assertTrue(v.sentence().contains("; failing: assertion.hashedURI.mismatch"), v.sentence());
  }

  @Test
  void anIngredientWithAFailedSignatureIsListedBehindAValidActiveManifest() throws Exception {
    C2paValidation v = validate("c2pars__CIE-sig-CA.jpg", testRoots(), AS_OF);
    assertEquals("valid", v.signature());
    assertEquals(List.of("contentauth:urn:uuid:bc347336-f111-4c34-82da-a970150c5490: claimSignature.mismatch"),
        v.ingredientsFailed());
    assertTrue(v.tampered());
  }

  @Test
  void aTimeStampKeepsACertificateValidAfterItExpires() throws Exception {
    C2paValidation stamped = validate("c2pars__C.jpg", testRoots(), Instant.parse("2100-01-01T00:00:00Z"));
    assertEquals("valid", stamped.signature());
    assertFalse(stamped.statusCodes().contains("signingCredential.expired"));
  }

  @Test
  void withoutATimeStampTheCertificateIsJudgedAtAsOf() throws Exception {
    C2paValidation now = validate("c2papy__C.dng", testRoots(), AS_OF);
    assertEquals("valid", now.signature());
    assertNull(now.signedAt());
    assertTrue(now.reason().contains("judged at --asOf 2026-01-15T00:00:00Z"), now.reason());
    C2paValidation later = validate("c2papy__C.dng", testRoots(), Instant.parse("2100-01-01T00:00:00Z"));
    assertEquals("invalid", later.signature());
    assertTrue(later.statusCodes().contains("signingCredential.expired"));
    assertFalse(later.tampered());
  }

  @Test
  void aSelfSignedPrereleaseCertificateBreaksTheProfile() {
    C2paValidation v = validate("c2pars__prerelease.jpg", C2paTrust.none(), AS_OF);
    assertEquals("invalid", v.signature());
    assertTrue(v.statusCodes().contains("signingCredential.invalid"));
  }

  @Test
  void aFileWithoutAStoreKeepsItsRecordWithoutValidation() {
    ScanRecord record = new ProvenanceScanner(ScanPolicy.defaults()).scan(CORPUS.resolve("c2pars__no_manifest.jpg"));
    assertNull(record.c2paValidation());
    assertFalse(record.toJson().contains("c2pa_validation"));
  }

  @Test
  void aTrustFileThatIsNotPemIsAConfigurationErrorNamingIt() throws IOException {
    Path bad = Files.writeString(dir.resolve("roots.pem"), "not a certificate\n");
    C2paTrust.TrustListException e = assertThrows(C2paTrust.TrustListException.class,
        () -> C2paTrust.load(bad.toString(), null));
    assertTrue(e.getMessage().startsWith("--trustAnchors=" + bad), e.getMessage());
  }

  // A JPEG signed here.

  /** A JPEG whose APP11 store holds one manifest: a claim and its ES256 COSE_Sign1 by {@code signer}. */
  private static byte[] signedJpeg(X509Certificate certificate, PrivateKey signer) throws Exception {
    byte[] claim = CraftedBytes.cbor(Map.of("claim_generator", "Signed Here/1.0", "signature", "self#jumbf=c2pa.signature"));
    byte[] cose = ThrowawaySigner.cose(claim, certificate, signer);
    byte[] manifest = superbox(CraftedBytes.MANIFEST_TYPE, "urn:c2pa:signed-here",
        superbox(CraftedBytes.CLAIM_TYPE, "c2pa.claim", jumbfBox("cbor", claim)),
        superbox(ThrowawaySigner.SIGNATURE_TYPE, "c2pa.signature", jumbfBox("cbor", cose)));
    byte[] store = superbox(Jumbf.C2PA_STORE_TYPE, "c2pa", manifest);
    return jpeg(concat(CraftedBytes.app11(store, 1, 60000).toArray(byte[][]::new)), jpegSegment(0xFE, CraftedBytes.ascii("x")));
  }

  @Test
  void aFileSignedWithAThrowawayCaValidatesAndOneAlteredClaimByteIsAMismatch() throws Exception {
    KeyPair caKey = ThrowawaySigner.ecKey();
    KeyPair eeKey = ThrowawaySigner.ecKey();
    X509Certificate ca = ThrowawaySigner.certificate("O=Test,CN=Throwaway Root", "O=Test,CN=Throwaway Root", caKey.getPublic(), caKey.getPrivate(), true);
    X509Certificate ee = ThrowawaySigner.certificate("O=Test,CN=Test Signer", "O=Test,CN=Throwaway Root", eeKey.getPublic(), caKey.getPrivate(), false);
    C2paTrust trust = new C2paTrust(List.of(ca), List.of());
    ProvenanceScanner scanner = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(), trust, AS_OF);
    byte[] signed = signedJpeg(ee, eeKey.getPrivate());

    C2paValidation valid = scanner.scan(Files.write(dir.resolve("signed.jpg"), signed)).c2paValidation();
    assertEquals("valid", valid.signature());
    assertEquals("trusted", valid.trust());
    assertEquals("none", valid.binding());
    assertEquals("CN=Test Signer, O=Test", valid.signerSubject());
    // The test's claim names no hard binding, which the specification reports as a failure of its own.
    assertEquals(List.of("claimSignature.validated", "signingCredential.trusted", "claim.hardBindings.missing"), valid.statusCodes());

    byte[] altered = signed.clone();
    int at = new String(altered, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Signed Here/1.0");
    altered[at] = 'Z';
    C2paValidation mismatch = scanner.scan(Files.write(dir.resolve("altered.jpg"), altered)).c2paValidation();
    assertEquals("invalid", mismatch.signature());
    assertEquals(List.of("claimSignature.mismatch"), mismatch.tamperCodes());
    assertTrue(mismatch.sentence().startsWith("signed by CN=Test Signer, O=Test; signature invalid"), mismatch.sentence());

    C2paValidation otherAnchor = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(),
        new C2paTrust(List.of(ThrowawaySigner.certificate("CN=Other Root", "CN=Other Root", ThrowawaySigner.ecKey().getPublic(), caKey.getPrivate(), true)), List.of()), AS_OF)
        .scan(dir.resolve("signed.jpg")).c2paValidation();
    assertEquals("untrusted", otherAnchor.trust());
    C2paValidation allowed = new ProvenanceScanner(ScanPolicy.defaults(), ScanLimits.defaults(), new C2paTrust(List.of(), List.of(ee)), AS_OF)
        .scan(dir.resolve("signed.jpg")).c2paValidation();
    assertEquals("trusted", allowed.trust());
  }

  @Test
  void theBindingStateComesFromTheContentBindingStatuses() {
    assertEquals("mismatch", C2paValidator.bindingState(List.of(
        new C2paStatus("assertion.hashedURI.match", null, null), new C2paStatus("assertion.dataHash.mismatch", null, null))).state());
    assertEquals("match", C2paValidator.bindingState(List.of(new C2paStatus("assertion.bmffHash.match", null, null))).state());
    C2paValidator.Binding notChecked = C2paValidator.bindingState(List.of(
        new C2paStatus("algorithm.unsupported", null, "fragmented MP4 without its fragments")));
    assertEquals("not_checked", notChecked.state());
    assertEquals("fragmented MP4 without its fragments", notChecked.reason());
  }
}
