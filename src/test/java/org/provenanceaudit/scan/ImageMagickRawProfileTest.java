package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** ImageMagick's "Raw profile type" PNG text chunks, on its real output and on faithful builds. */
class ImageMagickRawProfileTest {

  private static final Path WILD = Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "wild");

  /** The value layout of coders/png.c: "\n<name>\n<8-wide length>\n" then 72 hex digits a line. */
  static String rawProfile(String name, byte[] profile) {
    String hex = HexFormat.of().formatHex(profile);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 72) {
      lines.append(hex, i, Math.min(hex.length(), i + 72)).append('\n');
    }
    return "\n" + name + "\n" + String.format("%8d", profile.length) + "\n" + lines;
  }

  static byte[] zTXt(String key, String value) {
    return pngChunk("zTXt", concat(ascii(key + "\0"), new byte[] {0}, zlib(ascii(value))));
  }

  @Test
  void imageMagickXmpProfileFromTheWildIsGenai() {
    Path file = WILD.resolve("repro__imagemagick-raw-profile-xmp.png");
    assumeTrue(Files.isRegularFile(file), "wild corpus not found at " + file.toAbsolutePath());
    ScanRecord record = new ProvenanceScanner(ScanPolicy.defaults()).scan(file);

    assertTrue(record.genai());
    Signal type = only(record.signals(), "digital_source_type");
    assertEquals("trainedAlgorithmicMedia", type.values().get("digital_source_type"));
    assertTrue(type.values().get("where").startsWith("PNG zTXt 'Raw profile type xmp'"), type.toString());
    assertNull(record.error());
  }

  @Test
  void exifProfileWithTheJpegHeaderIsWalked() {
    byte[] exif = concat(ascii("Exif\0\0"), RiffWalkerTest.tiffWithAscii(0x0131, "Stable Diffusion web UI"));
    Walked walked = walk(PngWalker::walk, png(zTXt("Raw profile type exif", rawProfile("exif", exif))));

    Signal software = only(walked.signals(), "software");
    assertEquals("Stable Diffusion", software.values().get("matched"));
    assertNull(walked.error());
  }

  @Test
  void app1ProfileMayHoldXmp() {
    byte[] app1 = concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmp("xmp:CreatorTool=\"Adobe Firefly\"")));
    Walked walked = walk(PngWalker::walk, png(tEXt("Raw profile type APP1", rawProfile("APP1", app1))));
    assertEquals("Firefly", only(walked.signals(), "creator_tool").values().get("matched"));
  }

  @Test
  void iptcProfileNamesTheOriginatingProgramAndKeepsCaptionRecords() {
    byte[] iim = concat(iimDataSet(65, "Midjourney"),
        iimDataSet(120, "a duck\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1"));
    Walked walked = walk(PngWalker::walk, png(zTXt("Raw profile type iptc", rawProfile("iptc", iim))));

    Signal software = only(walked.signals(), "software");
    assertEquals("iptc", software.source());
    assertEquals("OriginatingProgram", software.values().get("tag"));
    Signal record = only(walked.signals(), "generation_record");
    assertEquals("AUTOMATIC1111", record.values().get("front_end"));
    assertNull(walked.error());
  }

  @Test
  void nearTwinsDoNotFire() {
    byte[] camera = concat(iimDataSet(65, "Capture One"), iimDataSet(120, "Harbour at dawn"));
    byte[] capture = utf8(xmp("Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture\""));
    Walked walked = walk(PngWalker::walk, png(
        zTXt("Raw profile type iptc", rawProfile("iptc", camera)),
        zTXt("Raw profile type xmp", rawProfile("xmp", capture)),
        zTXt("Raw profile type icc", rawProfile("icc", new byte[64]))));

    assertFalse(walked.genai());
    assertEquals("digitalCapture", only(walked.signals(), "digital_source_type").values().get("digital_source_type"));
    assertNull(walked.error());
  }

  @Test
  void brokenProfilesAreErrorsNotSilence() {
    String notHex = "\nxmp\n      10\n3c3fzz\n";
    Walked walked = walk(PngWalker::walk, png(tEXt("Raw profile type xmp", notHex)));
    assertTrue(walked.error().startsWith("unreadable ImageMagick raw profile in PNG tEXt 'Raw profile type xmp'"),
        walked.error());

    String shortHex = "\nexif\n     100\n4d4d002a\n";
    Walked cut = walk(PngWalker::walk, png(tEXt("Raw profile type exif", shortHex)));
    assertTrue(cut.error().contains("hex data ends after 4 of 100 bytes"), cut.error());
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeAllocating() {
    MalformedContentException e = assertThrows(MalformedContentException.class,
        () -> ImageMagickRawProfile.decode(ascii("\nxmp\n9999999999\n00\n"), ScanLimits.MIB));
    assertTrue(e.getMessage().contains("over the cap"), e.getMessage());
  }

  @Test
  void decodeSkipsLineBreaksAndReadsTheDeclaredBytes() {
    ImageMagickRawProfile.Profile profile = ImageMagickRawProfile.decode(ascii("\nxmp\n       3\n61\n6263\n"), 16);
    assertEquals("xmp", profile.name());
    assertEquals("abc", new String(profile.bytes(), java.nio.charset.StandardCharsets.US_ASCII));
    assertNull(profile.problem());
  }

  /** One IPTC-IIM data set of record 2 (IIM 4.2 §1.5: 0x1C, record, data set, 16-bit length). */
  private static byte[] iimDataSet(int dataSet, String value) {
    byte[] v = utf8(value);
    return concat(new byte[] {0x1C, 2, (byte) dataSet}, be16(v.length), v);
  }
}
