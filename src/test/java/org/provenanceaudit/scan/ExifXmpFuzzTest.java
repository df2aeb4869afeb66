package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the readers added for EXIF and XMP as real writers store them, with the invariants of
 * {@link ContainerWalkerFuzzTest}: no exception escapes except the malformed-content error the
 * scanner records, the bytes read stay within a small multiple of the input, and signal values stay
 * excerpts. Each target puts the fuzzer's bytes behind the header its reader needs, so the fuzzer
 * spends its time inside that reader. Under plain {@code mvn test} Jazzer runs the seeds in
 * {@code ExifXmpFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes one method for up to 10 s.
 */
class ExifXmpFuzzTest {

  private static void check(CraftedBytes.Walk walk, byte[] data) {
    CraftedBytes.Walked walked = CraftedBytes.walk(walk, data, ScanLimits.defaults());
    long bound = 4L * data.length + 64;
    assertTrue(walked.bytesRead() <= bound,
        "read " + walked.bytesRead() + " bytes of a " + data.length + "-byte input");
    walked.signals().forEach(signal -> assertTrue(signal.values().values().stream()
        .allMatch(v -> v.length() <= 8 * 1024), "a signal value is not an excerpt: " + signal));
  }

  /** The streaming XMP reader on any bytes, whole and as a packet its container cut. */
  @FuzzTest(maxDuration = "10s")
  void xmpPacket(byte[] data) {
    check((ctx, source) -> {
      byte[] packet = source.read(0, (int) source.size(), "xmp");
      XmpPacket.report(ctx, packet, 0, packet.length, "fuzz");
      XmpPacket.report(ctx, packet, 0, packet.length / 2, "fuzz", "cut in half");
    }, data);
  }

  /** BigTIFF directories: the fuzzer's bytes follow a little-endian BigTIFF header. */
  @FuzzTest(maxDuration = "10s")
  void bigTiff(byte[] data) {
    byte[] header = {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0};
    check((ctx, source) -> TiffWalker.walk(ctx, source, "TIFF"), CraftedBytes.concat(header, data));
  }

  /** EXIF UserComment: the fuzzer's bytes are the comment of a classic TIFF's Exif IFD. */
  @FuzzTest(maxDuration = "10s")
  void userComment(byte[] data) {
    byte[] tiff = TiffBytes.classic(data.length % 2 == 0).exif(0x9286, 7, data).build();
    check((ctx, source) -> TiffWalker.walk(ctx, source, "TIFF"), tiff);
  }

  /**
   * JPEG extended XMP: a main packet naming a GUID, then the fuzzer's bytes as APP1 segment
   * payloads after the extension signature, cut into segments at each 0xFF 0xFF pair.
   */
  @FuzzTest(maxDuration = "10s")
  void jpegExtendedXmp(byte[] data) {
    String guid = "2C4F7A1E9B3D5F60718293A4B5C6D7E8";
    byte[] main = CraftedBytes.jpegSegment(0xE1, CraftedBytes.concat(CraftedBytes.ascii("http://ns.adobe.com/xap/1.0/\0"),
        CraftedBytes.utf8(CraftedBytes.xmp("xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\" xmpNote:HasExtendedXMP=\""
            + guid + "\""))));
    java.util.List<byte[]> segments = new java.util.ArrayList<>();
    segments.add(main);
    int from = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || (i + 1 < data.length && data[i] == (byte) 0xFF && data[i + 1] == (byte) 0xFF)) {
        byte[] piece = java.util.Arrays.copyOfRange(data, from, Math.min(i, from + 60000));
        segments.add(CraftedBytes.jpegSegment(0xE1, CraftedBytes.concat(
            CraftedBytes.ascii("http://ns.adobe.com/xmp/extension/\0"), CraftedBytes.ascii(guid), piece)));
        from = i + 2;
        i++;
      }
    }
    check(JpegWalker::walk, CraftedBytes.jpeg(segments.toArray(byte[][]::new)));
  }
}
