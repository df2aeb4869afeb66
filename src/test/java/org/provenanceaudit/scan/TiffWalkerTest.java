package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import org.junit.jupiter.api.Test;

class TiffWalkerTest {

  private static void walkTiff(ScanContext ctx, ByteSource source) {
    TiffWalker.walk(ctx, source, "TIFF");
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
