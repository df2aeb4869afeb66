package org.provenanceaudit.io;

import com.google.protobuf.UnsafeByteOperations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The check that a record's bytes are UTF-8, run on every line of every input file before it is parsed. */
public final class WellFormedUtf8 {

  /** Reads eight bytes of an array as one long, to find a word with a byte above 0x7F at once. */
  private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** How many bytes from a non-ASCII byte on each call of protobuf's check covers, before the eight-byte scan resumes. */
  private static final int NON_ASCII_SPAN = 64;

  private WellFormedUtf8() {}

  /**
   * Whether {@code bytes} are well-formed UTF-8 (RFC 3629: no overlong forms, no encoded
   * surrogates, nothing past U+10FFFF), by protobuf's own check, without copying or decoding them.
   * Protobuf's check reads one byte at a time from the first byte above 0x7F to the end of its
   * input; lines are mostly ASCII with a few accented letters in prompts (a fifth of the OTLP
   * reader's time went there), so ASCII is skipped here 32 bytes (four longs) at a time and protobuf is given
   * each stretch from a non-ASCII byte up to the next byte that starts a character. Cutting only
   * where a character starts keeps the answer exact: every sequence lies whole in one stretch. The
   * JDK's strict UTF-8 decoder accepts exactly the same byte strings (checked by the test).
   */
  public static boolean check(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      while (i + 4 * Long.BYTES <= bytes.length && (((long) EIGHT_BYTES.get(bytes, i) | (long) EIGHT_BYTES.get(bytes, i + 8)
          | (long) EIGHT_BYTES.get(bytes, i + 16) | (long) EIGHT_BYTES.get(bytes, i + 24)) & HIGH_BITS) == 0) {
        i += 4 * Long.BYTES;
      }
      if (i + Long.BYTES <= bytes.length && ((long) EIGHT_BYTES.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
        continue;
      }
      if (i >= bytes.length) {
        break;
      }
      if (bytes[i] >= 0) {
        i++;
        continue;
      }
      int end = Math.min(bytes.length, i + NON_ASCII_SPAN);
      while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
        end++;
      }
      if (!UnsafeByteOperations.unsafeWrap(bytes, i, end - i).isValidUtf8()) {
        return false;
      }
      i = end;
    }
    return true;
  }
}
