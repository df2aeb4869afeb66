package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the PNG readers added for issue 10: ImageMagick raw profiles (all four kinds read) and
 * the stealth-parameter decoder (fed a valid 8-bit RGBA PNG whose pixels are the fuzzer's bytes,
 * so the bit stream, not the PNG framing, is what varies). Same invariants and modes as
 * {@link ContainerWalkerFuzzTest}: nothing but the scanner's own malformed-content error escapes,
 * signals stay excerpts, and reads stay within a small multiple of the input.
 */
class PngMetadataFuzzTest {

  private static final String[] PROFILES = {"xmp", "exif", "APP1", "iptc"};

  @FuzzTest(maxDuration = "10s")
  void rawProfile(FuzzedDataProvider data) {
    String kind = PROFILES[data.consumeInt(0, PROFILES.length - 1)];
    byte[] text = data.consumeRemainingAsBytes();
    ScanContext ctx = new ScanContext(ScanPolicy.defaults(), ScanLimits.defaults());
    ImageMagickRawProfile.report(ctx, ImageMagickRawProfile.KEY_PREFIX + kind, text, "fuzz");
    ctx.signals().forEach(signal -> assertTrue(signal.values().values().stream()
        .allMatch(v -> v.length() <= 8 * 1024), "a signal value is not an excerpt: " + signal));
  }

  @FuzzTest(maxDuration = "10s")
  void stealthPixels(FuzzedDataProvider data) {
    int width = data.consumeInt(1, 48);
    int height = data.consumeInt(1, 48);
    boolean alpha = data.consumeBoolean();
    String signature = data.pickValue(new String[] {"stealth_pnginfo", "stealth_pngcomp", "stealth_rgbinfo", "stealth_rgbcomp"});
    long lengthBits = data.consumeLong(0, 0xFFFF_FFFFL);
    byte[] payload = data.consumeRemainingAsBytes();
    byte[] png = StealthPngInfoTest.stealthPng(width, height, alpha, signature, payload, false, lengthBits);
    CraftedBytes.Walked walked = CraftedBytes.walk(PngWalker::walk, png);
    assertTrue(walked.bytesRead() <= 4L * png.length + 64, "read " + walked.bytesRead() + " of " + png.length);
    walked.signals().forEach(signal -> assertTrue(signal.values().values().stream()
        .allMatch(v -> v.length() <= 8 * 1024), "a signal value is not an excerpt: " + signal));
  }
}
