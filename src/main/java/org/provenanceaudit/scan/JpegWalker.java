package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks JPEG marker segments up to the start of scan, where all metadata ends: APP1 EXIF and XMP;
 * APP1 extended XMP (XMP spec part 3 §1.1.3.1), the rest of a packet too large for one segment,
 * split into pieces that name the packet's GUID and their offset in it; and APP11 JUMBF segments,
 * which C2PA splits across many segments of one box instance, numbered by sequence. Split
 * structures are put back together before they are read.
 */
final class JpegWalker {
  private JpegWalker() {}

  private static final byte[] EXIF = Bytes.ascii("Exif\0\0");
  private static final byte[] XMP = Bytes.ascii("http://ns.adobe.com/xap/1.0/\0");
  private static final byte[] EXTENDED_XMP = Bytes.ascii("http://ns.adobe.com/xmp/extension/\0");
  /** GUID (32 hex digits), full length and offset (4 bytes each, big-endian). */
  private static final int EXTENDED_XMP_HEADER = 32 + 4 + 4;
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  static boolean isJpeg(byte[] head) {
    return head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF;
  }

  /** The APP11 segments of one JUMBF box instance, by sequence number. */
  private static final class JumbfInstance {
    final TreeMap<Long, byte[]> parts = new TreeMap<>();
    long total;
  }

  /** The extended XMP pieces of one GUID, by offset, and the full length they declare. */
  private static final class ExtendedXmp {
    final TreeMap<Long, byte[]> parts = new TreeMap<>();
    long fullLength;
  }

  /** What the segments collected: JUMBF instances, extended XMP pieces, the main packet's GUID. */
  private static final class Collected {
    final Map<Integer, JumbfInstance> jumbf = new TreeMap<>();
    final Map<String, ExtendedXmp> extendedXmp = new TreeMap<>();
    long extendedXmpBytes;
    String mainXmpGuid;
  }

  /**
   * Walks the segments of the JPEG in {@code source} and reports what their metadata holds.
   *
   * @throws MalformedContentException when a segment lies about its length or a marker is missing;
   *     the JUMBF and extended XMP pieces collected before are still read
   */
  static void walk(ScanContext ctx, ByteSource source) {
    Collected collected = new Collected();
    try {
      segments(ctx, source, collected);
    } finally {
      // Whatever stopped the walk, the C2PA segments already collected are still read.
      for (JumbfInstance instance : collected.jumbf.values()) {
        ctx.run(() -> reassembleAndReport(ctx, instance));
      }
      ctx.run(() -> extendedXmp(ctx, collected));
    }
  }

  private static void segments(ScanContext ctx, ByteSource source, Collected collected) {
    long at = 2;
    long size = source.size();
    while (at < size) {
      ctx.visit("JPEG segment", at);
      if (source.u8(at, "JPEG marker") != 0xFF) {
        throw new MalformedContentException("JPEG marker expected at offset " + at);
      }
      int marker = source.u8(at + 1, "JPEG marker");
      if (marker == 0xFF) {
        at++;
        continue;
      }
      if (marker == SOS || marker == EOI) {
        return;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        at += 2;
        continue;
      }
      int length = source.u16be(at + 2, "JPEG segment length");
      if (length < 2) {
        throw new MalformedContentException("JPEG segment at offset " + at + " has length " + length);
      }
      long payload = at + 4;
      int payloadLength = length - 2;
      if (payload + payloadLength > size) {
        throw new MalformedContentException(
            "truncated JPEG segment 0xFF" + Integer.toHexString(marker).toUpperCase() + " at offset " + at);
      }
      if (marker == 0xE1) {
        app1(ctx, source, payload, payloadLength, collected);
      } else if (marker == 0xEB) {
        app11(ctx, source, payload, payloadLength, collected.jumbf);
      }
      at = payload + payloadLength;
    }
  }

  private static void app1(ScanContext ctx, ByteSource source, long payload, int length, Collected collected) {
    byte[] prefix = source.readUpTo(payload, Math.min(length, EXTENDED_XMP.length), "JPEG APP1");
    if (Bytes.startsWith(prefix, 0, EXIF)) {
      byte[] tiff = source.read(payload + EXIF.length, length - EXIF.length, "JPEG EXIF segment");
      ctx.run(() -> TiffWalker.walk(ctx, ByteSource.of(tiff, tiff.length), "JPEG EXIF"));
    } else if (Bytes.startsWith(prefix, 0, XMP)) {
      byte[] xmp = source.read(payload + XMP.length, length - XMP.length, "JPEG XMP segment");
      String guid = XmpPacket.report(ctx, xmp, 0, xmp.length, "JPEG APP1").extendedXmpGuid();
      if (guid != null && collected.mainXmpGuid == null) {
        collected.mainXmpGuid = guid;
      }
    } else if (Bytes.startsWith(prefix, 0, EXTENDED_XMP)) {
      extendedXmpSegment(ctx, source, payload, length, collected);
    }
  }

  /** APP1 extended XMP: the signature, GUID, full length, offset, then a piece of the packet. */
  private static void extendedXmpSegment(ScanContext ctx, ByteSource source, long payload, int length,
      Collected collected) {
    int body = length - EXTENDED_XMP.length;
    if (body < EXTENDED_XMP_HEADER) {
      ctx.softError("JPEG extended XMP segment at offset " + payload + " is too short for its header");
      return;
    }
    byte[] segment = source.read(payload + EXTENDED_XMP.length, body, "JPEG extended XMP segment");
    String guid = Bytes.latin1(segment, 0, 32);
    long fullLength = Bytes.u32be(segment, 32);
    long offset = Bytes.u32be(segment, 36);
    collected.extendedXmpBytes += body;
    ctx.checkBlobLength(collected.extendedXmpBytes, "JPEG extended XMP", payload);
    ExtendedXmp packet = collected.extendedXmp.computeIfAbsent(guid, k -> new ExtendedXmp());
    packet.fullLength = Math.max(packet.fullLength, fullLength);
    packet.parts.putIfAbsent(offset, Arrays.copyOfRange(segment, EXTENDED_XMP_HEADER, body));
  }

  /**
   * Joins the extended XMP pieces of the GUID the main packet names, by offset, and reads them as
   * one packet. Only the part that runs unbroken from offset 0 is read; a gap, a piece missing at
   * the end or a full length over the cap is recorded as a cut. Pieces of another GUID (a stale
   * extension left by an editor) are not read, and that is recorded.
   */
  private static void extendedXmp(ScanContext ctx, Collected collected) {
    String guid = collected.mainXmpGuid;
    for (String other : collected.extendedXmp.keySet()) {
      if (!other.equals(guid)) {
        ctx.softError("JPEG extended XMP " + other + " is not the one the main XMP names; not read");
      }
    }
    if (guid == null) {
      return;
    }
    ExtendedXmp packet = collected.extendedXmp.get(guid);
    if (packet == null) {
      ctx.softError("the main XMP names extended XMP " + guid + " but no JPEG APP1 segment carries it");
      return;
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (Map.Entry<Long, byte[]> part : packet.parts.entrySet()) {
      long offset = part.getKey();
      byte[] bytes = part.getValue();
      if (offset > joined.size()) {
        break;
      }
      int skip = (int) (joined.size() - offset);
      if (skip < bytes.length) {
        joined.write(bytes, skip, bytes.length - skip);
      }
    }
    byte[] xmp = joined.toByteArray();
    int length = (int) Math.min(xmp.length, packet.fullLength);
    XmpPacket.report(ctx, xmp, 0, length, "JPEG extended XMP", length == packet.fullLength ? null
        : "JPEG extended XMP " + guid + " declares " + packet.fullLength + " bytes but its segments hold "
            + length + " without a gap; those were read");
  }

  /** APP11: "JP", box instance (2 bytes), sequence number (4 bytes), then box bytes. */
  private static void app11(ScanContext ctx, ByteSource source, long payload, int length,
      Map<Integer, JumbfInstance> jumbf) {
    if (length < 8 + 8) {
      return;
    }
    byte[] segment = source.read(payload, length, "JPEG APP11 segment");
    if (segment[0] != 'J' || segment[1] != 'P') {
      return;
    }
    int instanceNumber = Bytes.u16be(segment, 2);
    long sequence = Bytes.u32be(segment, 4);
    JumbfInstance instance = jumbf.computeIfAbsent(instanceNumber, k -> new JumbfInstance());
    if (instance.parts.containsKey(sequence)) {
      ctx.softError("repeated JUMBF segment " + sequence + " of box instance " + instanceNumber);
      return;
    }
    instance.total += segment.length;
    ctx.checkBlobLength(instance.total, "JUMBF box instance " + instanceNumber, payload);
    byte[] part = new byte[segment.length - 8];
    System.arraycopy(segment, 8, part, 0, part.length);
    instance.parts.put(sequence, part);
  }

  /**
   * Every segment repeats the box header (LBox, TBox and any XLBox); the first keeps it, the others
   * drop it.
   */
  private static void reassembleAndReport(ScanContext ctx, JumbfInstance instance) {
    byte[] first = instance.parts.firstEntry().getValue();
    long declared = Bytes.u32be(first, 0);
    int header = declared == 1 ? 16 : 8;
    if (first.length < header) {
      throw new MalformedContentException("JUMBF segment too short for its box header");
    }
    ByteArrayOutputStream box = new ByteArrayOutputStream();
    box.write(first, 0, first.length);
    for (byte[] part : instance.parts.tailMap(instance.parts.firstKey(), false).values()) {
      if (part.length >= header) {
        box.write(part, header, part.length - header);
      }
    }
    byte[] store = box.toByteArray();
    long boxLength = header == 16 ? Bytes.u64be(first, 8) : declared;
    // A box longer than what was collected is left to the JUMBF parser to report as truncated.
    int end = boxLength == 0 || boxLength > store.length ? store.length : (int) boxLength;
    C2paManifestStore.report(ctx, store, 0, end, "JPEG APP11");
  }
}
