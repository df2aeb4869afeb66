package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;

/** Integer and text decoding from byte arrays, shared by the container walks. */
final class Bytes {
  private Bytes() {}

  static long u32be(byte[] b, int i) {
    return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  static long u32le(byte[] b, int i) {
    return ((long) (b[i + 3] & 0xFF) << 24) | ((b[i + 2] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8)
        | (b[i] & 0xFF);
  }

  static int u16be(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  static long u64be(byte[] b, int i) {
    return (u32be(b, i) << 32) | u32be(b, i + 4);
  }

  /** A four-character code, with unprintable bytes shown as '?'. */
  static String fourCc(byte[] b, int i) {
    StringBuilder s = new StringBuilder(4);
    for (int k = i; k < i + 4; k++) {
      int c = b[k] & 0xFF;
      s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return s.toString();
  }

  static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Index of the first zero byte at or after {@code from} and before {@code to}, or -1. */
  static int indexOfZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (at < 0 || b.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] b, byte[] needle, int from, int to) {
    for (int i = Math.max(0, from); i + needle.length <= to; i++) {
      if (startsWith(b, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
