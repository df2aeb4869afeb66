package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte scan on real files made by other projects' tools (shared/corpus/real-assets). What each
 * file carries was checked by hand (hexdump and an independent Python JUMBF/CBOR reader) before
 * it was written down here. Skipped when the corpus is not checked out beside the project.
 */
class CorpusScanTest {
  /** The largest metadata in the corpus is verify.jpeg's 1.9 MB manifest store (thumbnails included). */
  private static final long MAX_BYTES_READ = 2L * 1024 * 1024;

  private static final Path CORPUS =
      Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "real-assets");
  private static final ProvenanceScanner SCANNER = new ProvenanceScanner(ScanPolicy.defaults());

  @BeforeAll
  static void corpusPresent() {
    assumeTrue(Files.isDirectory(CORPUS), "corpus not found at " + CORPUS.toAbsolutePath());
  }

  private static ScanRecord scan(String name) {
    return SCANNER.scan(CORPUS.resolve(name));
  }

  private static List<Signal> kind(ScanRecord record, String kind, String role) {
    return record.signals().stream()
        .filter(s -> s.kind().equals(kind) && (role == null || role.equals(s.values().get("role"))))
        .toList();
  }

  static Stream<Path> corpusFiles() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> !f.getFileName().toString().endsWith(".md")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("corpusFiles")
  void everyFileScansWithinTheByteAndTimeBudget(Path file) throws IOException {
    ScanRecord record = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SCANNER.scan(file));
    long size = Files.size(file);
    assertTrue(record.bytesRead() <= size, "read " + record.bytesRead() + " of " + size);
    assertTrue(record.bytesRead() < MAX_BYTES_READ, "read " + record.bytesRead());
    assertTrue(record.error() == null || !record.error().isBlank());
    assertFalse(record.mediaType().isBlank());
  }

  @Test
  void fireflyEditInPhotoshopNamesTheGenaiSourceTypeAndAgent() {
    ScanRecord record = scan("c2pars__ocsp.jpg");
    assertTrue(record.c2pa());
    assertTrue(record.genai());
    assertNull(record.error());
    Signal generator = kind(record, "claim_generator", "active").get(0);
    assertEquals("Adobe_Photoshop/26.9.0 adobe_c2pa/0.14.2 c2pa-rs/0.43.0", generator.values().get("claim_generator"));
    Signal edited = kind(record, "action", "active").get(2);
    assertEquals("c2pa.edited", edited.values().get("action"));
    assertEquals("compositeWithTrainedAlgorithmicMedia", edited.values().get("digital_source_type"));
    assertEquals("Adobe Firefly", edited.values().get("software_agent"));
    assertEquals("valid, untrusted signer", edited.values().get("validation"));
    Signal created = kind(record, "action", "ingredient").get(0);
    assertEquals("trainedAlgorithmicMedia", created.values().get("digital_source_type"));
    assertEquals("Adobe Firefly", created.values().get("software_agent"));
    assertTrue(created.genai());
  }

  @Test
  void adobeExpressPdfCarriesItsManifestAsAnEmbeddedFile() {
    ScanRecord record = scan("c2pars__express-signed.pdf");
    assertEquals("application/pdf", record.mediaType());
    assertTrue(record.c2pa());
    assertTrue(record.genai());
    assertEquals("PDF embedded file", kind(record, "manifest_store", null).get(0).values().get("location"));
    Signal created = kind(record, "action", "active").get(0);
    assertEquals(Map.of("action", "c2pa.created", "digital_source_type", "compositeWithTrainedAlgorithmicMedia",
        "software_agent", "Adobe Firefly"), Map.of("action", created.values().get("action"),
        "digital_source_type", created.values().get("digital_source_type"),
        "software_agent", created.values().get("software_agent")));
    assertEquals("Adobe Firefly Pipeline", kind(record, "action", "ingredient").get(0).values().get("software_agent"));
  }

  @Test
  void mp4ManifestStoreInTheC2paUuidBox() throws IOException {
    ScanRecord record = scan("c2pars__video1.mp4");
    assertEquals("video/mp4", record.mediaType());
    assertTrue(record.c2pa());
    assertFalse(record.genai());
    Signal store = kind(record, "manifest_store", null).get(0);
    assertEquals("ISO BMFF uuid box", store.values().get("location"));
    assertEquals("2", store.values().get("manifests"));
    assertEquals("TestApp c2patool/0.6.2 c2pa-rs/0.28.2",
        kind(record, "claim_generator", "active").get(0).values().get("claim_generator"));
    assertTrue(record.bytesRead() < Files.size(CORPUS.resolve("c2pars__video1.mp4")) / 10);
  }

  @Test
  void algorithmicMediaAndDigitalCaptureAreReportedButNotGenai() {
    ScanRecord algorithmic = scan("c2pars__C.jpg");
    assertEquals("algorithmicMedia", kind(algorithmic, "action", "active").get(0).values().get("digital_source_type"));
    assertFalse(algorithmic.genai());

    ScanRecord capture = scan("c2pars__C_with_CAWG_data.jpg");
    assertEquals("digitalCapture", kind(capture, "action", "active").get(0).values().get("digital_source_type"));
    assertFalse(capture.genai());
    assertEquals(List.of("cawg.ai_inference=notAllowed", "cawg.ai_generative_training=notAllowed"),
        kind(capture, "training_mining", "active").stream()
            .map(s -> s.values().get("entry") + "=" + s.values().get("use")).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "comfy__flux_flux_depth_lora_example.png", "comfy__hypernetworks_hypernetwork_example_output.png",
      "comfy__img2img_img2img_workflow.png", "comfy__inpaint_inpaint_example.png", "comfy__lora_lora.png",
      "comfy__lora_lora_multiple.png", "comfy__sdturbo_sdxlturbo_example.png",
      "comfy__upscale_models_esrgan_example.png"})
  void comfyUiPngsCarryPromptAndWorkflowRecords(String name) {
    ScanRecord record = scan(name);
    assertTrue(record.genai());
    assertFalse(record.c2pa());
    assertEquals(List.of("prompt", "workflow"),
        kind(record, "generation_record", null).stream().map(s -> s.values().get("key")).toList());
    assertTrue(kind(record, "generation_record", null).stream()
        .allMatch(s -> s.source().equals("png-text") && s.values().get("excerpt").startsWith("{")));
  }

  @Test
  void comfyUiAnimatedWebpKeepsItsRecordInExifMakeAndModel() {
    ScanRecord record = scan("comfy__mochi_mochi_simple_checkpoint.webp");
    assertEquals("image/webp", record.mediaType());
    assertTrue(record.genai());
    assertEquals(List.of("Make:workflow", "Model:prompt"), record.signals().stream()
        .map(s -> s.values().get("container") + ":" + s.values().get("key")).toList());
    assertTrue(record.signals().stream().allMatch(s -> s.source().equals("exif")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "c2pars__earth_apollo17.jpg", "c2pars__IMG_0003.jpg", "c2pars__P1000827.jpg", "comfy__ltxv_fox.jpg",
      "comfy__ltxv_island.jpg", "comfy__unclip_sunset.png", "comfy__controlnet_pose_present.png",
      "c2pars__sample1.png", "c2pars__sample1.gif", "c2pars__sample1.svg", "c2pars__test.tiff",
      "c2pars__c.mov", "c2pars__sample1.avif", "c2pars__basic.pdf"})
  void plainMediaHasNoSignals(String name) {
    ScanRecord record = scan(name);
    assertEquals(List.of(), record.signals());
    assertFalse(record.c2pa());
  }

  @ParameterizedTest
  @ValueSource(strings = {"c2pars__basic.pdf", "c2pars__express-signed.pdf", "c2pajsl__sample.pdf"})
  void everyCorpusPdfIsReadWithoutError(String name) {
    ScanRecord record = scan(name);
    assertEquals("application/pdf", record.mediaType());
    assertNull(record.error());
  }

  @Test
  void standaloneManifestStoreIsReadAsOne() {
    ScanRecord record = scan("c2pars__manifest_data.c2pa");
    assertEquals("application/c2pa", record.mediaType());
    assertTrue(record.c2pa());
    assertNull(record.error());
    assertEquals("standalone manifest store", kind(record, "manifest_store", null).get(0).values().get("location"));
    assertEquals("contentauth:urn:uuid:b2b1f7fa-b119-4de1-9c0d-c97fbea3f2c3",
        kind(record, "manifest_store", null).get(0).values().get("active_manifest"));
  }

  @Test
  void strippedManifestLeavesOnlyItsXmpPointer() {
    ScanRecord record = scan("c2pars__no_manifest.jpg");
    assertFalse(record.c2pa());
    assertFalse(record.genai());
    Signal reference = kind(record, "c2pa_reference", null).get(0);
    assertEquals("embedded", reference.values().get("points_to"));
    assertEquals(1, record.signals().size());
    assertEquals("C2PA manifest missing: the XMP says the file embeds one (self#jumbf=/c2pa/"
        + "adobe:urn:uuid:5f5bba8c-9184-44c6-b9a7-62cfda37b343/c2pa.claim), but it is not in the file (stripped,"
        + " or lost when the file was re-saved)", record.error());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "c2pars__nested_moov_1000.mp4=ISO BMFF box nested deeper than 32 levels",
      "c2pars__riff_bomb_1000.wav=RIFF list nested deeper than 32 levels",
      "c2pars__id3v23_compression_underflow.mp3=ID3 frame 'TIT2' at offset 10 is marked compressed",
      "c2pars__sample3.invalid.wav=truncated RIFF WAVE: header claims 1441182 bytes",
      "c2pars__tiff_poc.tiff=TIFF directory chain loops"})
  void hostileFilesEndInAClearError(String nameAndError) {
    String[] parts = nameAndError.split("=", 2);
    ScanRecord record = scan(parts[0]);
    assertTrue(record.error() != null && record.error().startsWith(parts[1]), record.error());
  }
}
