package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads an SVG (or other XML) file's C2PA manifest store, which the C2PA spec embeds as base64 text
 * in a {@code c2pa:manifest} element, and its XMP packet. SVG is text, so the file is read whole,
 * up to the manifest cap.
 */
final class SvgWalker {
  private SvgWalker() {}

  private static final byte[] MANIFEST_OPEN = Bytes.ascii("<c2pa:manifest");
  private static final byte[] MANIFEST_CLOSE = Bytes.ascii("</c2pa:manifest>");
  private static final byte[] XMP_OPEN = Bytes.ascii("<x:xmpmeta");
  private static final byte[] XMP_CLOSE = Bytes.ascii("</x:xmpmeta>");

  static boolean isSvg(String mediaType, byte[] head) {
    return mediaType.equals("image/svg+xml")
        || Bytes.indexOf(head, Bytes.ascii("<svg"), 0, head.length) >= 0;
  }

  static void walk(ScanContext ctx, ByteSource source) {
    long size = source.size();
    int n = (int) Math.min(size, ctx.limits.maxManifestBytes());
    if (size > n) {
      ctx.softError("SVG larger than " + n + " bytes; only its start was read");
    }
    byte[] text = source.read(0, n, "SVG document");
    int open = Bytes.indexOf(text, MANIFEST_OPEN, 0, text.length);
    if (open >= 0) {
      int contentStart = Bytes.indexOf(text, Bytes.ascii(">"), open, text.length) + 1;
      int close = Bytes.indexOf(text, MANIFEST_CLOSE, contentStart, text.length);
      if (contentStart <= 0 || close < 0) {
        throw new MalformedContentException("unterminated c2pa:manifest element at offset " + open);
      }
      String base64 = new String(text, contentStart, close - contentStart, StandardCharsets.US_ASCII);
      byte[] store;
      try {
        store = Base64.getMimeDecoder().decode(base64.strip());
      } catch (IllegalArgumentException e) {
        throw new MalformedContentException("c2pa:manifest element at offset " + open + " is not base64");
      }
      ctx.run(() -> C2paManifestStore.report(ctx, store, 0, store.length, "SVG c2pa:manifest element"));
    }
    int xmp = Bytes.indexOf(text, XMP_OPEN, 0, text.length);
    if (xmp >= 0) {
      int close = Bytes.indexOf(text, XMP_CLOSE, xmp, text.length);
      if (close > xmp) {
        XmpPacket.report(ctx, text, xmp, close + XMP_CLOSE.length - xmp, "SVG metadata");
      }
    }
  }
}
