package org.provenanceaudit.scan;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Walks ISO base media file format boxes (MP4, MOV, M4A, HEIF, AVIF) by seeking from header to
 * header, so a media box of any size costs its header only. Reads the C2PA {@code uuid} box, the
 * XMP {@code uuid} box, {@code moov/udta/XMP_}, QuickTime and MP4 metadata items
 * ({@link QuickTimeMetadata}: {@code meta} with {@code ilst}, keyed or not, and {@code udta} text
 * atoms) and HEIF/AVIF XMP and EXIF items ({@link HeifItems}). Descends only into the boxes that
 * hold metadata, with the depth capped.
 */
final class BmffWalker {
  private BmffWalker() {}

  static final String C2PA_UUID = "d8fec3d61b0e483c92975828877ec481";
  private static final String XMP_UUID = "be7acfcb97a942e89c71999491e3afac";
  private static final Set<String> CONTAINERS = Set.of("moov", "udta", "trak");
  private static final Set<String> TOP_LEVEL = Set.of(
      "ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "pnot", "meta", "styp", "sidx", "moof");

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
      BmffBox box = BmffBox.read(ctx, source, at, to);
      String type = box.type();
      if (type.equals("uuid")) {
        uuidBox(ctx, source, box.body(), box.end(), at);
      } else if (type.equals("XMP_")) {
        byte[] xmp = box.readBody(ctx, source);
        XmpPacket.report(ctx, xmp, 0, xmp.length, "ISO BMFF XMP_ box");
      } else if (type.equals("meta")) {
        metaBox(ctx, source, box, depth + 1);
      } else if (parent.equals("udta") && QuickTimeMetadata.isUserDataText(box.name())) {
        QuickTimeMetadata.userDataText(ctx, source, box);
      } else if (CONTAINERS.contains(type) && !(type.equals("trak") && depth > 1)) {
        boxes(ctx, source, box.body(), box.end(), depth + 1, type);
      }
      at = box.end();
    }
  }

  /**
   * A {@code meta} box (ISO/IEC 14496-12 §8.11.1; QuickTime's, under {@code moov} or {@code trak},
   * is not a full box): its handler decides how {@code ilst} items are keyed, and its
   * {@code iinf}/{@code iloc} locate HEIF items. The children are gathered first because
   * {@code iloc} may come before {@code iinf} and {@code keys} before or after {@code ilst}.
   */
  private static void metaBox(ScanContext ctx, ByteSource source, BmffBox meta, int depth) {
    ctx.checkDepth(depth, "ISO BMFF box", meta.body());
    long at = meta.body() + (isFullBox(source, meta.body(), meta.end()) ? 4 : 0);
    String handler = "";
    BmffBox keys = null;
    BmffBox ilst = null;
    BmffBox iinf = null;
    BmffBox iloc = null;
    while (meta.end() - at >= 8) {
      BmffBox child = BmffBox.read(ctx, source, at, meta.end());
      switch (child.type()) {
        case "hdlr" -> handler = child.bodyLength() >= 12
            ? Bytes.fourCc(source.read(child.body() + 8, 4, "hdlr box"), 0) : "";
        case "keys" -> keys = child;
        case "ilst" -> ilst = child;
        case "iinf" -> iinf = child;
        case "iloc" -> iloc = child;
        default -> { }
      }
      at = child.end();
    }
    boolean mdta = handler.equals("mdta");
    if (ilst != null) {
      List<String> keyNames = mdta && keys != null ? QuickTimeMetadata.keys(ctx, source, keys) : List.of();
      if (mdta && keys == null) {
        ctx.softError("QuickTime 'meta' box at offset " + meta.at() + " has mdta items but no 'keys'; not read");
      } else {
        BmffBox items = ilst;
        ctx.run(() -> QuickTimeMetadata.itemList(ctx, source, items, mdta, keyNames));
      }
    }
    if (iinf != null) {
      BmffBox info = iinf;
      BmffBox location = iloc;
      ctx.run(() -> HeifItems.read(ctx, source, info, location));
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
}
