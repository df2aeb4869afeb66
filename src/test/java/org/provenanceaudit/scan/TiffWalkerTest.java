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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TiffWalkerTest {
  private static final Path WILD = Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "wild");
  private static final String A1111 = "a lighthouse in fog\nNegative prompt: blurry\n"
      + "Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x768";
  private static final int UNDEFINED = 7;
  private static final int ASCII = 2;
  private static final int USER_COMMENT = 0x9286;

  private static void walkTiff(ScanContext ctx, ByteSource source) {
    TiffWalker.walk(ctx, source, "TIFF");
  }

  private static ScanRecord scanWild(String name) {
    Path file = WILD.resolve(name);
    assumeTrue(Files.isRegularFile(file), "wild corpus not found at " + file.toAbsolutePath());
    return new ProvenanceScanner(ScanPolicy.defaults()).scan(file);
  }

  private static Signal record(Walked walked) {
    return only(walked.signals(), "generation_record");
  }

  @Test
  void civitaiUnicodeCommentInBigEndianInsideLittleEndianExifIsRead() {
    ScanRecord record = scanWild("sdmeta__civitai.jpeg");
    assertTrue(record.genai());
    assertNull(record.error());
    Signal generation = only(record.signals(), "generation_record");
    assertEquals("AUTOMATIC1111", generation.values().get("front_end"));
    assertTrue(generation.values().get("excerpt").startsWith("general, masterpiece"), generation.toString());
  }

  @Test
  void comfyUiJsonCommentTypedAsciiInIfd0IsRead() {
    ScanRecord record = scanWild("sdmeta__comfyui-saveimage-plus.jpg");
    assertTrue(record.genai());
    assertNull(record.error());
    Signal generation = only(record.signals(), "generation_record");
    assertEquals("ComfyUI", generation.values().get("front_end"));
    assertEquals("UserComment", generation.values().get("key"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void unicodeByteOrderComesFromTheTextNotTheHeader(boolean littleHeader) {
    byte[] text = A1111.getBytes(littleHeader ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
    byte[] tiff = TiffBytes.classic(littleHeader).exif(USER_COMMENT, UNDEFINED,
        concat(ascii("UNICODE\0"), text)).build();
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertEquals("AUTOMATIC1111", record(walked).values().get("front_end"));
    assertTrue(record(walked).values().get("excerpt").startsWith("a lighthouse"));
  }

  @Test
  void unicodeByteOrderMarkWins() {
    byte[] tiff = TiffBytes.classic(true).exif(USER_COMMENT, UNDEFINED,
        concat(ascii("UNICODE\0"), A1111.getBytes(StandardCharsets.UTF_16))).build();
    assertEquals("AUTOMATIC1111", record(walk(TiffWalkerTest::walkTiff, tiff)).values().get("front_end"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ASCII\0\0\0", "\0\0\0\0\0\0\0\0", ""})
  void eightByteCodeIsOptionalAndEitherTypeIsRead(String code) {
    for (int type : new int[] {ASCII, UNDEFINED}) {
      byte[] tiff = TiffBytes.classic(false).ifd0(USER_COMMENT, type, concat(ascii(code), utf8(A1111), new byte[1]))
          .build();
      Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
      assertEquals("AUTOMATIC1111", record(walked).values().get("front_end"), "type " + type);
      assertNull(walked.error());
    }
  }

  @Test
  void jisCodeIsDecodedAsJisX0208() {
    byte[] text = "テスト".getBytes(java.nio.charset.Charset.forName("x-JIS0208"));
    byte[] tiff = TiffBytes.classic(true).exif(USER_COMMENT, UNDEFINED,
        concat(ascii("JIS\0\0\0\0\0"), text)).build();
    ScanContext ctx = new ScanContext(new ScanPolicy(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("テスト")),
        ScanLimits.defaults());
    ctx.run(() -> walkTiff(ctx, ByteSource.of(tiff, tiff.length)));
    assertEquals("テスト", only(ctx.signals(), "software").values().get("matched"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"prompt\": \"a cat on a mat\"}", "Runways at dusk, Steps: many", "Sorano, Tuscany"})
  void commentsThatAreNotRecordsOrToolsDoNotFire(String comment) {
    byte[] tiff = TiffBytes.classic(true).exif(USER_COMMENT, UNDEFINED, concat(ascii("ASCII\0\0\0"), utf8(comment)))
        .build();
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertTrue(walked.signals().isEmpty(), walked.signals().toString());
    assertNull(walked.error());
  }

  @Test
  void commentOverTheTextCapIsCutAndTheCutRecorded() {
    String workflow = "{\"prompt\": {\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1}}, \"4\": {\"inputs\": {\"text\": \""
        + "x".repeat(5000) + "\"}}}}";
    byte[] tiff = TiffBytes.classic(true).ifd0(USER_COMMENT, ASCII, utf8(workflow)).build();
    ScanLimits small = new ScanLimits(1 << 20, 1 << 20, 1000, 32, 4096);
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff, small);
    assertEquals("ComfyUI", record(walked).values().get("front_end"));
    assertEquals("4096", record(walked).values().get("length"));
    assertEquals("EXIF UserComment in TIFF declares " + workflow.length() + " bytes; read the first 4096 (the text cap)",
        walked.error());
  }

  @Test
  void softwareTagNamingAGenaiToolIsReported() {
    Walked walked = walk(TiffWalkerTest::walkTiff, RiffWalkerTest.tiffWithAscii(0x0131, "NovelAI Diffusion V3"));
    Signal software = only(walked.signals(), "software");
    assertEquals("NovelAI", software.values().get("matched"));
    assertTrue(software.genai());
  }

  @Test
  void c2paTagCarriesTheManifestStore() {
    byte[] store = c2paCreatedBy("DALL-E", "trainedAlgorithmicMedia");
    byte[] tiff = concat(ascii("II"), new byte[] {42, 0}, le32(8), new byte[] {1, 0},
        new byte[] {0x41, (byte) 0xCD, 7, 0}, le32(store.length), le32(26), le32(0), store);
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertTrue(walked.ctx().c2pa());
    assertEquals("DALL-E 1.0", only(walked.signals(), "action").values().get("software_agent"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bigTiffDirectoriesAreRead(boolean little) {
    byte[] store = c2paCreatedBy("Firefly", "trainedAlgorithmicMedia");
    byte[] tiff = TiffBytes.bigTiff(little)
        .ifd0(0x0131, ASCII, ascii("Midjourney v6\0"))
        .ifd0(0x02BC, 1, utf8(xmp("Iptc4xmpExt:DigitalSourceType=\"compositeSynthetic\"")))
        .ifd0(0xCD41, UNDEFINED, store)
        .exif(USER_COMMENT, UNDEFINED, concat(ascii("ASCII\0\0\0"), utf8(A1111)))
        .build();
    assertTrue(TiffWalker.isTiff(tiff));
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertNull(walked.error());
    assertEquals("Midjourney", only(walked.signals(), "software").values().get("matched"));
    assertEquals("compositeSynthetic", only(walked.signals(), "digital_source_type").values().get("digital_source_type"));
    assertTrue(walked.ctx().c2pa());
    assertEquals("AUTOMATIC1111", record(walked).values().get("front_end"));
  }

  @Test
  void bigTiffWithAnotherOffsetSizeIsNotTiff() {
    byte[] tiff = TiffBytes.bigTiff(true).ifd0(0x0131, ASCII, ascii("Midjourney v6\0")).build();
    tiff[4] = 4;
    assertFalse(TiffWalker.isTiff(tiff));
  }

  @Test
  void bigTiffEntryCountOverTheCapIsRefusedBeforeReading() {
    TiffBytes big = TiffBytes.bigTiff(true);
    byte[] tiff = concat(ascii("II"), big.uint(43, 2), big.uint(8, 2), big.uint(0, 2), big.uint(16, 8),
        big.uint(Long.MAX_VALUE, 8));
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertEquals("TIFF directory at offset 16 declares 9223372036854775807 entries, over the cap of 100000",
        walked.error());
    assertTrue(walked.bytesRead() <= tiff.length);
  }

  @Test
  void xmpTagOverTheCapIsReadUpToTheCap() {
    String packet = xmp("Iptc4xmpExt:DigitalSourceType=\"trainedAlgorithmicMedia\"").replace("/>",
        "><rdf:Description>" + "<x:pad>ancestor</x:pad>".repeat(200) + "</rdf:Description></rdf:Description>");
    byte[] tiff = TiffBytes.classic(true).ifd0(0x02BC, UNDEFINED, utf8(packet)).build();
    ScanLimits small = new ScanLimits(1 << 20, 2048, 1000, 32, 4096);
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff, small);
    assertTrue(only(walked.signals(), "digital_source_type").genai());
    assertEquals("XMP packet in TIFF XMP tag declares " + utf8(packet).length
        + " bytes, over the cap of 2048; the first 2048 were read", walked.error());
  }

  @Test
  void directoryLoopIsAnError() {
    byte[] tiff = concat(ascii("MM"), be16(42), be32(8), be16(0), be32(8));
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertEquals("TIFF directory chain loops at offset 8 in TIFF", walked.error());
  }

  @Test
  void directoryCountBeyondTheFileIsATruncation() {
    byte[] tiff = concat(ascii("MM"), be16(42), be32(8), be16(0xFFFF), new byte[12]);
    Walked walked = walk(TiffWalkerTest::walkTiff, tiff);
    assertTrue(walked.error().startsWith("truncated TIFF directory of 65535 entries at offset 10"), walked.error());
  }
}
