package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks TIFF image file directories: of a TIFF file, or of an EXIF block found in a JPEG, PNG or
 * WebP. Reads only the tags that carry provenance: Software, Make, Model and ImageDescription
 * (ComfyUI writes its generation record into Make/Model of animated WebP), UserComment (where
 * AUTOMATIC1111 writes its parameters), XMP (tag 700) and the C2PA manifest store (tag 0xCD41).
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

  static boolean isTiff(byte[] head) {
    return head.length >= 8
        && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
            || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42));
  }

  /** Walks the TIFF structure starting at offset 0 of {@code source}. */
  static void walk(ScanContext ctx, ByteSource source, String container) {
    byte[] header = source.read(0, 8, "TIFF header");
    if (!isTiff(header)) {
      throw new MalformedContentException("not a TIFF header in " + container);
    }
    boolean little = header[0] == 'I';
    long ifd = u32(header, 4, little);
    Set<Long> seen = new HashSet<>();
    int ifds = 0;
    while (ifd != 0) {
      if (!seen.add(ifd) || ++ifds > MAX_IFDS) {
        throw new MalformedContentException("TIFF directory chain loops at offset " + ifd + " in " + container);
      }
      ifd = directory(ctx, source, ifd, little, container, 0);
    }
  }

  /** Reads one directory; returns the offset of the next. */
  private static long directory(ScanContext ctx, ByteSource source, long at, boolean little,
      String container, int depth) {
    ctx.checkDepth(depth, "TIFF directory", at);
    ctx.visit("TIFF directory", at);
    byte[] countBytes = source.read(at, 2, "TIFF directory");
    int count = u16(countBytes, 0, little);
    byte[] entries = source.read(at + 2, count * 12 + 4, "TIFF directory of " + count + " entries");
    for (int i = 0; i < count; i++) {
      int e = i * 12;
      ctx.visit("TIFF tag", at + 2 + e);
      int tag = u16(entries, e, little);
      int type = u16(entries, e + 2, little);
      long n = u32(entries, e + 4, little);
      switch (tag) {
        case TAG_SOFTWARE, TAG_MAKE, TAG_MODEL, TAG_IMAGE_DESCRIPTION -> {
          String value = ascii(ctx, source, entries, e, type, n, little, tagName(tag));
          if (value != null) {
            if (tag == TAG_SOFTWARE) {
              ctx.softwareTag("exif", "software", "Software", value);
            } else {
              ctx.taggedValue("exif", tagName(tag), value);
            }
          }
        }
        case TAG_USER_COMMENT -> userComment(ctx, source, entries, e, type, n, little);
        case TAG_XMP -> {
          byte[] xmp = blob(ctx, source, entries, e, type, n, little, "TIFF XMP tag");
          if (xmp != null) {
            XmpPacket.report(ctx, xmp, 0, xmp.length, container + " XMP tag");
          }
        }
        case TAG_C2PA -> {
          byte[] store = blob(ctx, source, entries, e, type, n, little, "TIFF C2PA tag");
          if (store != null) {
            C2paManifestStore.report(ctx, store, 0, store.length, container + " tag 0xCD41");
          }
        }
        case TAG_EXIF_IFD -> {
          if (depth == 0 && n == 1 && (type == 4 || type == 13)) {
            directory(ctx, source, u32(entries, e + 8, little), little, container, depth + 1);
          }
        }
        default -> { }
      }
    }
    return u32(entries, count * 12, little);
  }

  private static String ascii(ScanContext ctx, ByteSource source, byte[] entries, int e, int type,
      long n, boolean little, String what) {
    if (type != 2 && type != 1 && type != 7) {
      return null;
    }
    byte[] raw = value(ctx, source, entries, e, n, little, what, ctx.limits.maxInflatedBytes());
    int end = raw.length;
    while (end > 0 && raw[end - 1] == 0) {
      end--;
    }
    String strict = TextValues.utf8OrNull(raw, 0, end);
    return strict != null ? strict : new String(raw, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static void userComment(ScanContext ctx, ByteSource source, byte[] entries, int e,
      int type, long n, boolean little) {
    if (type != 7 || n < 8) {
      return;
    }
    byte[] raw = value(ctx, source, entries, e, n, little, "EXIF UserComment", ctx.limits.maxInflatedBytes());
    String charset = new String(raw, 0, 8, StandardCharsets.US_ASCII);
    String text;
    if (charset.startsWith("UNICODE")) {
      text = new String(raw, 8, raw.length - 8, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    } else {
      text = new String(raw, 8, raw.length - 8, StandardCharsets.ISO_8859_1);
    }
    text = text.replace("\0", "");
    ctx.taggedValue("exif", "UserComment", text);
  }

  private static byte[] blob(ScanContext ctx, ByteSource source, byte[] entries, int e, int type,
      long n, boolean little, String what) {
    if (type != 1 && type != 7) {
      return null;
    }
    ctx.checkBlobLength(n, what, 0);
    return value(ctx, source, entries, e, n, little, what, ctx.limits.maxManifestBytes());
  }

  /** A one-byte-per-item value of {@code n} items, inline or at its offset; at most {@code cap}. */
  private static byte[] value(ScanContext ctx, ByteSource source, byte[] entries, int e, long n,
      boolean little, String what, int cap) {
    int length = (int) Math.min(n, cap);
    if (n <= 4) {
      byte[] inline = new byte[length];
      System.arraycopy(entries, e + 8, inline, 0, length);
      return inline;
    }
    return source.read(u32(entries, e + 8, little), length, what);
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
