package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;

/**
 * One ISO base media box header (ISO/IEC 14496-12 §4.2): where the box starts, where its body
 * starts and where it ends, with its type as a printable four-character code, as Latin-1 text
 * (QuickTime's {@code ©cmt} is byte 0xA9 then {@code cmt}) and as a big-endian number (the item
 * index of a {@code mdta} item list).
 *
 * @param type the type with unprintable bytes as '?'
 * @param name the type's four bytes as ISO-8859-1
 * @param code the type's four bytes as an unsigned 32-bit number
 * @param at offset of the box's first byte
 * @param body offset of the box's body (after the 8- or 16-byte header)
 * @param end offset just past the box
 */
record BmffBox(String type, String name, long code, long at, long body, long end) {

  /**
   * Reads the header of the box at {@code at}, counting it as one visited box. A size of 1 reads
   * the 64-bit {@code largesize}; 0 means "to the end of the enclosing box".
   *
   * @param to the end of the enclosing box (or file)
   * @throws MalformedContentException when the header is cut or the size does not fit in
   *     {@code to}
   */
  static BmffBox read(ScanContext ctx, ByteSource source, long at, long to) {
    ctx.visit("ISO BMFF box", at);
    byte[] header = source.read(at, 8, "ISO BMFF box header");
    long length = Bytes.u32be(header, 0);
    String type = Bytes.fourCc(header, 4);
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
    return new BmffBox(type, new String(header, 4, 4, StandardCharsets.ISO_8859_1), Bytes.u32be(header, 4),
        at, at + headerLength, at + length);
  }

  long bodyLength() {
    return end - body;
  }

  /** The whole body, within the blob cap. */
  byte[] readBody(ScanContext ctx, ByteSource source) {
    int n = ctx.checkBlobLength(bodyLength(), "'" + type + "' box", at);
    return source.read(body, n, "'" + type + "' box");
  }
}
