package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class JpegWalkerTest {
  private static final byte[] STORE = c2paCreatedBy("Midjourney", "trainedAlgorithmicMedia");

  @Test
  void manifestStoreSplitAcrossApp11SegmentsIsReassembled() {
    List<byte[]> segments = app11(STORE, 7, 100);
    assertTrue(segments.size() > 3);
    Walked walked = walk(JpegWalker::walk, jpeg(segments.toArray(byte[][]::new)));

    assertNull(walked.error());
    assertTrue(walked.ctx().c2pa());
    Signal action = only(walked.signals(), "action");
    assertEquals("c2pa.created", action.values().get("action"));
    assertEquals("Midjourney 1.0", action.values().get("software_agent"));
    assertEquals("unverified", action.values().get("validation"));
    assertTrue(action.genai());
  }

  @Test
  void segmentsAreOrderedBySequenceNumberNotFilePosition() {
    List<byte[]> segments = new java.util.ArrayList<>(app11(STORE, 1, 120));
    java.util.Collections.swap(segments, 1, 2);
    Walked walked = walk(JpegWalker::walk, jpeg(segments.toArray(byte[][]::new)));
    assertNull(walked.error());
    assertTrue(only(walked.signals(), "action").genai());
  }

  @Test
  void missingSegmentLeavesATruncatedStore() {
    List<byte[]> segments = new java.util.ArrayList<>(app11(STORE, 1, 120));
    segments.remove(1);
    Walked walked = walk(JpegWalker::walk, jpeg(segments.toArray(byte[][]::new)));
    assertFalse(walked.ctx().c2pa());
    assertTrue(walked.error().contains("JUMBF box 'jumb' at store offset 0 claims"), walked.error());
  }

  @Test
  void lyingSegmentLengthIsATruncation() {
    byte[] file = concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xF0},
        ascii("Exif\0\0"));
    Walked walked = walk(JpegWalker::walk, file);
    assertEquals("truncated JPEG segment 0xFFE1 at offset 2", walked.error());
    assertTrue(walked.bytesRead() <= file.length);
  }

  @Test
  void xmpDigitalSourceTypeIsReportedWithItsCode() {
    byte[] app1 = jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmp(
        "Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic\""
            + " xmp:CreatorTool=\"Adobe Firefly\""))));
    Walked walked = walk(JpegWalker::walk, jpeg(app1));

    Signal type = only(walked.signals(), "digital_source_type");
    assertEquals("compositeSynthetic", type.values().get("digital_source_type"));
    assertTrue(type.genai());
    Signal tool = only(walked.signals(), "creator_tool");
    assertEquals("Firefly", tool.values().get("matched"));
  }

  @Test
  void algorithmicMediaIsReportedButNotGenai() {
    byte[] app1 = jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmp(
        "Iptc4xmpExt:DigitalSourceType=\"algorithmicMedia\""))));
    Walked walked = walk(JpegWalker::walk, jpeg(app1));
    Signal type = only(walked.signals(), "digital_source_type");
    assertEquals("algorithmicMedia", type.values().get("digital_source_type"));
    assertFalse(walked.genai());
  }

  @Test
  void scanStopsAtStartOfScan() {
    byte[] afterScan = jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmp(
        "Iptc4xmpExt:DigitalSourceType=\"trainedAlgorithmicMedia\""))));
    Walked walked = walk(JpegWalker::walk, concat(jpeg(), afterScan));
    assertTrue(walked.signals().isEmpty());
  }
}
