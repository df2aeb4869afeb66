package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;

/**
 * Walks RIFF chunks (WebP, WAV, AVI), seeking past media data: {@code C2PA} (the manifest store),
 * {@code EXIF}, {@code XMP } and {@code _PMX} (XMP), {@code id3 } (an ID3 tag inside WAV), and the
 * {@code ISFT} software entry of {@code LIST/INFO}. Lists are descended only for INFO, with the
 * depth capped, so a chunk bomb of nested lists stops with an error.
 */
final class RiffWalker {
  private RiffWalker() {}

  static boolean isRiff(byte[] head) {
    return head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F';
  }

  static void walk(ScanContext ctx, ByteSource source) {
    byte[] header = source.read(0, 12, "RIFF header");
    long declared = Bytes.u32le(header, 4) + 8;
    String form = Bytes.fourCc(header, 8);
    long end = source.size();
    if (declared > source.size()) {
      ctx.softError("truncated RIFF " + form + ": header claims " + declared + " bytes, file has " + source.size());
    } else {
      end = declared;
    }
    chunks(ctx, source, 12, end, form, 0);
  }

  private static void chunks(ScanContext ctx, ByteSource source, long from, long to, String form, int depth) {
    ctx.checkDepth(depth, "RIFF list", from);
    long at = from;
    while (to - at >= 8) {
      ctx.visit("RIFF chunk", at);
      byte[] header = source.read(at, 8, "RIFF chunk header");
      String id = Bytes.fourCc(header, 0);
      long length = Bytes.u32le(header, 4);
      long data = at + 8;
      if (length > to - data) {
        throw new MalformedContentException(
            "truncated RIFF chunk '" + id + "' at offset " + at + ": claims " + length + " bytes, "
                + (to - data) + " remain");
      }
      chunk(ctx, source, id, data, (int) Math.min(length, Integer.MAX_VALUE), at, form, depth);
      at = data + length + (length & 1);
    }
  }

  private static void chunk(ScanContext ctx, ByteSource source, String id, long data, int length,
      long at, String form, int depth) {
    String where = form.strip() + " " + id.strip() + " chunk";
    switch (id) {
      case "C2PA" -> {
        byte[] store = source.read(data, ctx.checkBlobLength(length, where, at), where);
        ctx.run(() -> C2paManifestStore.report(ctx, store, 0, store.length, where));
      }
      case "EXIF" -> {
        byte[] exif = source.read(data, ctx.checkBlobLength(length, where, at), where);
        // Some writers keep the JPEG "Exif\0\0" prefix in front of the TIFF header.
        int skip = exif.length >= 6 && exif[0] == 'E' && exif[1] == 'x' && exif[4] == 0 ? 6 : 0;
        byte[] tiff = new byte[exif.length - skip];
        System.arraycopy(exif, skip, tiff, 0, tiff.length);
        ctx.run(() -> TiffWalker.walk(ctx, ByteSource.of(tiff, tiff.length), where));
      }
      case "XMP ", "_PMX" -> {
        byte[] xmp = source.read(data, ctx.checkBlobLength(length, where, at), where);
        XmpPacket.report(ctx, xmp, 0, xmp.length, where);
      }
      case "id3 ", "ID3 " -> {
        byte[] tag = source.read(data, ctx.checkBlobLength(length, where, at), where);
        ctx.run(() -> Id3Walker.walk(ctx, ByteSource.of(tag, tag.length), where));
      }
      case "LIST" -> {
        if (length >= 4) {
          String listType = Bytes.fourCc(source.read(data, 4, "RIFF LIST type"), 0);
          if (listType.equals("INFO")) {
            chunks(ctx, source, data + 4, data + length, form, depth + 1);
          }
        }
      }
      case "ISFT" -> {
        byte[] value = source.read(data, Math.min(length, ctx.limits.maxInflatedBytes()), where);
        int end = value.length;
        while (end > 0 && value[end - 1] == 0) {
          end--;
        }
        ctx.softwareTag("riff-info", "software", "ISFT", new String(value, 0, end, StandardCharsets.ISO_8859_1));
      }
      default -> { }
    }
  }
}
