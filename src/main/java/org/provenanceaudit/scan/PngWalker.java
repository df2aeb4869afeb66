package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Walks PNG chunks (PNG spec, third edition, §5 and §11), seeking past image data: {@code caBX} (the
 * C2PA manifest store); {@code tEXt}/{@code zTXt}/{@code iTXt} (generation records and software
 * names under any key, XMP under {@code XML:com.adobe.xmp}, ImageMagick's {@code Raw profile type}
 * profiles); {@code eXIf} (also with the JPEG {@code Exif\0\0} header some writers leave in) and
 * the compressed {@code zxIf} once proposed for PNG extensions 1.5.0. Text values are read up to
 * the text cap and judged on what was read; a cut value is a soft error naming chunk, key and cap.
 * After the chunks, the pixels' low bits are checked for AUTOMATIC1111 stealth parameters
 * ({@link StealthPngInfo}).
 */
final class PngWalker {
  private PngWalker() {}

  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final String XMP_KEY = "XML:com.adobe.xmp";
  private static final int MAX_KEY = 79;
  /** Room for an iTXt header: keyword, flags, language tag and translated keyword. */
  private static final int HEADER_ROOM = 1024;
  private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
  private static final int IHDR_LENGTH = 13;

  static boolean isPng(byte[] head) {
    return Bytes.startsWith(head, 0, SIGNATURE);
  }

  static void walk(ScanContext ctx, ByteSource source) {
    long at = SIGNATURE.length;
    long size = source.size();
    StealthPngInfo.ImageHeader header = null;
    List<StealthPngInfo.ChunkSpan> idat = new ArrayList<>();
    while (at < size) {
      ctx.visit("PNG chunk", at);
      byte[] chunkHeader = source.read(at, 8, "PNG chunk header");
      long length = Bytes.u32be(chunkHeader, 0);
      String type = Bytes.fourCc(chunkHeader, 4);
      if (length > Integer.MAX_VALUE) {
        throw new MalformedContentException("PNG chunk '" + type + "' at offset " + at + " claims " + length + " bytes");
      }
      long data = at + 8;
      if (data + length + 4 > size) {
        throw new MalformedContentException("truncated PNG chunk '" + type + "' at offset " + at);
      }
      int n = (int) length;
      // ExifTool reads eXIf and zxIf whatever the case of their letters; so do we.
      boolean exifChunk = type.equalsIgnoreCase("eXIf") || type.equalsIgnoreCase("zxIf");
      switch (exifChunk ? type.toLowerCase(Locale.ROOT) : type) {
        case "IHDR" -> {
          if (header == null && n == IHDR_LENGTH) {
            header = StealthPngInfo.ImageHeader.of(source.read(data, IHDR_LENGTH, "PNG IHDR chunk"));
          }
        }
        case "IDAT" -> idat.add(new StealthPngInfo.ChunkSpan(at, length));
        case "caBX" -> {
          byte[] store = source.read(data, ctx.checkBlobLength(n, "PNG caBX chunk", at), "PNG caBX chunk");
          ctx.run(() -> C2paManifestStore.report(ctx, store, 0, store.length, "PNG caBX chunk"));
        }
        case "exif", "zxif" -> {
          String where = "PNG " + type + " chunk";
          byte[] exif = source.read(data, ctx.checkBlobLength(n, where, at), where);
          if (exif.length > 0 && exif[0] == 0) {
            zxif(ctx, exif, where + " at offset " + at);
          } else {
            exif(ctx, exif, "PNG " + type);
          }
        }
        case "tEXt", "zTXt", "iTXt" -> text(ctx, source, type, data, n, at);
        case "IEND" -> {
          lookForStealth(ctx, source, header, idat);
          return;
        }
        default -> { }
      }
      at = data + length + 4;
    }
    lookForStealth(ctx, source, header, idat);
  }

  private static void lookForStealth(ScanContext ctx, ByteSource source, StealthPngInfo.ImageHeader header,
      List<StealthPngInfo.ChunkSpan> idat) {
    if (header != null) {
      StealthPngInfo.look(ctx, source, header, idat);
    }
  }

  /**
   * Walks an EXIF block (EXIF 2.32 §4.5.2, TIFF structure) found in a PNG, after the JPEG APP1
   * {@code Exif\0\0} header when a writer left it in (ExifTool warns and reads such blocks too).
   */
  static void exif(ScanContext ctx, byte[] bytes, String where) {
    int from = Bytes.startsWith(bytes, 0, EXIF_HEADER) ? EXIF_HEADER.length : 0;
    byte[] tiff = Arrays.copyOfRange(bytes, from, bytes.length);
    ctx.run(() -> TiffWalker.walk(ctx, ByteSource.of(tiff, tiff.length), where));
  }

  /**
   * A compressed EXIF chunk as ExifTool writes {@code zxIf}: a zero compression-method byte, the
   * inflated length (4 bytes, big-endian), then a zlib stream of the TIFF block.
   */
  private static void zxif(ScanContext ctx, byte[] chunk, String where) {
    if (chunk.length < 5) {
      ctx.softError("truncated " + where);
      return;
    }
    long declared = Bytes.u32be(chunk, 1);
    int cap = ctx.limits.maxManifestBytes();
    if (declared > cap) {
      ctx.softError(where + " declares " + declared + " inflated bytes, over the cap of " + cap);
      return;
    }
    TextValues.Inflated inflated = TextValues.inflate(chunk, 5, chunk.length - 5, (int) declared);
    if (inflated.problem() != null && inflated.bytes().length < declared) {
      ctx.softError(where + ": " + inflated.problem());
    }
    exif(ctx, inflated.bytes(), where);
  }

  private static void text(ScanContext ctx, ByteSource source, String type, long data, int length, long at) {
    byte[] start = source.read(data, Math.min(length, MAX_KEY + 1), "PNG " + type + " keyword");
    int zero = Bytes.indexOfZero(start, 0, start.length);
    if (zero <= 0) {
      ctx.softError("PNG " + type + " chunk at offset " + at + " has no keyword");
      return;
    }
    String key = Bytes.latin1(start, 0, zero);
    boolean xmp = key.equals(XMP_KEY);
    boolean rawProfile = ImageMagickRawProfile.isReadKey(key);
    // XMP and raw profiles are metadata blocks (raw profiles spell each byte as two hex digits);
    // any other value is text, read up to the text cap.
    int valueCap = xmp ? ctx.limits.maxManifestBytes()
        : rawProfile ? 2 * ctx.limits.maxManifestBytes() + HEADER_ROOM
        : ctx.limits.maxInflatedBytes();
    boolean compressed = type.equals("zTXt") || (type.equals("iTXt") && start.length > zero + 1 && start[zero + 1] != 0);
    // Compressed bytes are read up to the blob cap and inflated up to the value cap.
    int readLimit = (int) Math.min(length, HEADER_ROOM + (long) (compressed ? ctx.limits.maxManifestBytes() : valueCap));
    byte[] body = source.read(data, readLimit, "PNG " + type + " chunk");
    boolean cut = readLimit < length;
    int p = zero + 1;
    String where = "PNG " + type + " '" + key + "' at offset " + at;
    boolean utf8 = type.equals("iTXt");
    switch (type) {
      case "tEXt" -> { }
      case "zTXt" -> {
        if (body.length < p + 1) {
          ctx.softError("truncated " + where);
          return;
        }
        p += 1;
      }
      default -> {
        if (body.length < p + 2) {
          ctx.softError("truncated " + where);
          return;
        }
        p += 2;
        int languageEnd = Bytes.indexOfZero(body, p, body.length);
        int translatedEnd = languageEnd < 0 ? -1 : Bytes.indexOfZero(body, languageEnd + 1, body.length);
        if (translatedEnd < 0) {
          ctx.softError("truncated " + where);
          return;
        }
        p = translatedEnd + 1;
      }
    }
    byte[] value;
    if (compressed) {
      value = inflate(ctx, body, p, valueCap, where, cut, length - p);
    } else {
      value = Arrays.copyOfRange(body, p, Math.max(p, Math.min(body.length, p + valueCap)));
      if (length - p > valueCap) {
        ctx.softError(where + ": value of " + (length - p) + " bytes cut at the cap of " + valueCap + " bytes");
      }
    }
    if (xmp) {
      XmpPacket.report(ctx, value, 0, value.length, "PNG " + type + " XMP");
      return;
    }
    if (rawProfile) {
      ImageMagickRawProfile.report(ctx, key, value, where);
      return;
    }
    String text;
    if (utf8) {
      text = TextValues.utf8OrNull(value, 0, value.length);
      if (text == null) {
        ctx.softError("invalid UTF-8 in " + where);
        text = TextValues.utf8Lenient(value, 0, value.length);
      }
    } else {
      text = new String(value, StandardCharsets.ISO_8859_1);
    }
    ctx.textEntry("png-text", "PNG " + type, key, text);
  }

  /**
   * Inflates a compressed value up to {@code cap} bytes. When the compressed bytes were themselves
   * cut at the blob cap ({@code cut}), that is the error reported, not the early end it causes.
   */
  private static byte[] inflate(ScanContext ctx, byte[] body, int from, int cap, String where, boolean cut,
      long compressedLength) {
    if (from >= body.length) {
      return new byte[0];
    }
    TextValues.Inflated inflated = TextValues.inflate(body, from, body.length - from, cap);
    if (cut && inflated.bytes().length < cap) {
      ctx.softError(where + ": compressed value of " + compressedLength + " bytes cut at the cap of "
          + ctx.limits.maxManifestBytes() + " bytes");
    } else if (inflated.problem() != null) {
      ctx.softError(where + ": " + inflated.problem());
    }
    return inflated.bytes();
  }
}
