package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** GIF, ID3 and SVG carry C2PA stores less often; one test class covers their walks. */
class GifId3SvgWalkerTest {

  static byte[] subBlocks(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < data.length; at += 255) {
      int n = Math.min(255, data.length - at);
      out.write(n);
      out.write(data, at, n);
    }
    out.write(0);
    return out.toByteArray();
  }

  static byte[] gif(byte[]... blocks) {
    byte[] screen = concat(ascii("GIF89a"), new byte[] {1, 0, 1, 0, 0, 0, 0});
    byte[] image = concat(new byte[] {0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2}, subBlocks(new byte[600]));
    return concat(screen, image, concat(blocks), new byte[] {0x3B});
  }

  @Test
  void gifC2paApplicationExtension() {
    byte[] extension = concat(new byte[] {0x21, (byte) 0xFF, 11}, ascii("C2PA_GIF"), new byte[] {1, 0, 0},
        subBlocks(c2paCreatedBy("Imagen", "compositeWithTrainedAlgorithmicMedia")));
    Walked walked = walk(GifWalker::walk, gif(extension));
    assertNull(walked.error());
    assertTrue(walked.ctx().c2pa());
    assertEquals("compositeWithTrainedAlgorithmicMedia", only(walked.signals(), "action").values().get("digital_source_type"));
  }

  @Test
  void gifWithoutItsEndIsATruncation() {
    byte[] file = gif();
    byte[] cut = java.util.Arrays.copyOf(file, 200);
    Walked walked = walk(GifWalker::walk, cut);
    assertTrue(walked.error().startsWith("truncated GIF sub-block"), walked.error());
  }

  private static void walkId3(ScanContext ctx, ByteSource source) {
    Id3Walker.walk(ctx, source, "ID3");
  }

  static byte[] id3v23(byte[]... frames) {
    byte[] body = concat(frames);
    int n = body.length;
    byte[] size = {(byte) ((n >> 21) & 0x7F), (byte) ((n >> 14) & 0x7F), (byte) ((n >> 7) & 0x7F), (byte) (n & 0x7F)};
    return concat(ascii("ID3"), new byte[] {3, 0, 0}, size, body);
  }

  static byte[] frame(String id, int flags, byte[] data) {
    return concat(ascii(id), be32(data.length), be16(flags), data);
  }

  @Test
  void id3UserTextWithAGenerationKeyIsARecord() {
    Walked walked = walk(GifId3SvgWalkerTest::walkId3,
        id3v23(frame("TXXX", 0, concat(new byte[] {3}, ascii("prompt\0"), utf8("lofi beat, rain")))));
    Signal record = only(walked.signals(), "generation_record");
    assertEquals("id3", record.source());
    assertEquals("lofi beat, rain", record.values().get("excerpt"));
  }

  @Test
  void id3CompressedFrameShorterThanItsSizeFieldIsAnError() {
    Walked walked = walk(GifId3SvgWalkerTest::walkId3, id3v23(frame("TIT2", 0x0080, new byte[] {0, 0, 'x'})));
    assertEquals("ID3 frame 'TIT2' at offset 10 is marked compressed but is shorter than its 4-byte size field",
        walked.error());
  }

  @Test
  void id3CompressedEncoderFrameIsInflated() {
    byte[] text = concat(new byte[] {0}, ascii("Stable Diffusion Audio"));
    Walked walked = walk(GifId3SvgWalkerTest::walkId3,
        id3v23(frame("TSSE", 0x0080, concat(be32(text.length), zlib(text)))));
    assertEquals("Stable Diffusion", only(walked.signals(), "software").values().get("matched"));
  }

  @Test
  void id3GeobFrameCarriesTheManifestStore() {
    byte[] geob = concat(new byte[] {0}, ascii("application/x-c2pa-manifest-store\0"), ascii("c2pa\0"), ascii("\0"),
        c2paCreatedBy("Udio", "trainedAlgorithmicMedia"));
    Walked walked = walk(GifId3SvgWalkerTest::walkId3, id3v23(frame("GEOB", 0, geob)));
    assertTrue(walked.ctx().c2pa());
    assertTrue(only(walked.signals(), "action").genai());
  }

  @Test
  void svgBase64ManifestElement() {
    String store = Base64.getMimeEncoder().encodeToString(c2paCreatedBy("Firefly", "trainedAlgorithmicMedia"));
    byte[] svg = utf8("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><metadata>"
        + "<c2pa:manifest xmlns:c2pa=\"http://c2pa.org/manifest\">\n" + store + "\n</c2pa:manifest>"
        + "</metadata></svg>");
    Walked walked = walk(SvgWalker::walk, svg);
    assertEquals("SVG c2pa:manifest element", only(walked.signals(), "manifest_store").values().get("location"));
    assertTrue(walked.genai());
  }
}
