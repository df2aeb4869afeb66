package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes every container walk. Under plain {@code mvn test} Jazzer runs the seeds in
 * {@code ContainerWalkerFuzzTestInputs/} (regression mode); with {@code JAZZER_FUZZ=1} it fuzzes
 * each method for up to 10 s. Invariants: no exception escapes a walk except the malformed-content
 * error the scanner records, and the bytes read stay within a small multiple of the input length
 * (the walks only re-read a few header bytes; they never read past the input or loop).
 */
class ContainerWalkerFuzzTest {

  private static void check(CraftedBytes.Walk walk, byte[] data) {
    ScanLimits limits = ScanLimits.defaults();
    CraftedBytes.Walked walked = CraftedBytes.walk(walk, data, limits);
    long bound = 4L * data.length + 64;
    assertTrue(walked.bytesRead() <= bound,
        "read " + walked.bytesRead() + " bytes of a " + data.length + "-byte input");
    walked.signals().forEach(signal -> assertTrue(signal.values().values().stream()
        .allMatch(v -> v.length() <= 8 * 1024), "a signal value is not an excerpt: " + signal));
  }

  @FuzzTest(maxDuration = "10s")
  void jpeg(byte[] data) {
    check(JpegWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void png(byte[] data) {
    check(PngWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void riff(byte[] data) {
    check(RiffWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void bmff(byte[] data) {
    check(BmffWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void tiff(byte[] data) {
    check((ctx, source) -> TiffWalker.walk(ctx, source, "TIFF"), data);
  }

  @FuzzTest(maxDuration = "10s")
  void gif(byte[] data) {
    check(GifWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void id3(byte[] data) {
    check((ctx, source) -> Id3Walker.walk(ctx, source, "ID3"), data);
  }

  @FuzzTest(maxDuration = "10s")
  void pdf(byte[] data) {
    check(PdfWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void svg(byte[] data) {
    check(SvgWalker::walk, data);
  }

  @FuzzTest(maxDuration = "10s")
  void c2paStore(byte[] data) {
    check((ctx, source) -> {
      byte[] store = source.read(0, (int) source.size(), "store");
      C2paManifestStore.report(ctx, store, 0, store.length, "fuzz");
    }, data);
  }
}
