package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Bounded zlib inflation and strict UTF-8 decoding for text values found in metadata. */
final class TextValues {
  private TextValues() {}

  /** The result of inflating: the bytes produced, and why it stopped if not at the stream's end. */
  record Inflated(byte[] bytes, String problem) {}

  /**
   * Inflates a zlib stream, stopping once {@code cap} bytes are produced, so a zlib bomb costs at
   * most {@code cap} bytes of memory.
   */
  static Inflated inflate(byte[] input, int offset, int length, int cap) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(input, offset, length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, Math.max(64, length * 4)));
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int room = cap - out.size();
        if (room <= 0) {
          return new Inflated(out.toByteArray(), "inflates past the cap of " + cap + " bytes");
        }
        int n = inflater.inflate(buffer, 0, Math.min(buffer.length, room));
        out.write(buffer, 0, n);
        if (n == 0 && !inflater.finished()) {
          return new Inflated(out.toByteArray(), "compressed data ends early");
        }
      }
      return new Inflated(out.toByteArray(), null);
    } catch (DataFormatException e) {
      return new Inflated(new byte[0], "corrupt compressed data");
    } finally {
      inflater.end();
    }
  }

  /** Strict UTF-8: null when the bytes are not valid UTF-8. */
  static String utf8OrNull(byte[] bytes, int offset, int length) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String utf8Lenient(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }
}
