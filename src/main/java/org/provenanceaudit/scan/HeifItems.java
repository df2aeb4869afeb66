package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * XMP and EXIF kept as items of a HEIF or AVIF file's {@code meta} box (ISO/IEC 23008-12 Annex
 * A.2): an item information entry ({@code infe}, ISO/IEC 14496-12 §8.11.6) of type {@code mime}
 * with content type {@code application/rdf+xml} is an XMP packet, one of type {@code Exif} an EXIF
 * block (a 32-bit {@code exif_tiff_header_offset}, then the TIFF structure after that many bytes).
 * Their bytes are found through the item location box ({@code iloc}, §8.11.3, versions 0 to 2)
 * and handed to {@link XmpPacket} and {@link TiffWalker}. Only items stored in this file by file
 * offset (construction method 0) are read; anything else is reported as not read.
 */
final class HeifItems {
  private HeifItems() {}

  private static final String XMP_CONTENT_TYPE = "application/rdf+xml";

  private enum Kind { XMP, EXIF }

  /**
   * Reads the XMP and EXIF items that {@code iinf} names, located by {@code iloc}.
   *
   * @param iinf the item information box
   * @param iloc the item location box, or null when the {@code meta} box has none
   */
  static void read(ScanContext ctx, ByteSource source, BmffBox iinf, BmffBox iloc) {
    Map<Long, Kind> wanted = itemInfo(ctx, source, iinf);
    if (wanted.isEmpty()) {
      return;
    }
    if (iloc == null) {
      ctx.softError("HEIF 'meta' box at offset " + iinf.at() + " names XMP/EXIF items but has no 'iloc'; not read");
      return;
    }
    Map<Long, byte[]> items = locations(ctx, source, iloc, wanted);
    wanted.forEach((id, kind) -> {
      byte[] data = items.get(id);
      if (data == null) {
        return;
      }
      if (kind == Kind.XMP) {
        XmpPacket.report(ctx, data, 0, data.length, "ISO BMFF XMP item");
      } else {
        exif(ctx, data, id);
      }
    });
  }

  /** Item IDs of the XMP and EXIF items, from the {@code infe} entries of {@code iinf}. */
  private static Map<Long, Kind> itemInfo(ScanContext ctx, ByteSource source, BmffBox iinf) {
    Map<Long, Kind> wanted = new LinkedHashMap<>();
    if (iinf.bodyLength() < 6) {
      ctx.softError("HEIF 'iinf' box at offset " + iinf.at() + " is cut; items not read");
      return wanted;
    }
    int version = source.u8(iinf.body(), "iinf box");
    long at = iinf.body() + 4 + (version == 0 ? 2 : 4);
    while (iinf.end() - at >= 8) {
      BmffBox infe = BmffBox.read(ctx, source, at, iinf.end());
      at = infe.end();
      if (infe.type().equals("infe")) {
        ctx.run(() -> itemInfoEntry(ctx, source, infe, wanted));
      }
    }
    return wanted;
  }

  /**
   * One {@code infe}: versions 0 and 1 hold item_ID, protection index, name, content type and
   * encoding; versions 2 and 3 hold item_ID (16 or 32 bits), protection index, item_type, name,
   * and for {@code mime} items the content type and encoding.
   */
  private static void itemInfoEntry(ScanContext ctx, ByteSource source, BmffBox infe, Map<Long, Kind> wanted) {
    byte[] b = infe.readBody(ctx, source);
    Cursor c = new Cursor(b, "HEIF 'infe' box at offset " + infe.at());
    int version = c.u8();
    c.skip(3);
    long itemId = version == 3 ? c.u32() : c.u16();
    int protection = c.u16();
    Kind kind = null;
    String contentEncoding = "";
    if (version >= 2) {
      String itemType = c.fourCc();
      c.string();
      if (itemType.equals("Exif")) {
        kind = Kind.EXIF;
      } else if (itemType.equals("mime") && isXmp(c.string())) {
        kind = Kind.XMP;
        contentEncoding = c.remaining() > 0 ? c.string() : "";
      }
    } else {
      c.string();
      if (isXmp(c.string())) {
        kind = Kind.XMP;
        contentEncoding = c.remaining() > 0 ? c.string() : "";
      }
    }
    if (kind == null) {
      return;
    }
    String what = "HEIF " + kind + " item " + itemId;
    if (protection != 0) {
      ctx.softError(what + " is protected (encrypted); not read");
    } else if (!contentEncoding.isEmpty()) {
      ctx.softError(what + " has content encoding '" + contentEncoding + "'; not read");
    } else {
      wanted.put(itemId, kind);
    }
  }

  private static boolean isXmp(String contentType) {
    int semicolon = contentType.indexOf(';');
    String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return base.strip().toLowerCase(Locale.ROOT).equals(XMP_CONTENT_TYPE);
  }

  /**
   * Walks {@code iloc} and reads the bytes of each wanted item: its extents (base_offset plus
   * extent_offset, extent_length; a length of 0 meaning to the end of the file) joined in order,
   * the total within the blob cap. The wanted items' extents together cannot exceed the file
   * (extents that overlap or repeat would otherwise make a small file cost many times its size):
   * past that, the item is an error and not read. Items in another file, in {@code idat} or built
   * from other items are errors naming the item.
   */
  private static Map<Long, byte[]> locations(ScanContext ctx, ByteSource source, BmffBox iloc, Map<Long, Kind> wanted) {
    Map<Long, byte[]> items = new LinkedHashMap<>();
    byte[] b = iloc.readBody(ctx, source);
    String where = "HEIF 'iloc' box at offset " + iloc.at();
    Cursor c = new Cursor(b, where);
    try {
      int version = c.u8();
      if (version > 2) {
        ctx.softError(where + " has version " + version + "; XMP/EXIF items not read");
        return items;
      }
      c.skip(3);
      int sizes = c.u16();
      int offsetSize = sizes >> 12;
      int lengthSize = (sizes >> 8) & 0xF;
      int baseOffsetSize = (sizes >> 4) & 0xF;
      int indexSize = version == 0 ? 0 : sizes & 0xF;
      long count = version < 2 ? c.u16() : c.u32();
      long itemsTotal = 0;
      for (long i = 0; i < count && items.size() < wanted.size(); i++) {
        ctx.visit("HEIF item location", iloc.body());
        long itemId = version < 2 ? c.u16() : c.u32();
        int constructionMethod = version == 0 ? 0 : c.u16() & 0xF;
        int dataReferenceIndex = c.u16();
        long baseOffset = c.sized(baseOffsetSize);
        int extentCount = c.u16();
        Kind kind = wanted.get(itemId);
        String what = "HEIF " + kind + " item " + itemId;
        ByteArrayOutputStream data = kind == null ? null : new ByteArrayOutputStream();
        long total = 0;
        for (int e = 0; e < extentCount; e++) {
          ctx.visit("HEIF item extent", iloc.body());
          c.sized(indexSize);
          long offset = baseOffset + c.sized(offsetSize);
          long length = c.sized(lengthSize);
          if (data == null || constructionMethod != 0 || dataReferenceIndex != 0) {
            continue;
          }
          if (length == 0) {
            length = Math.max(0, source.size() - offset);
          }
          total += length;
          itemsTotal += length;
          ctx.checkBlobLength(total, what, offset);
          if (itemsTotal > source.size()) {
            throw new MalformedContentException(what + "'s extents, with the items before it, add up to more than the "
                + source.size() + "-byte file (overlapping or repeated extents)");
          }
          data.writeBytes(source.read(offset, (int) length, what));
        }
        if (kind == null) {
          continue;
        }
        if (constructionMethod != 0) {
          ctx.softError(what + " uses construction method " + constructionMethod + " (not a file offset); not read");
        } else if (dataReferenceIndex != 0) {
          ctx.softError(what + " is stored in another file (data reference " + dataReferenceIndex + "); not read");
        } else {
          items.put(itemId, data.toByteArray());
        }
      }
    } catch (MalformedContentException e) {
      ctx.softError(e.getMessage());
    }
    wanted.forEach((id, kind) -> {
      if (!items.containsKey(id)) {
        ctx.softError("HEIF " + kind + " item " + id + " has no readable location in 'iloc'; not read");
      }
    });
    return items;
  }

  /** EXIF item data (ISO/IEC 23008-12 §A.2.1): exif_tiff_header_offset, then the TIFF structure. */
  private static void exif(ScanContext ctx, byte[] data, long id) {
    long skip = data.length >= 4 ? 4 + Bytes.u32be(data, 0) : Long.MAX_VALUE;
    if (skip > data.length) {
      ctx.softError("HEIF EXIF item " + id + " has its TIFF header past its " + data.length + " bytes; not read");
      return;
    }
    byte[] tiff = new byte[data.length - (int) skip];
    System.arraycopy(data, (int) skip, tiff, 0, tiff.length);
    ctx.run(() -> TiffWalker.walk(ctx, ByteSource.of(tiff, tiff.length), "HEIF EXIF item"));
  }

  /** Big-endian fields read in order from a box body; running out is a malformed box. */
  private static final class Cursor {
    private final byte[] b;
    private final String where;
    private int at;

    Cursor(byte[] b, String where) {
      this.b = b;
      this.where = where;
    }

    private void need(int n) {
      if (b.length - at < n) {
        throw new MalformedContentException(where + " is cut at byte " + at + " of " + b.length);
      }
    }

    int remaining() {
      return b.length - at;
    }

    void skip(int n) {
      need(n);
      at += n;
    }

    int u8() {
      need(1);
      return b[at++] & 0xFF;
    }

    int u16() {
      need(2);
      at += 2;
      return Bytes.u16be(b, at - 2);
    }

    long u32() {
      need(4);
      at += 4;
      return Bytes.u32be(b, at - 4);
    }

    /** An unsigned field of 0, 4 or 8 bytes (the iloc size fields allow no other). */
    long sized(int size) {
      return switch (size) {
        case 0 -> 0;
        case 4 -> u32();
        case 8 -> {
          long high = u32();
          long value = (high << 32) | u32();
          if (value < 0) {
            throw new MalformedContentException(where + " holds a 64-bit offset past 2^63");
          }
          yield value;
        }
        default -> throw new MalformedContentException(where + " declares a field size of " + size + " bytes");
      };
    }

    String fourCc() {
      need(4);
      at += 4;
      return new String(b, at - 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** A NUL-terminated UTF-8 string; a string running to the end of the box is taken whole. */
    String string() {
      int zero = Bytes.indexOfZero(b, at, b.length);
      int end = zero < 0 ? b.length : zero;
      String s = new String(b, at, end - at, StandardCharsets.UTF_8);
      at = zero < 0 ? b.length : zero + 1;
      return s;
    }
  }
}
