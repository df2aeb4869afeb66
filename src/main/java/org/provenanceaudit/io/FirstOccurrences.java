package org.provenanceaudit.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.provenanceaudit.model.SourcePosition;

/**
 * Every id an input has shown so far, with the file and line of its first occurrence: the memory
 * behind "the first occurrence of an id wins". An input of four million rows holds four million
 * ids at once, so they are kept in primitive arrays and byte pages rather than as a map of
 * strings to positions: a map held 120 bytes and three objects per id, all of which the garbage
 * collector copied out of the young generation while the file was read (measured as a fifth of
 * the reading time at scale 100). Ids are compared byte for byte, so the answer is exact.
 */
final class FirstOccurrences {

  private static final int PAGE = 1 << 20;
  private static final long LINE_BITS = 40;

  private final List<String> files = new ArrayList<>();
  private final List<byte[]> pages = new ArrayList<>();
  private int pageUsed = PAGE;

  /**
   * Open addressing, linear probing. Slot i holds the id's hash in the high 32 bits of keys[i] and
   * its length in bytes plus one in the low 32, so that a probe reads one array (one cache miss on a
   * table of millions), and is empty when keys[i] == 0.
   */
  private long[] keys = new long[1024];
  private long[] addresses = new long[1024];
  private long[] positions = new long[1024];
  private int size;

  /**
   * Records {@code id} as first seen at {@code position}, or returns where it was first seen when
   * it already was (and records nothing).
   */
  SourcePosition putIfAbsent(String id, SourcePosition position) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    int hash = hash(bytes);
    long key = key(hash, bytes.length);
    int mask = keys.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long held = keys[slot];
      if (held == 0) {
        store(slot, key, bytes, position);
        return null;
      }
      if (held == key && sameBytes(slot, bytes)) {
        return positionAt(slot);
      }
    }
  }

  int size() {
    return size;
  }

  private static long key(int hash, int length) {
    return ((long) hash << 32) | (length + 1L);
  }

  private void store(int slot, long key, byte[] bytes, SourcePosition position) {
    keys[slot] = key;
    addresses[slot] = append(bytes);
    positions[slot] = encode(position);
    if (++size * 4L > keys.length * 3L) {
      grow();
    }
  }

  /** The id's bytes go at the end of the current page, or on a new page (an id longer than a page gets its own). */
  private long append(byte[] bytes) {
    if (pageUsed + bytes.length > PAGE || pages.isEmpty()) {
      pages.add(new byte[Math.max(PAGE, bytes.length)]);
      pageUsed = 0;
    }
    int page = pages.size() - 1;
    System.arraycopy(bytes, 0, pages.get(page), pageUsed, bytes.length);
    long address = ((long) page << 32) | pageUsed;
    pageUsed += bytes.length;
    if (bytes.length >= PAGE) {
      pageUsed = PAGE;
    }
    return address;
  }

  /** Whether the id in {@code slot}, whose key says it has as many bytes as {@code bytes}, is {@code bytes}. */
  private boolean sameBytes(int slot, byte[] bytes) {
    byte[] page = pages.get((int) (addresses[slot] >>> 32));
    int offset = (int) addresses[slot];
    return Arrays.equals(page, offset, offset + bytes.length, bytes, 0, bytes.length);
  }

  private long encode(SourcePosition position) {
    int file = files.indexOf(position.file());
    if (file < 0) {
      files.add(position.file());
      file = files.size() - 1;
    }
    return ((long) file << LINE_BITS) | position.line();
  }

  private SourcePosition positionAt(int slot) {
    long packed = positions[slot];
    return new SourcePosition(files.get((int) (packed >>> LINE_BITS)), packed & ((1L << LINE_BITS) - 1));
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldAddresses = addresses;
    long[] oldPositions = positions;
    int capacity = oldKeys.length * 2;
    keys = new long[capacity];
    addresses = new long[capacity];
    positions = new long[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == 0) {
        continue;
      }
      int slot = (int) (oldKeys[i] >>> 32) & mask;
      while (keys[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = oldKeys[i];
      addresses[slot] = oldAddresses[i];
      positions[slot] = oldPositions[i];
    }
  }

  /** FNV-1a over the bytes, then mixed so that ids differing in their last digits spread over the table. */
  private static int hash(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }
}
