package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the PDF walk (Apache PDFBox behind {@link PdfRandomAccess}) and the standalone manifest
 * store, as {@link ContainerWalkerFuzzTest} does the container walks. Under plain {@code mvn test}
 * Jazzer runs the seeds in {@code PdfAndManifestFuzzTestInputs/} (a PDF 1.5 file with cross-reference
 * and object streams, a classic one, a manifest store); with {@code JAZZER_FUZZ=1} it fuzzes each
 * method for up to 30 s. Invariants: no exception escapes but the malformed-content error the
 * scanner records (PDFBox's own exceptions included), no hang (Jazzer's per-input timeout), and the
 * bytes read stay within a small multiple of the input length.
 */
class PdfAndManifestFuzzTest {

  private static void check(CraftedBytes.Walk walk, byte[] data) {
    CraftedBytes.Walked walked = CraftedBytes.walk(walk, data, ScanLimits.defaults());
    long bound = 4L * data.length + PdfRandomAccess.PAGE;
    assertTrue(walked.bytesRead() <= bound,
        "read " + walked.bytesRead() + " bytes of a " + data.length + "-byte input");
    walked.signals().forEach(signal -> assertTrue(signal.values().values().stream()
        .allMatch(v -> v.length() <= 8 * 1024), "a signal value is not an excerpt: " + signal));
  }

  @FuzzTest(maxDuration = "30s")
  void pdf(byte[] data) {
    check(PdfWalker::walk, data);
  }

  @FuzzTest(maxDuration = "30s")
  void standaloneStore(byte[] data) {
    check((ctx, source) -> {
      byte[] head = source.readUpTo(0, ByteSource.HEAD_BYTES, "head");
      ProvenanceScanner.walk(ctx, source, head, ProvenanceScanner.C2PA_MEDIA_TYPE);
    }, data);
  }
}
