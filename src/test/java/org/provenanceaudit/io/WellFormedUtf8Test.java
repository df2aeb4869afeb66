package org.provenanceaudit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The OTLP reader's UTF-8 check (ASCII skipped eight bytes at a time, protobuf's check on each
 * stretch from a non-ASCII byte) says of every line what the JDK's strict decoder says: a line it
 * let through that is not UTF-8 would reach the reports as text no file can hold, and a line it
 * wrongly refused would be a lost request.
 */
class WellFormedUtf8Test {

  private static boolean jdkSaysWellFormed(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void everyMalformedFormIsFoundWhereverItSitsInALongAsciiLine() {
    // overlong '/', an encoded surrogate, past U+10FFFF, a lone continuation byte, a lead byte cut short, 0xFF
    for (String bad : new String[] {"c0af", "eda080", "f4908080", "80", "e282", "ff"}) {
      for (int at = 0; at < 80; at++) {
        byte[] line = ("x".repeat(at) + "\u00fc" + "y".repeat(90)).getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[line.length + bad.length() / 2];
        byte[] inserted = HexFormat.of().parseHex(bad);
        System.arraycopy(line, 0, broken, 0, at);
        System.arraycopy(inserted, 0, broken, at, inserted.length);
        System.arraycopy(line, at, broken, at + inserted.length, line.length - at);
        assertFalse(WellFormedUtf8.check(broken), bad + " at " + at);
      }
    }
  }

  @Test
  void charactersOfEveryLengthAcrossEveryBoundaryAreWellFormed() {
    for (String character : new String[] {"\u00fc", "\u2013", "\ud83c\udfac"}) {
      for (int at = 0; at < 80; at++) {
        String text = "a".repeat(at) + character + "b".repeat(70) + character + character + "c";
        assertTrue(WellFormedUtf8.check(text.getBytes(StandardCharsets.UTF_8)), character + " at " + at);
      }
    }
    assertTrue(WellFormedUtf8.check(new byte[0]));
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomLines() {
    Random random = new Random(20261130);
    byte[][] pieces = {
      "plain ascii text, ".getBytes(StandardCharsets.UTF_8), "\u00fc".getBytes(StandardCharsets.UTF_8),
      "\u2013".getBytes(StandardCharsets.UTF_8), "\ud83c\udfac".getBytes(StandardCharsets.UTF_8),
      {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE}
    };
    int malformed = 0;
    for (int n = 0; n < 20_000; n++) {
      ByteBuffer line = ByteBuffer.allocate(4096);
      int parts = random.nextInt(40);
      for (int p = 0; p < parts; p++) {
        // mostly well-formed pieces, so that lines of both kinds are common
        byte[] piece = pieces[random.nextInt(100) < 97 ? random.nextInt(4) : 4 + random.nextInt(pieces.length - 4)];
        line.put(piece, 0, random.nextInt(10) == 0 ? random.nextInt(piece.length + 1) : piece.length);
      }
      byte[] bytes = java.util.Arrays.copyOf(line.array(), line.position());
      boolean expected = jdkSaysWellFormed(bytes);
      malformed += expected ? 0 : 1;
      assertEquals(expected, WellFormedUtf8.check(bytes), () -> HexFormat.of().formatHex(bytes));
    }
    assertTrue(malformed > 1_000 && malformed < 19_000, "both kinds of line were tried: " + malformed + " malformed");
  }
}
