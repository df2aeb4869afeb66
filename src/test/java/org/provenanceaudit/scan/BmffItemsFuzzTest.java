package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the ISO BMFF item readers: the fuzzer's bytes are the children of a {@code meta} box
 * (HEIF: {@code hdlr}, {@code iinf}, {@code iloc}, item data; QuickTime: {@code hdlr},
 * {@code keys}, {@code ilst}), so every mutation reaches the item parsers rather than the box
 * walk ContainerWalkerFuzzTest#bmff covers. Seeds in {@code BmffItemsFuzzTestInputs/} run under
 * plain {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes one method for up to 10 s. Invariants as
 * there: only the malformed-content error escapes, reads stay within a small multiple of the
 * input, signal values are excerpts.
 */
class BmffItemsFuzzTest {

  private static void check(byte[] file) {
    CraftedBytes.Walked walked = CraftedBytes.walk(BmffWalker::walk, file, ScanLimits.defaults());
    long bound = 4L * file.length + 64;
    assertTrue(walked.bytesRead() <= bound, "read " + walked.bytesRead() + " bytes of a " + file.length + "-byte input");
    walked.signals().forEach(signal -> assertTrue(signal.values().values().stream()
        .allMatch(v -> v.length() <= 8 * 1024), "a signal value is not an excerpt: " + signal));
  }

  @FuzzTest(maxDuration = "10s")
  void heifMeta(byte[] data) {
    check(concat(box("ftyp", ascii("heic"), be32(0), ascii("mif1heic")), box("meta", new byte[4], data)));
  }

  @FuzzTest(maxDuration = "10s")
  void quickTimeMeta(byte[] data) {
    check(concat(box("ftyp", ascii("qt  ")), box("moov", box("meta", data))));
  }

  @FuzzTest(maxDuration = "10s")
  void userDataText(byte[] data) {
    check(concat(box("ftyp", ascii("qt  ")), box("moov", box("udta", box("\u00a9cmt", data)))));
  }

  @FuzzTest(maxDuration = "10s")
  void fileTypeBrands(byte[] data) {
    assertFalse(MediaTypes.detect(data).isBlank());
  }
}
