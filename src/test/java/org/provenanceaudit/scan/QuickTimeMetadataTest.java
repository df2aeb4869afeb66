package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MP4 and QuickTime metadata items as ffmpeg, Apple and ComfyUI's video nodes write them. */
class QuickTimeMetadataTest {

  static final String COMFYUI_PROMPT =
      "{\"3\": {\"inputs\": {\"seed\": 42, \"steps\": 20}, \"class_type\": \"KSampler\"}}";
  static final String A1111 = "a fox in snow\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512";

  /** An iTunes-style data atom: type indicator, locale 0, value. */
  static byte[] data(int type, byte[] value) {
    return box("data", be32(type), be32(0), value);
  }

  static byte[] utf8Item(String type, String value) {
    return box(type, data(1, utf8(value)));
  }

  static byte[] hdlr(String handler) {
    return box("hdlr", new byte[4], new byte[4], ascii(handler), new byte[12], new byte[1]);
  }

  /** ffmpeg's MP4 layout: moov/udta/meta (full box), handler mdir, then ilst. */
  static byte[] ffmpegMp4(byte[]... items) {
    byte[] meta = box("meta", new byte[4], hdlr("mdir"), box("ilst", items));
    return concat(box("ftyp", ascii("isom"), be32(512), ascii("isomiso2avc1mp41")),
        box("mdat", new byte[1_000_000]), box("moov", box("mvhd", new byte[100]), box("udta", meta)));
  }

  /** QuickTime's keyed layout: moov/meta (not a full box), handler mdta, keys, ilst by key index. */
  static byte[] mdtaMov(List<String> keys, byte[]... items) {
    byte[][] entries = keys.stream()
        .map(k -> concat(be32(8 + k.getBytes(StandardCharsets.UTF_8).length), ascii("mdta"), utf8(k)))
        .toArray(byte[][]::new);
    byte[] keysBox = box("keys", new byte[4], be32(keys.size()), concat(entries));
    return concat(box("ftyp", ascii("qt  "), be32(0), ascii("qt  ")),
        box("moov", box("mvhd", new byte[100]), box("meta", hdlr("mdta"), keysBox, box("ilst", items))));
  }

  static byte[] indexItem(int index, byte[] data) {
    return concat(be32(8 + data.length), be32(index), data);
  }

  @Test
  void comfyUiVideoNodePromptInTheMp4CommentIsAGenerationRecord() {
    Path file = Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "wild",
        "repro__comfyui-vhs-comment.mp4");
    assumeTrue(Files.isRegularFile(file), "not found: " + file);
    ScanRecord record = new ProvenanceScanner(ScanPolicy.defaults()).scan(file);

    assertEquals("video/mp4", record.mediaType());
    assertTrue(record.genai());
    assertNull(record.error());
    Signal signal = only(record.signals(), "generation_record");
    assertEquals("quicktime", signal.source());
    assertEquals("\u00a9cmt", signal.values().get("key"));
    assertEquals("ComfyUI", signal.values().get("front_end"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00a9cmt", "\u00a9des", "desc", "ldes"})
  void commentAndDescriptionItemsCarryRecordsWithoutReadingTheMedia(String item) {
    Walked walked = walk(BmffWalker::walk, ffmpegMp4(utf8Item("\u00a9too", "Lavf60.16.100"), utf8Item(item, A1111)));

    Signal signal = only(walked.signals(), "generation_record");
    assertEquals(item, signal.values().get("key"));
    assertEquals("AUTOMATIC1111", signal.values().get("front_end"));
    assertNull(walked.error());
    assertTrue(walked.bytesRead() < 2_000, "read " + walked.bytesRead());
  }

  @Test
  void utf16TextAndSoftwareItemsAreRead() {
    Walked walked = walk(BmffWalker::walk, ffmpegMp4(
        box("\u00a9cmt", data(2, COMFYUI_PROMPT.getBytes(StandardCharsets.UTF_16BE))),
        utf8Item("\u00a9swr", "Runway Gen-3 Alpha")));
    assertEquals("ComfyUI", only(walked.signals(), "generation_record").values().get("front_end"));
    assertEquals("Runway", only(walked.signals(), "software").values().get("matched"));
  }

  @Test
  void nearTwinsDoNotFire() {
    Walked walked = walk(BmffWalker::walk, ffmpegMp4(
        utf8Item("\u00a9too", "Lavf60.16.100"),
        utf8Item("\u00a9cmt", "{\"title\": \"Harbour at dusk\", \"camera\": \"X-T4\"}"),
        utf8Item("\u00a9nam", "Sora and the Runway to the sea"),
        utf8Item("\u00a9ART", A1111),
        box("covr", data(13, new byte[300_000]))));
    assertEquals(List.of(), walked.signals());
    assertNull(walked.error());
    assertTrue(walked.bytesRead() < 2_000, "cover art was read: " + walked.bytesRead());
  }

  @Test
  void aTitleCountsOnlyWhenItHoldsARecord() {
    Walked walked = walk(BmffWalker::walk, ffmpegMp4(utf8Item("\u00a9nam", COMFYUI_PROMPT)));
    assertEquals("\u00a9nam", only(walked.signals(), "generation_record").values().get("key"));
  }

  @Test
  void keyedMetadataIsReadThroughTheKeysBox() {
    byte[] mov = mdtaMov(
        List.of("com.apple.quicktime.make", "com.apple.quicktime.software", "comment", "encoder"),
        indexItem(1, data(1, utf8("Sora"))),
        indexItem(2, data(1, utf8("Sora 2"))),
        indexItem(3, data(1, utf8(COMFYUI_PROMPT))),
        indexItem(4, data(1, utf8("Lavf61.1.100"))));
    Walked walked = walk(BmffWalker::walk, mov);

    assertNull(walked.error());
    Signal software = only(walked.signals(), "software");
    assertEquals("com.apple.quicktime.software", software.values().get("tag"));
    assertEquals("comment", only(walked.signals(), "generation_record").values().get("key"));
  }

  @Test
  void keyedItemsWithoutTheirKeyOrOfAnotherTypeAreReportedNotRead() {
    byte[] mov = mdtaMov(List.of("com.apple.quicktime.comment"),
        indexItem(7, data(1, utf8(COMFYUI_PROMPT))),
        indexItem(1, data(21, be32(5))));
    Walked walked = walk(BmffWalker::walk, mov);

    assertEquals(List.of(), walked.signals());
    assertTrue(walked.error().contains("names key 7 of 1; not read"), walked.error());
    assertTrue(walked.error().contains("'com.apple.quicktime.comment' at offset")
        && walked.error().contains("has data type 21, not text; not read"), walked.error());
  }

  @Test
  void aKeysBoxThatLiesIsAnError() {
    byte[] keysBox = box("keys", new byte[4], be32(2), be32(200), ascii("mdtacomment"));
    byte[] mov = concat(box("ftyp", ascii("qt  ")),
        box("moov", box("meta", hdlr("mdta"), keysBox, box("ilst", indexItem(1, data(1, utf8(A1111)))))));
    Walked walked = walk(BmffWalker::walk, mov);
    assertTrue(walked.error().contains("key 1 of 2 does not fit"), walked.error());
    assertTrue(walked.error().contains("names key 1 of 0; not read"), walked.error());
  }

  @Test
  void quickTimeUserDataTextAtomsAreRead() {
    byte[] comment = utf8(COMFYUI_PROMPT);
    byte[] text = concat(be16(comment.length), be16(0x55C4), comment);
    byte[] mov = concat(box("ftyp", ascii("qt  ")), box("moov", box("udta", box("\u00a9cmt", text))));
    assertEquals("ComfyUI", only(walk(BmffWalker::walk, mov).signals(), "generation_record").values().get("front_end"));
  }

  @Test
  void aCutUserDataTextAtomIsAnError() {
    byte[] text = concat(be16(500), be16(0), utf8("Steps: 20, Sampler: Euler"));
    byte[] mov = concat(box("ftyp", ascii("qt  ")), box("moov", box("udta", box("\u00a9cmt", text))));
    Walked walked = walk(BmffWalker::walk, mov);
    assertFalse(walked.genai());
    assertTrue(walked.error().startsWith("QuickTime text atom '?cmt' at offset 28 claims a 500-byte string"),
        walked.error());
  }

  @Test
  void appleKeyedMetadataOfARealMovIsReadWithoutFalseSignals() {
    Path file = Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "real-assets", "c2pars__c.mov");
    assumeTrue(Files.isRegularFile(file), "not found: " + file);
    ScanRecord plain = new ProvenanceScanner(ScanPolicy.defaults()).scan(file);
    assertNull(plain.error());
    assertEquals(List.of(), plain.signals());
    // The same file under a policy naming its recorder (macOS) shows the software key was read.
    ScanPolicy macos = new ScanPolicy(ScanPolicy.defaults().genaiDigitalSourceTypes(),
        ScanPolicy.defaults().genaiTextKeys(), java.util.Set.of("macOS"));
    Signal software = only(new ProvenanceScanner(macos).scan(file).signals(), "software");
    assertEquals("com.apple.quicktime.software", software.values().get("tag"));
    assertEquals("macOS 14.6.1 (23G93)", software.values().get("value"));
  }
}
