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
   * Open addressing, linear probing, three longs a slot side by side (so that a probe and a store
   * touch one cache line of a table of millions): the id's hash in the high 32 bits of the first
   * and its length in bytes plus one in the low 32 (0: the slot is empty), then the id's address in
   * the pages, then its position (file index and line).
   */
  private static final int STRIDE = 3;
  private long[] slots = new long[1024 * STRIDE];
  private int size;

  /**
   * An id as the table compares it: its UTF-8 bytes and their hash. Made by {@link #key} on
   * whichever thread parses the row, so that the thread which must see every id in file order
   * only looks it up.
   */
  record Key(byte[] bytes, int hash) {}

  /** {@code id}'s key: its UTF-8 bytes and their hash. */
  static Key key(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    return new Key(bytes, hash(bytes));
  }

  /**
   * Records the id whose key is {@code id} as first seen at {@code position}, or returns where it
   * was first seen when it already was (and records nothing).
   */
  SourcePosition putIfAbsent(Key id, SourcePosition position) {
    byte[] bytes = id.bytes();
    long meta = meta(id.hash(), bytes.length);
    int mask = slots.length / STRIDE - 1;
    for (int slot = id.hash() & mask; ; slot = (slot + 1) & mask) {
      long held = slots[slot * STRIDE];
      if (held == 0) {
        store(slot, meta, bytes, position);
        return null;
      }
      if (held == meta && sameBytes(slot, bytes)) {
        return positionAt(slot);
      }
    }
  }

  int size() {
    return size;
  }

  private static long meta(int hash, int length) {
    return ((long) hash << 32) | (length + 1L);
  }

  private void store(int slot, long meta, byte[] bytes, SourcePosition position) {
    int at = slot * STRIDE;
    slots[at] = meta;
    slots[at + 1] = append(bytes);
    slots[at + 2] = encode(position);
    if (++size * 4L > (slots.length / STRIDE) * 3L) {
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

  /** Whether the id in {@code slot}, whose length is that of {@code bytes}, is {@code bytes}. */
  private boolean sameBytes(int slot, byte[] bytes) {
    long address = slots[slot * STRIDE + 1];
    byte[] page = pages.get((int) (address >>> 32));
    int offset = (int) address;
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
    long packed = slots[slot * STRIDE + 2];
    return new SourcePosition(files.get((int) (packed >>> LINE_BITS)), packed & ((1L << LINE_BITS) - 1));
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length / STRIDE - 1;
    for (int at = 0; at < old.length; at += STRIDE) {
      if (old[at] == 0) {
        continue;
      }
      int slot = (int) (old[at] >>> 32) & mask;
      while (slots[slot * STRIDE] != 0) {
        slot = (slot + 1) & mask;
      }
      System.arraycopy(old, at, slots, slot * STRIDE, STRIDE);
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
