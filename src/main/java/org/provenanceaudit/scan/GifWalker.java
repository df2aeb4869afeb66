package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;

/**
 * Walks GIF blocks: application extensions {@code C2PA_GIF} (the manifest store) and
 * {@code XMP DataXMP}; image data is skipped sub-block by sub-block, reading one length byte each.
 */
final class GifWalker {
  private GifWalker() {}

  private static final int MAX_SUB_BLOCKS = 1_000_000;

  static boolean isGif(byte[] head) {
    return head.length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8';
  }

  static void walk(ScanContext ctx, ByteSource source) {
    byte[] screen = source.read(0, 13, "GIF header");
    long at = 13 + colorTableLength(screen[10]);
    int[] subBlocks = {0};
    while (true) {
      ctx.visit("GIF block", at);
      int introducer = source.u8(at, "GIF block");
      switch (introducer) {
        case 0x3B -> {
          return;
        }
        case 0x21 -> {
          int label = source.u8(at + 1, "GIF extension label");
          at += 2;
          if (label == 0xFF) {
            at = applicationExtension(ctx, source, at, subBlocks);
          } else {
            at = skipSubBlocks(source, at, subBlocks);
          }
        }
        case 0x2C -> {
          byte[] descriptor = source.read(at + 1, 9, "GIF image descriptor");
          at += 10 + colorTableLength(descriptor[8]);
          at = skipSubBlocks(source, at + 1, subBlocks);
        }
        default -> throw new MalformedContentException(
            "unknown GIF block 0x" + Integer.toHexString(introducer) + " at offset " + at);
      }
    }
  }

  private static long colorTableLength(byte packed) {
    return (packed & 0x80) != 0 ? 3L * (1 << ((packed & 0x07) + 1)) : 0;
  }

  private static long applicationExtension(ScanContext ctx, ByteSource source, long at, int[] subBlocks) {
    int size = source.u8(at, "GIF application extension");
    if (size != 11) {
      return skipSubBlocks(source, at, subBlocks);
    }
    String identifier = Bytes.latin1(source.read(at + 1, 11, "GIF application identifier"), 0, 11);
    long data = at + 12;
    if (identifier.startsWith("C2PA_GIF")) {
      ByteArrayOutputStream store = new ByteArrayOutputStream();
      long end = collectSubBlocks(ctx, source, data, store, false, subBlocks);
      byte[] bytes = store.toByteArray();
      ctx.run(() -> C2paManifestStore.report(ctx, bytes, 0, bytes.length, "GIF C2PA_GIF extension"));
      return end;
    }
    if (identifier.equals("XMP DataXMP")) {
      // XMP is stored raw: the "sub-block lengths" are the packet's own bytes, then a magic trailer.
      ByteArrayOutputStream xmp = new ByteArrayOutputStream();
      long end = collectSubBlocks(ctx, source, data, xmp, true, subBlocks);
      byte[] bytes = xmp.toByteArray();
      int trailer = 0;
      while (trailer < bytes.length && bytes[trailer] != 0x01) {
        trailer++;
      }
      XmpPacket.report(ctx, bytes, 0, trailer, "GIF XMP extension");
      return end;
    }
    return skipSubBlocks(source, data, subBlocks);
  }

  private static long collectSubBlocks(ScanContext ctx, ByteSource source, long at,
      ByteArrayOutputStream out, boolean keepLengths, int[] subBlocks) {
    while (true) {
      countSubBlock(subBlocks, at);
      int length = source.u8(at, "GIF sub-block");
      if (length == 0) {
        return at + 1;
      }
      if (keepLengths) {
        out.write(length);
      }
      out.writeBytes(source.read(at + 1, length, "GIF sub-block"));
      ctx.checkBlobLength(out.size(), "GIF extension data", at);
      at += 1 + length;
    }
  }

  private static long skipSubBlocks(ByteSource source, long at, int[] subBlocks) {
    while (true) {
      countSubBlock(subBlocks, at);
      int length = source.u8(at, "GIF sub-block");
      if (length == 0) {
        return at + 1;
      }
      at += 1 + length;
    }
  }

  private static void countSubBlock(int[] subBlocks, long at) {
    if (++subBlocks[0] > MAX_SUB_BLOCKS) {
      throw new MalformedContentException("more than " + MAX_SUB_BLOCKS + " GIF sub-blocks at offset " + at);
    }
  }
}
