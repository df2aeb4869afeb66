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

  private static final String GUID = "2C4F7A1E9B3D5F60718293A4B5C6D7E8";

  private static byte[] mainXmpNaming(String guid) {
    return jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmp(
        "xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\" xmpNote:HasExtendedXMP=\"" + guid + "\""))));
  }

  /** The extended packet: a source type first, then a long ancestors list, as Photoshop writes it. */
  private static byte[] extendedPacket() {
    return utf8("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\""
        + " xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">"
        + "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>"
        + "<photoshop:DocumentAncestors><rdf:Bag>" + "<rdf:li>xmp.did:0123456789abcdef</rdf:li>".repeat(60)
        + "</rdf:Bag></photoshop:DocumentAncestors></rdf:Description></rdf:RDF></x:xmpmeta>");
  }

  /** APP1 extended XMP segments (XMP spec part 3 §1.1.3.1) of {@code packet}, pieces of {@code piece} bytes. */
  private static List<byte[]> extendedSegments(String guid, byte[] packet, int piece) {
    List<byte[]> segments = new java.util.ArrayList<>();
    for (int at = 0; at < packet.length; at += piece) {
      byte[] part = java.util.Arrays.copyOfRange(packet, at, Math.min(packet.length, at + piece));
      segments.add(jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xmp/extension/\0"), ascii(guid),
          be32(packet.length), be32(at), part)));
    }
    return segments;
  }

  @Test
  void extendedXmpIsJoinedByGuidAndOffset() {
    byte[] packet = extendedPacket();
    List<byte[]> segments = new java.util.ArrayList<>(extendedSegments(GUID, packet, 700));
    assertTrue(segments.size() >= 3);
    java.util.Collections.reverse(segments);
    segments.add(0, mainXmpNaming(GUID));
    Walked walked = walk(JpegWalker::walk, jpeg(segments.toArray(byte[][]::new)));
    assertNull(walked.error());
    Signal type = only(walked.signals(), "digital_source_type");
    assertEquals("JPEG extended XMP", type.values().get("where"));
    assertTrue(type.genai());
  }

  @Test
  void extendedXmpOfAnotherGuidIsNotReadAndThatIsRecorded() {
    String stale = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    List<byte[]> segments = new java.util.ArrayList<>(extendedSegments(stale, extendedPacket(), 700));
    segments.add(0, mainXmpNaming(GUID));
    Walked walked = walk(JpegWalker::walk, jpeg(segments.toArray(byte[][]::new)));
    assertTrue(walked.signals().isEmpty(), walked.signals().toString());
    assertEquals("JPEG extended XMP " + stale + " is not the one the main XMP names; not read; "
        + "the main XMP names extended XMP " + GUID + " but no JPEG APP1 segment carries it", walked.error());
  }

  @Test
  void extendedXmpWithAMissingPieceKeepsWhatCameBeforeTheGap() {
    byte[] packet = extendedPacket();
    List<byte[]> segments = new java.util.ArrayList<>(extendedSegments(GUID, packet, 700));
    segments.remove(1);
    segments.add(0, mainXmpNaming(GUID));
    Walked walked = walk(JpegWalker::walk, jpeg(segments.toArray(byte[][]::new)));
    assertTrue(only(walked.signals(), "digital_source_type").genai());
    assertEquals("JPEG extended XMP " + GUID + " declares " + packet.length
        + " bytes but its segments hold 700 without a gap; those were read", walked.error());
  }

  @Test
  void extendedXmpSegmentTooShortForItsHeaderIsRecorded() {
    byte[] shortSegment = jpegSegment(0xE1, concat(ascii("http://ns.adobe.com/xmp/extension/\0"), ascii(GUID)));
    Walked walked = walk(JpegWalker::walk, jpeg(shortSegment));
    assertEquals("JPEG extended XMP segment at offset 6 is too short for its header", walked.error());
  }
}
