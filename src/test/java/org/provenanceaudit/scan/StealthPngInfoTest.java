package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * AUTOMATIC1111 stealth parameters, on the real file of sd-parsers' test suite and on images built
 * here the way the stealth-pnginfo extension writes them (add_data: signature, 32-bit bit length,
 * payload, column by column into the alpha or RGB low bits).
 */
class StealthPngInfoTest {

  private static final Path REAL =
      Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "real-assets", "sdparsers__automatic1111_stealth.png");
  private static final String PARAMETERS =
      "a lighthouse at night\nNegative prompt: blurry\nSteps: 25, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42, Size: 64x64";

  @Test
  void realStealthFileIsAnAutomatic1111Record() {
    assumeTrue(Files.isRegularFile(REAL), "corpus not found at " + REAL.toAbsolutePath());
    ScanRecord record = new ProvenanceScanner(ScanPolicy.defaults()).scan(REAL);

    Signal signal = only(record.signals(), "generation_record");
    assertEquals("png-stealth", signal.source());
    assertEquals("PNG alpha low bits (stealth_pngcomp)", signal.values().get("container"));
    assertEquals("AUTOMATIC1111", signal.values().get("front_end"));
    assertTrue(signal.values().get("excerpt").startsWith("a circle\nNegative prompt: a square\nSteps: 20"));
    assertTrue(record.genai());
    assertNull(record.error());
  }

  @Test
  void plainAlphaParametersAreRead() {
    byte[] file = stealthPng(64, 64, true, "stealth_pnginfo", utf8(PARAMETERS), false);
    Walked walked = walk(PngWalker::walk, file);

    Signal signal = only(walked.signals(), "generation_record");
    assertEquals("PNG alpha low bits (stealth_pnginfo)", signal.values().get("container"));
    assertEquals(PARAMETERS, signal.values().get("excerpt"));
    assertNull(walked.error());
  }

  @Test
  void compressedRgbParametersAreReadFromAnImageWithoutAlpha() {
    byte[] file = stealthPng(40, 30, false, "stealth_rgbcomp", gzip(utf8(PARAMETERS)), false);
    Signal signal = only(walk(PngWalker::walk, file).signals(), "generation_record");
    assertEquals("PNG RGB low bits (stealth_rgbcomp)", signal.values().get("container"));
    assertEquals(PARAMETERS, signal.values().get("excerpt"));
  }

  @Test
  void interlacedImagesAreDecodedWhole() {
    byte[] file = stealthPng(64, 64, true, "stealth_pnginfo", utf8(PARAMETERS), true);
    assertEquals(PARAMETERS, only(walk(PngWalker::walk, file).signals(), "generation_record").values().get("excerpt"));
  }

  @Test
  void nearTwinsDoNotFire() {
    Walked opaque = walk(PngWalker::walk, stealthPng(64, 64, true, null, new byte[0], false));
    Walked otherSignature = walk(PngWalker::walk, stealthPng(64, 64, true, "stealth_pngjunk", utf8(PARAMETERS), false));
    Walked rgbSignatureInAlpha = walk(PngWalker::walk, stealthPng(64, 64, true, "stealth_rgbinfo", utf8(PARAMETERS), false));

    for (Walked walked : new Walked[] {opaque, otherSignature, rgbSignatureInAlpha}) {
      assertTrue(walked.signals().isEmpty(), walked.signals().toString());
      assertNull(walked.error());
    }
  }

  @Test
  void anyPayloadUnderTheSignatureIsTheHiddenParametersKey() {
    Walked walked = walk(PngWalker::walk, stealthPng(64, 64, true, "stealth_pnginfo", utf8("holiday snap"), false));
    Signal signal = only(walked.signals(), "generation_record");
    assertEquals("parameters", signal.values().get("key"));
    assertNull(signal.values().get("front_end"));
    assertTrue(signal.genai());
  }

  @Test
  void lengthLargerThanTheImageIsAnError() {
    byte[] file = stealthPng(16, 16, true, "stealth_pnginfo", new byte[0], false, 1_000_000L);
    Walked walked = walk(PngWalker::walk, file);
    assertTrue(walked.signals().isEmpty());
    assertEquals("PNG alpha low bits (stealth_pnginfo) declares 1000000 bits, more than the 104 the image holds",
        walked.error());
  }

  @Test
  void imagesOverThePixelCapAreNotDecodedAndSaySo() {
    ScanLimits small = new ScanLimits(64L * ScanLimits.MIB, 32 * ScanLimits.MIB, 100_000, 32, ScanLimits.MIB, 1000);
    Walked walked = walk(PngWalker::walk, stealthPng(64, 64, true, "stealth_pnginfo", utf8(PARAMETERS), false), small);
    assertTrue(walked.signals().isEmpty());
    assertEquals("PNG of 64x64 pixels not checked for stealth parameters: decoding 64x64 pixels is over the cap of 1000",
        walked.error());
  }

  @Test
  void payloadOverTheTextCapIsReadUpToTheCap() {
    ScanLimits small = new ScanLimits(64L * ScanLimits.MIB, 32 * ScanLimits.MIB, 100_000, 32, 40);
    Walked walked = walk(PngWalker::walk, stealthPng(64, 64, true, "stealth_pnginfo", utf8(PARAMETERS), false), small);
    assertEquals(PARAMETERS.substring(0, 40), only(walked.signals(), "generation_record").values().get("excerpt"));
    assertEquals("PNG alpha low bits (stealth_pnginfo): payload of " + PARAMETERS.length()
        + " bytes cut at the cap of 40 bytes", walked.error());
  }

  @Test
  void onlyTheSignatureRowsAreReadWhenItDoesNotMatch() {
    byte[] file = stealthPng(64, 2048, true, null, new byte[0], false);
    Walked walked = walk(PngWalker::walk, file);
    assertTrue(walked.signals().isEmpty());
    assertTrue(walked.bytesRead() < file.length / 4, walked.bytesRead() + " of " + file.length);
  }

  static byte[] stealthPng(int width, int height, boolean alpha, String signature, byte[] payload, boolean interlaced) {
    return stealthPng(width, height, alpha, signature, payload, interlaced, 8L * payload.length);
  }

  /** Writes the bits as the extension's add_data does, over a noisy image, with ImageIO. */
  static byte[] stealthPng(int width, int height, boolean alpha, String signature, byte[] payload, boolean interlaced,
      long lengthBits) {
    BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
    java.util.Random random = new java.util.Random(7);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.getRaster().setPixel(x, y, alpha
            ? new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256), 255}
            : new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)});
      }
    }
    if (signature != null) {
      byte[] data = concat(signature.getBytes(StandardCharsets.US_ASCII), be32(lengthBits), payload);
      int bitsPerPixel = alpha ? 1 : 3;
      // As add_data, the bits that do not fit in the image are dropped.
      for (int bit = 0; bit < data.length * 8 && bit / bitsPerPixel < width * height; bit++) {
        int pixel = bit / bitsPerPixel;
        int band = alpha ? 3 : bit % 3;
        int x = pixel / height;
        int y = pixel % height;
        int value = (data[bit / 8] >> (7 - bit % 8)) & 1;
        image.getRaster().setSample(x, y, band, (image.getRaster().getSample(x, y, band) & ~1) | value);
      }
    }
    return interlaced ? interlace(encode(image)) : encode(image);
  }

  private static byte[] encode(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Re-encodes with Adam7 interlacing through ImageIO's PNG writer. */
  private static byte[] interlace(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
      javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (var stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
      }
      writer.dispose();
      byte[] bytes = out.toByteArray();
      assertEquals(1, bytes[8 + 8 + 12], "the image is interlaced");
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(data);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void stealthBitsDoNotDisturbTheTextChunkWalk() {
    byte[] file = stealthPng(64, 64, true, null, new byte[0], false);
    byte[] withText = concat(java.util.Arrays.copyOf(file, 33), tEXt("Software", "NovelAI"),
        java.util.Arrays.copyOfRange(file, 33, file.length));
    Walked walked = walk(PngWalker::walk, withText);
    assertEquals("NovelAI", only(walked.signals(), "software").values().get("matched"));
    assertEquals(1, walked.signals().size());
  }
}
