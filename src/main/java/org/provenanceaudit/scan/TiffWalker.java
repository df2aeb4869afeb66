package org.provenanceaudit.scan;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks TIFF image file directories (TIFF 6.0 §2, and BigTIFF, its 64-bit form with magic 43 and
 * 8-byte counts and offsets): of a TIFF file, or of an EXIF block found in a JPEG, PNG or WebP.
 * Reads only the tags that carry provenance: Software, Make, Model and ImageDescription (ComfyUI
 * writes its generation record into Make/Model of animated WebP), UserComment (where AUTOMATIC1111,
 * Civitai and ComfyUI save nodes write their parameters, in IFD0 or the Exif IFD), XMP (tag 700) and
 * the C2PA manifest store (tag 0xCD41).
 *
 * <p>Hand-written rather than metadata-extractor: the walk reads by position under the scan's caps
 * and keeps the C2PA tag's bytes, and metadata-extractor decodes a {@code UNICODE} UserComment in
 * one fixed byte order, which is what writers get wrong.
 */
final class TiffWalker {
  private TiffWalker() {}

  private static final int TAG_IMAGE_DESCRIPTION = 0x010E;
  private static final int TAG_MAKE = 0x010F;
  private static final int TAG_MODEL = 0x0110;
  private static final int TAG_SOFTWARE = 0x0131;
  private static final int TAG_XMP = 0x02BC;
  private static final int TAG_C2PA = 0xCD41;
  private static final int TAG_EXIF_IFD = 0x8769;
  private static final int TAG_USER_COMMENT = 0x9286;
  private static final int MAX_IFDS = 256;
  private static final int TYPE_BYTE = 1;
  private static final int TYPE_ASCII = 2;
  private static final int TYPE_LONG = 4;
  private static final int TYPE_UNDEFINED = 7;
  private static final int TYPE_IFD = 13;
  private static final int TYPE_LONG8 = 16;
  private static final int TYPE_IFD8 = 18;
  private static final int BIG_TIFF = 43;
  private static final String CODE_ASCII = "ASCII\0\0\0";
  private static final String CODE_UNICODE = "UNICODE\0";
  private static final String CODE_JIS = "JIS\0\0\0\0\0";
  private static final String CODE_UNDEFINED = "\0\0\0\0\0\0\0\0";

  /** True for a classic TIFF or a BigTIFF header, in either byte order. */
  static boolean isTiff(byte[] head) {
    if (head.length < 8) {
      return false;
    }
    boolean little = head[0] == 'I' && head[1] == 'I';
    if (!little && !(head[0] == 'M' && head[1] == 'M')) {
      return false;
    }
    int magic = u16(head, 2, little);
    return magic == 42 || (magic == BIG_TIFF && u16(head, 4, little) == 8 && u16(head, 6, little) == 0);
  }

  /** The layout of one file's directories: byte order, and classic or BigTIFF field widths. */
  private record Layout(boolean little, boolean big, String container) {
    int countSize() {
      return big ? 8 : 2;
    }

    int entrySize() {
      return big ? 20 : 12;
    }

    /** Bytes of a value held inside the entry itself (TIFF 6.0 §2; BigTIFF: 8). */
    int inlineSize() {
      return big ? 8 : 4;
    }

    /** An unsigned count or offset of the entry's width; one past {@link Long#MAX_VALUE} reads as it. */
    long offset(byte[] b, int i) {
      if (!big) {
        return u32(b, i, little);
      }
      long high = u32(b, i + (little ? 4 : 0), little);
      long low = u32(b, i + (little ? 0 : 4), little);
      return high > Integer.MAX_VALUE ? Long.MAX_VALUE : (high << 32) | low;
    }
  }

  /**
   * Walks the TIFF structure starting at offset 0 of {@code source}: IFD0 and the directories
   * chained after it, and the Exif IFD each one points to.
   *
   * @param container names the TIFF's place in the file for signals and errors ("JPEG EXIF")
   * @throws MalformedContentException when the header is not TIFF, a directory is cut or lies, or
   *     the directory chain loops
   */
  static void walk(ScanContext ctx, ByteSource source, String container) {
    byte[] header = source.read(0, 8, "TIFF header");
    if (!isTiff(header)) {
      throw new MalformedContentException("not a TIFF header in " + container);
    }
    boolean little = header[0] == 'I';
    Layout layout = new Layout(little, u16(header, 2, little) == BIG_TIFF, container);
    long ifd = layout.big ? layout.offset(source.read(8, 8, "BigTIFF header"), 0) : u32(header, 4, little);
    Set<Long> seen = new HashSet<>();
    int ifds = 0;
    while (ifd != 0) {
      if (!seen.add(ifd) || ++ifds > MAX_IFDS) {
        throw new MalformedContentException("TIFF directory chain loops at offset " + ifd + " in " + container);
      }
      ifd = directory(ctx, source, ifd, layout, 0);
    }
  }

  /** Reads one directory; returns the offset of the next. */
  private static long directory(ScanContext ctx, ByteSource source, long at, Layout layout, int depth) {
    ctx.checkDepth(depth, "TIFF directory", at);
    ctx.visit("TIFF directory", at);
    byte[] countBytes = source.read(at, layout.countSize(), "TIFF directory");
    long declared = layout.big ? layout.offset(countBytes, 0) : u16(countBytes, 0, layout.little);
    if (declared > ctx.limits.maxElements()) {
      throw new MalformedContentException("TIFF directory at offset " + at + " declares " + declared
          + " entries, over the cap of " + ctx.limits.maxElements());
    }
    int count = (int) declared;
    int size = layout.entrySize();
    byte[] entries = source.read(at + layout.countSize(), count * size + layout.inlineSize(),
        "TIFF directory of " + count + " entries");
    for (int i = 0; i < count; i++) {
      int e = i * size;
      ctx.visit("TIFF tag", at + layout.countSize() + e);
      int tag = u16(entries, e, layout.little);
      int type = u16(entries, e + 2, layout.little);
      long n = layout.offset(entries, e + 4);
      int valueAt = e + 4 + layout.inlineSize();
      switch (tag) {
        case TAG_SOFTWARE, TAG_MAKE, TAG_MODEL, TAG_IMAGE_DESCRIPTION -> {
          String value = ascii(ctx, source, entries, valueAt, type, n, layout, tagName(tag));
          if (value != null) {
            if (tag == TAG_SOFTWARE) {
              ctx.softwareTag("exif", "software", "Software", value);
            } else {
              ctx.taggedValue("exif", tagName(tag), value);
            }
          }
        }
        case TAG_USER_COMMENT -> userComment(ctx, source, entries, valueAt, type, n, layout);
        case TAG_XMP -> xmp(ctx, source, entries, valueAt, type, n, layout);
        case TAG_C2PA -> {
          byte[] store = blob(ctx, source, entries, valueAt, type, n, layout, "TIFF C2PA tag");
          if (store != null) {
            C2paManifestStore.report(ctx, store, 0, store.length, layout.container + " tag 0xCD41");
          }
        }
        case TAG_EXIF_IFD -> {
          if (depth == 0 && n == 1
              && (type == TYPE_LONG || type == TYPE_IFD || type == TYPE_LONG8 || type == TYPE_IFD8)) {
            long exif = type == TYPE_LONG || type == TYPE_IFD ? u32(entries, valueAt, layout.little)
                : layout.offset(entries, valueAt);
            directory(ctx, source, exif, layout, depth + 1);
          }
        }
        default -> { }
      }
    }
    return layout.offset(entries, count * size);
  }

  private static String ascii(ScanContext ctx, ByteSource source, byte[] entries, int valueAt, int type,
      long n, Layout layout, String what) {
    if (type != TYPE_ASCII && type != TYPE_BYTE && type != TYPE_UNDEFINED) {
      return null;
    }
    byte[] raw = value(source, entries, valueAt, n, layout, what, ctx.limits.maxInflatedBytes());
    return utf8OrLatin1(raw, 0, raw.length);
  }

  /**
   * EXIF 2.32 §4.6.5 UserComment: an 8-byte character code ({@code ASCII}, {@code UNICODE},
   * {@code JIS}, or zeros for undefined) then the text. Writers also store it typed ASCII and
   * without the code (ComfyUI save nodes, in IFD0), and write {@code UNICODE} text in either byte
   * order whatever the TIFF header says, so the order is read from a byte-order mark or, failing
   * that, from which byte of each pair is zero. A value over the text cap is cut there and the cut
   * is recorded.
   */
  private static void userComment(ScanContext ctx, ByteSource source, byte[] entries, int valueAt,
      int type, long n, Layout layout) {
    if (type != TYPE_UNDEFINED && type != TYPE_ASCII) {
      return;
    }
    int cap = ctx.limits.maxInflatedBytes();
    byte[] raw = value(source, entries, valueAt, n, layout, "EXIF UserComment", cap);
    if (n > cap) {
      ctx.softError("EXIF UserComment in " + layout.container + " declares " + n
          + " bytes; read the first " + cap + " (the text cap)");
    }
    String code = raw.length >= 8 ? new String(raw, 0, 8, StandardCharsets.ISO_8859_1) : "";
    String text;
    if (code.equals(CODE_UNICODE)) {
      text = new String(raw, 8, (raw.length - 8) & ~1, utf16Order(raw, 8, layout.little));
    } else if (code.equals(CODE_JIS)) {
      text = new String(raw, 8, raw.length - 8, Charset.forName("x-JIS0208"));
    } else if (code.equals(CODE_ASCII) || code.equals(CODE_UNDEFINED)) {
      text = utf8OrLatin1(raw, 8, raw.length);
    } else if (raw.length >= 2 && utf16Bom(raw, 0) != null) {
      text = new String(raw, 0, raw.length & ~1, utf16Order(raw, 0, layout.little));
    } else {
      text = utf8OrLatin1(raw, 0, raw.length);
    }
    text = text.replace("\0", "").replace("\uFEFF", "");
    if (!text.isBlank()) {
      ctx.taggedValue("exif", "UserComment", text);
    }
  }

  /** UTF-16 in the order a byte-order mark at {@code from} names, else the order the bytes show. */
  private static Charset utf16Order(byte[] raw, int from, boolean tiffLittle) {
    Charset bom = utf16Bom(raw, from);
    if (bom != null) {
      return bom;
    }
    int zeroHigh = 0;
    int zeroLow = 0;
    for (int i = from; i + 1 < raw.length; i += 2) {
      zeroHigh += raw[i] == 0 && raw[i + 1] != 0 ? 1 : 0;
      zeroLow += raw[i + 1] == 0 && raw[i] != 0 ? 1 : 0;
    }
    if (zeroHigh != zeroLow) {
      return zeroHigh > zeroLow ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
    }
    return tiffLittle ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
  }

  private static Charset utf16Bom(byte[] raw, int at) {
    if (raw.length < at + 2) {
      return null;
    }
    int mark = ((raw[at] & 0xFF) << 8) | (raw[at + 1] & 0xFF);
    return mark == 0xFEFF ? StandardCharsets.UTF_16BE : mark == 0xFFFE ? StandardCharsets.UTF_16LE : null;
  }

  /** Text up to its first trailing NULs: strict UTF-8, or Latin-1 when the bytes are not UTF-8. */
  private static String utf8OrLatin1(byte[] raw, int from, int to) {
    int end = to;
    while (end > from && raw[end - 1] == 0) {
      end--;
    }
    String strict = TextValues.utf8OrNull(raw, from, end - from);
    return strict != null ? strict : new String(raw, from, end - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * The XMP packet of tag 700 (XMP spec part 3 §1.1.4: type BYTE or UNDEFINED). A packet over the
   * blob cap is read up to the cap and the cut recorded by {@link XmpPacket}.
   */
  private static void xmp(ScanContext ctx, ByteSource source, byte[] entries, int valueAt, int type,
      long n, Layout layout) {
    if (type != TYPE_BYTE && type != TYPE_UNDEFINED) {
      return;
    }
    int cap = ctx.limits.maxManifestBytes();
    byte[] xmp = value(source, entries, valueAt, n, layout, "TIFF XMP tag", cap);
    String where = layout.container + " XMP tag";
    XmpPacket.report(ctx, xmp, 0, xmp.length, where, n <= cap ? null
        : "XMP packet in " + where + " declares " + n + " bytes, over the cap of " + cap + "; the first "
            + cap + " were read");
  }

  private static byte[] blob(ScanContext ctx, ByteSource source, byte[] entries, int valueAt, int type,
      long n, Layout layout, String what) {
    if (type != TYPE_BYTE && type != TYPE_UNDEFINED) {
      return null;
    }
    ctx.checkBlobLength(n, what, 0);
    return value(source, entries, valueAt, n, layout, what, ctx.limits.maxManifestBytes());
  }

  /** A one-byte-per-item value of {@code n} items, inline or at its offset; at most {@code cap}. */
  private static byte[] value(ByteSource source, byte[] entries, int valueAt, long n, Layout layout,
      String what, int cap) {
    int length = (int) Math.min(n, cap);
    if (n <= layout.inlineSize()) {
      byte[] inline = new byte[length];
      System.arraycopy(entries, valueAt, inline, 0, length);
      return inline;
    }
    long at = layout.big ? layout.offset(entries, valueAt) : u32(entries, valueAt, layout.little);
    return source.read(at, length, what);
  }

  private static String tagName(int tag) {
    return switch (tag) {
      case TAG_MAKE -> "Make";
      case TAG_MODEL -> "Model";
      case TAG_IMAGE_DESCRIPTION -> "ImageDescription";
      default -> "Software";
    };
  }

  private static int u16(byte[] b, int i, boolean little) {
    return little ? (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) : Bytes.u16be(b, i);
  }

  private static long u32(byte[] b, int i, boolean little) {
    return little ? Bytes.u32le(b, i) : Bytes.u32be(b, i);
  }
}
