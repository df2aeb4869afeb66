package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the scanner adds around the container walks: standalone and sidecar manifest stores, references. */
class ProvenanceScannerTest {
  private static final ProvenanceScanner SCANNER = new ProvenanceScanner(ScanPolicy.defaults());

  @TempDir
  Path dir;

  private static byte[] plainPng() {
    return png(tEXt("Title", "a plate"));
  }

  private static byte[] jpegWithXmp(String properties) {
    return jpeg(jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmp(properties)))));
  }

  private static List<Signal> kind(ScanRecord record, String kind) {
    return record.signals().stream().filter(s -> s.kind().equals(kind)).toList();
  }

  @Test
  void aStandaloneManifestStoreIsRecognisedFromItsBytes() {
    ScanRecord record = SCANNER.scan("anything.bin", c2paCreatedBy("Adobe Firefly", "trainedAlgorithmicMedia"));
    assertEquals("application/c2pa", record.mediaType());
    assertTrue(record.c2pa());
    assertTrue(record.genai());
    assertEquals("standalone manifest store", kind(record, "manifest_store").get(0).values().get("location"));
    assertNull(record.error());
  }

  @Test
  void aJumbfBoxOfAnotherTypeIsNotAManifestStore() {
    byte[] other = superbox("6a736f6e00110010800000aa00389b71", "not c2pa", jumbfBox("json", ascii("{}")));
    ScanRecord record = SCANNER.scan("other.jumbf", other);
    assertEquals("application/octet-stream", record.mediaType());
    assertFalse(record.c2pa());
    assertEquals(List.of(), record.signals());
  }

  @Test
  void aSidecarBesideTheAssetIsReadAsItsManifestStore() throws IOException {
    Files.write(dir.resolve("shot.png"), plainPng());
    byte[] store = c2paCreatedBy("Midjourney", "trainedAlgorithmicMedia");
    Files.write(dir.resolve("shot.c2pa"), store);
    ScanRecord record = SCANNER.scan(dir.resolve("shot.png"));
    assertEquals("image/png", record.mediaType());
    assertTrue(record.c2pa());
    assertTrue(record.genai());
    assertEquals("sidecar shot.c2pa", kind(record, "manifest_store").get(0).values().get("location"));
    assertTrue(record.bytesRead() >= store.length + plainPng().length, "both files counted");
    assertNull(record.error());
  }

  @Test
  void aStoreBesideADifferentNameIsNoSidecar() throws IOException {
    Files.write(dir.resolve("shot.png"), plainPng());
    Files.write(dir.resolve("shot2.c2pa"), c2paCreatedBy("Midjourney", "trainedAlgorithmicMedia"));
    Files.write(dir.resolve("shot.png.c2pa"), c2paCreatedBy("Midjourney", "trainedAlgorithmicMedia"));
    ScanRecord record = SCANNER.scan(dir.resolve("shot.png"));
    assertFalse(record.c2pa());
    assertEquals(List.of(), record.signals());
  }

  @Test
  void aSidecarThatIsNotAStoreIsAnError() throws IOException {
    Files.write(dir.resolve("shot.png"), plainPng());
    Files.write(dir.resolve("shot.c2pa"), ascii("not a manifest store at all, just text"));
    ScanRecord record = SCANNER.scan(dir.resolve("shot.png"));
    assertFalse(record.c2pa());
    assertTrue(record.error() != null && record.error().startsWith("sidecar shot.c2pa"), record.error());
  }

  @Test
  void aSidecarLinkLeadingOutOfTheAssetsFolderIsNotFollowed() throws IOException {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Path assets = Files.createDirectory(dir.resolve("assets"));
    Files.write(outside.resolve("secret.c2pa"), c2paCreatedBy("Midjourney", "trainedAlgorithmicMedia"));
    Files.write(assets.resolve("shot.png"), plainPng());
    Files.createSymbolicLink(assets.resolve("shot.c2pa"), outside.resolve("secret.c2pa"));
    ScanRecord record = SCANNER.scan(assets.resolve("shot.png"));
    assertFalse(record.c2pa());
    assertEquals(List.of(), record.signals());
    assertTrue(record.error().startsWith("sidecar shot.c2pa not read: file path resolves through a symbolic link"),
        record.error());
  }

  @Test
  void sidecarNamesReplaceTheExtension() {
    assertEquals("shots/a.c2pa", ProvenanceScanner.sidecarName("shots/a.jpg"));
    assertEquals("a.tar.c2pa", ProvenanceScanner.sidecarName("a.tar.gz"));
    assertNull(ProvenanceScanner.sidecarName("a.c2pa"));
    assertNull(ProvenanceScanner.sidecarName("README"));
    assertNull(ProvenanceScanner.sidecarName("shots.v2/README"));
    assertNull(ProvenanceScanner.sidecarName(".hidden"));
  }

  @Test
  void aRemoteManifestReferenceIsRecordedUnfetchedAndNotClean() {
    String url = "https://cai-manifests.example.com/manifests/urn-uuid-1234";
    ScanRecord record = SCANNER.scan("remote.jpg",
        jpegWithXmp("xmlns:dcterms=\"http://purl.org/dc/terms/\" dcterms:provenance=\"" + url + "\""));
    Signal reference = kind(record, "c2pa_reference").get(0);
    assertEquals(url, reference.values().get("url"));
    assertEquals("remote", reference.values().get("points_to"));
    assertEquals("false", reference.values().get("fetched"));
    assertFalse(record.c2pa());
    assertEquals("C2PA manifest is remote at " + url + "; not fetched, its content is unknown", record.error());
  }

  @Test
  void aFileWithoutAReferenceStaysClean() {
    ScanRecord record = SCANNER.scan("plain.jpg", jpegWithXmp("xmp:CreatorTool=\"Darktable\""));
    assertEquals(List.of(), record.signals());
    assertNull(record.error());
  }
}
