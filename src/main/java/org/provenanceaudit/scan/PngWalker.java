package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;

/**
 * Walks PNG chunks, seeking past image data: {@code caBX} (the C2PA manifest store),
 * {@code tEXt}/{@code zTXt}/{@code iTXt} (generation records, XMP) and {@code eXIf}. Text values are
 * read only when their key matters, and inflated no further than the cap.
 */
final class PngWalker {
  private PngWalker() {}

  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final String XMP_KEY = "XML:com.adobe.xmp";
  private static final int MAX_KEY = 79;

  static boolean isPng(byte[] head) {
    return Bytes.startsWith(head, 0, SIGNATURE);
  }

  static void walk(ScanContext ctx, ByteSource source) {
    long at = SIGNATURE.length;
    long size = source.size();
    while (at < size) {
      ctx.visit("PNG chunk", at);
      byte[] header = source.read(at, 8, "PNG chunk header");
      long length = Bytes.u32be(header, 0);
      String type = Bytes.fourCc(header, 4);
      if (length > Integer.MAX_VALUE) {
        throw new MalformedContentException("PNG chunk '" + type + "' at offset " + at + " claims " + length + " bytes");
      }
      long data = at + 8;
      if (data + length + 4 > size) {
        throw new MalformedContentException("truncated PNG chunk '" + type + "' at offset " + at);
      }
      int n = (int) length;
      switch (type) {
        case "caBX" -> {
          byte[] store = source.read(data, ctx.checkBlobLength(n, "PNG caBX chunk", at), "PNG caBX chunk");
          ctx.run(() -> C2paManifestStore.report(ctx, store, 0, store.length, "PNG caBX chunk"));
        }
        case "eXIf" -> {
          byte[] exif = source.read(data, ctx.checkBlobLength(n, "PNG eXIf chunk", at), "PNG eXIf chunk");
          ctx.run(() -> TiffWalker.walk(ctx, ByteSource.of(exif, exif.length), "PNG eXIf"));
        }
        case "tEXt", "zTXt", "iTXt" -> text(ctx, source, type, data, n, at);
        case "IEND" -> {
          return;
        }
        default -> { }
      }
      at = data + length + 4;
    }
  }

  private static void text(ScanContext ctx, ByteSource source, String type, long data, int length, long at) {
    byte[] start = source.read(data, Math.min(length, MAX_KEY + 1), "PNG " + type + " keyword");
    int zero = Bytes.indexOfZero(start, 0, start.length);
    if (zero <= 0) {
      ctx.softError("PNG " + type + " chunk at offset " + at + " has no keyword");
      return;
    }
    String key = Bytes.latin1(start, 0, zero);
    boolean xmp = type.equals("iTXt") && key.equals(XMP_KEY);
    boolean wanted = xmp || ctx.policy.isGenaiTextKey(key) || key.equalsIgnoreCase("Software");
    if (!wanted) {
      return;
    }
    int cap = ctx.limits.maxInflatedBytes();
    // Plain text is needed up to the inflate cap only; compressed text is read whole (within the
    // blob cap) so that it can be inflated.
    int plainLimit = cap + 3 * MAX_KEY + 16;
    boolean compressed = type.equals("zTXt") || (type.equals("iTXt") && start.length > zero + 1 && start[zero + 1] != 0);
    int limit = compressed ? ctx.checkBlobLength(length, "PNG " + type + " chunk", at) : Math.min(length, plainLimit);
    byte[] body = source.read(data, limit, "PNG " + type + " chunk");
    int p = zero + 1;
    String where = "PNG " + type + " '" + key + "' at offset " + at;
    byte[] value;
    boolean utf8;
    switch (type) {
      case "tEXt" -> {
        value = slice(body, p, body.length);
        utf8 = false;
      }
      case "zTXt" -> {
        if (body.length < p + 1) {
          ctx.softError("truncated " + where);
          return;
        }
        value = inflate(ctx, body, p + 1, where);
        utf8 = false;
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
        value = compressed ? inflate(ctx, body, p, where) : slice(body, p, Math.min(body.length, p + cap));
        utf8 = true;
      }
    }
    if (xmp) {
      XmpPacket.report(ctx, value, 0, value.length, "PNG iTXt XMP");
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

  private static byte[] inflate(ScanContext ctx, byte[] body, int from, String where) {
    if (from >= body.length) {
      return new byte[0];
    }
    TextValues.Inflated inflated =
        TextValues.inflate(body, from, body.length - from, ctx.limits.maxInflatedBytes());
    if (inflated.problem() != null) {
      ctx.softError(where + ": " + inflated.problem());
    }
    return inflated.bytes();
  }

  private static byte[] slice(byte[] b, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    System.arraycopy(b, from, out, 0, out.length);
    return out;
  }
}
