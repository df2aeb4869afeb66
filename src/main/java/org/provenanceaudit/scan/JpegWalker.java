package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks JPEG marker segments up to the start of scan, where all metadata ends: APP1 EXIF and XMP,
 * and APP11 JUMBF segments, which C2PA splits across many segments of one box instance, numbered
 * by sequence; they are put back together before the store is read.
 */
final class JpegWalker {
  private JpegWalker() {}

  private static final byte[] EXIF = Bytes.ascii("Exif\0\0");
  private static final byte[] XMP = Bytes.ascii("http://ns.adobe.com/xap/1.0/\0");
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

  static void walk(ScanContext ctx, ByteSource source) {
    Map<Integer, JumbfInstance> jumbf = new TreeMap<>();
    try {
      segments(ctx, source, jumbf);
    } finally {
      // Whatever stopped the walk, the C2PA segments already collected are still read.
      for (JumbfInstance instance : jumbf.values()) {
        ctx.run(() -> reassembleAndReport(ctx, instance));
      }
    }
  }

  private static void segments(ScanContext ctx, ByteSource source, Map<Integer, JumbfInstance> jumbf) {
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
        app1(ctx, source, payload, payloadLength);
      } else if (marker == 0xEB) {
        app11(ctx, source, payload, payloadLength, jumbf);
      }
      at = payload + payloadLength;
    }
  }

  private static void app1(ScanContext ctx, ByteSource source, long payload, int length) {
    byte[] prefix = source.readUpTo(payload, Math.min(length, XMP.length), "JPEG APP1");
    if (Bytes.startsWith(prefix, 0, EXIF)) {
      byte[] tiff = source.read(payload + EXIF.length, length - EXIF.length, "JPEG EXIF segment");
      ctx.run(() -> TiffWalker.walk(ctx, ByteSource.of(tiff, tiff.length), "JPEG EXIF"));
    } else if (Bytes.startsWith(prefix, 0, XMP)) {
      byte[] xmp = source.read(payload + XMP.length, length - XMP.length, "JPEG XMP segment");
      XmpPacket.report(ctx, xmp, 0, xmp.length, "JPEG APP1");
    }
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
