package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import org.junit.jupiter.api.Test;

class BmffWalkerTest {

  @Test
  void c2paUuidBoxAfterALargeMediaBoxIsFoundWithoutReadingTheMedia() {
    byte[] mp4 = concat(box("ftyp", ascii("isom")), box("mdat", new byte[2_000_000]),
        c2paUuidBox(c2paCreatedBy("Sora", "trainedAlgorithmicMedia")));
    Walked walked = walk(BmffWalker::walk, mp4);

    assertNull(walked.error());
    assertTrue(walked.ctx().c2pa());
    assertEquals("ISO BMFF uuid box", only(walked.signals(), "manifest_store").values().get("location"));
    assertTrue(only(walked.signals(), "action").genai());
    assertTrue(walked.bytesRead() < 4_000, "read " + walked.bytesRead());
  }

  @Test
  void largeSizeBeyondTheFileIsATruncationNotAnAllocation() {
    byte[] mp4 = concat(box("ftyp", ascii("isom")), be32(1), ascii("mdat"), be32(0x7FFF), be32(0), new byte[8]);
    Walked walked = walk(BmffWalker::walk, mp4);
    assertTrue(walked.error().startsWith("ISO BMFF box 'mdat' at offset 12 claims"), walked.error());
  }

  @Test
  void deeplyNestedMoovStopsAtTheDepthCap() {
    byte[] inner = box("free", ascii("INNERMOST"));
    for (int i = 0; i < 1000; i++) {
      inner = box("moov", inner);
    }
    Walked walked = walk(BmffWalker::walk, concat(box("ftyp", ascii("mp42")), inner));
    assertTrue(walked.error().startsWith("ISO BMFF box nested deeper than 32 levels"), walked.error());
  }

  @Test
  void quickTimeEncoderItemNamingAGenaiToolIsReported() {
    byte[] item = concat(be16(14), be16(0), ascii("Runway Gen-3 A"));
    byte[] mov = concat(box("ftyp", ascii("qt  ")), box("moov", box("udta", box("\u00a9too", item))));
    Signal software = only(walk(BmffWalker::walk, mov).signals(), "software");
    assertEquals("quicktime", software.source());
    assertEquals("Runway", software.values().get("matched"));
  }
}
