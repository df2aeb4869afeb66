package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * Walks ISO base media file format boxes (MP4, MOV, M4A, HEIF, AVIF) by seeking from header to
 * header, so a media box of any size costs its header only. Reads the C2PA {@code uuid} box, the
 * XMP {@code uuid} box, {@code moov/udta/XMP_}, and the encoder/software items of QuickTime and
 * iTunes metadata. Descends only into the boxes that hold metadata, with the depth capped.
 */
final class BmffWalker {
  private BmffWalker() {}

  static final String C2PA_UUID = "d8fec3d61b0e483c92975828877ec481";
  private static final String XMP_UUID = "be7acfcb97a942e89c71999491e3afac";
  private static final Set<String> CONTAINERS = Set.of("moov", "udta", "meta", "ilst", "trak");
  private static final Set<String> TOP_LEVEL = Set.of(
      "ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "pnot", "meta", "styp", "sidx", "moof");
  /** QuickTime/iTunes items that name the encoding software: ©too, ©swr, ©enc. */
  private static final Set<String> SOFTWARE_ITEMS = Set.of("\u00a9too", "\u00a9swr", "\u00a9enc");

  static boolean isBmff(byte[] head) {
    return head.length >= 8 && TOP_LEVEL.contains(Bytes.fourCc(head, 4));
  }

  static void walk(ScanContext ctx, ByteSource source) {
    boxes(ctx, source, 0, source.size(), 0, "");
  }

  private static void boxes(ScanContext ctx, ByteSource source, long from, long to, int depth, String parent) {
    ctx.checkDepth(depth, "ISO BMFF box", from);
    long at = from;
    while (to - at >= 8) {
      ctx.visit("ISO BMFF box", at);
      byte[] header = source.read(at, 8, "ISO BMFF box header");
      long length = Bytes.u32be(header, 0);
      String type = Bytes.fourCc(header, 4);
      String mactype = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
      int headerLength = 8;
      if (length == 1) {
        length = Bytes.u64be(source.read(at + 8, 8, "ISO BMFF large size"), 0);
        headerLength = 16;
      } else if (length == 0) {
        length = to - at;
      }
      if (length < headerLength || length > to - at) {
        throw new MalformedContentException(
            "ISO BMFF box '" + type + "' at offset " + at + " claims " + length + " bytes, " + (to - at) + " remain");
      }
      long body = at + headerLength;
      long end = at + length;
      if (type.equals("uuid")) {
        uuidBox(ctx, source, body, end, at);
      } else if (type.equals("XMP_")) {
        int n = ctx.checkBlobLength(end - body, "XMP_ box", at);
        byte[] xmp = source.read(body, n, "XMP_ box");
        XmpPacket.report(ctx, xmp, 0, xmp.length, "ISO BMFF XMP_ box");
      } else if (SOFTWARE_ITEMS.contains(mactype) && (parent.equals("udta") || parent.equals("ilst"))) {
        softwareItem(ctx, source, body, end, mactype, parent, at);
      } else if (CONTAINERS.contains(type) && !(type.equals("trak") && depth > 1)) {
        long children = body;
        if (type.equals("meta") && isFullBox(source, body, end)) {
          children += 4;
        }
        boxes(ctx, source, children, end, depth + 1, type);
      }
      at = end;
    }
  }

  /** ISO {@code meta} is a full box (4 bytes of version and flags); QuickTime's is not. */
  private static boolean isFullBox(ByteSource source, long body, long end) {
    return end - body >= 12 && Bytes.u32be(source.read(body, 4, "meta box"), 0) == 0;
  }

  private static void uuidBox(ScanContext ctx, ByteSource source, long body, long end, long at) {
    if (end - body < 16) {
      return;
    }
    String uuid = HexFormat.of().formatHex(source.read(body, 16, "uuid box"));
    long content = body + 16;
    if (uuid.equals(XMP_UUID)) {
      int n = ctx.checkBlobLength(end - content, "XMP uuid box", at);
      byte[] xmp = source.read(content, n, "XMP uuid box");
      XmpPacket.report(ctx, xmp, 0, xmp.length, "ISO BMFF XMP uuid box");
    } else if (uuid.equals(C2PA_UUID)) {
      // FullBox version and flags, a NUL-terminated purpose, and for "manifest" an 8-byte offset.
      int n = ctx.checkBlobLength(end - content, "C2PA uuid box", at);
      byte[] box = source.read(content, n, "C2PA uuid box");
      int purposeEnd = Bytes.indexOfZero(box, 4, Math.min(box.length, 4 + 64));
      if (purposeEnd < 0) {
        ctx.softError("C2PA uuid box at offset " + at + " has no purpose string");
        return;
      }
      String purpose = Bytes.latin1(box, 4, purposeEnd);
      int store = purposeEnd + 1;
      if (purpose.equals("manifest")) {
        store += 8;
      } else {
        return;
      }
      if (store <= box.length) {
        int start = store;
        ctx.run(() -> C2paManifestStore.report(ctx, box, start, box.length, "ISO BMFF uuid box"));
      }
    }
  }

  /**
   * An item holds either QuickTime text (2-byte length, 2-byte language, text) under {@code udta},
   * or a {@code data} box (type, locale, value) under {@code ilst}.
   */
  private static void softwareItem(ScanContext ctx, ByteSource source, long body, long end,
      String item, String parent, long at) {
    int n = (int) Math.min(end - body, ctx.limits.maxInflatedBytes());
    byte[] value = source.read(body, n, "metadata item");
    String text;
    if (parent.equals("ilst")) {
      if (n < 16 || !Bytes.fourCc(value, 4).equals("data")) {
        return;
      }
      int dataEnd = (int) Math.min(n, Bytes.u32be(value, 0));
      if (dataEnd < 16) {
        return;
      }
      text = new String(value, 16, dataEnd - 16, StandardCharsets.UTF_8);
    } else {
      if (n < 4) {
        return;
      }
      int length = Math.min(Bytes.u16be(value, 0), n - 4);
      text = new String(value, 4, length, StandardCharsets.UTF_8);
    }
    ctx.softwareTag("quicktime", "software", item, text);
  }
}
