package org.provenanceaudit.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Positioned reads over a file (or an in-memory blob) that count every byte taken and refuse to
 * read past the end or past the read budget. Walkers seek by position, so a 4 GB {@code mdat} costs
 * its 8-byte header and nothing more. The first bytes are read once and served from memory, so
 * detection and the first walk do not pay for them twice. A file's channel is opened and closed by
 * the caller (see {@link AssetPaths.CheckedPath#open}), so the scan reads exactly the file that was
 * checked.
 */
final class ByteSource {
  static final int HEAD_BYTES = 16 * 1024;

  private final SeekableByteChannel channel;
  private final byte[] array;
  private final long size;
  private final long budget;
  private final byte[] head;
  private long bytesRead;

  private ByteSource(SeekableByteChannel channel, byte[] array, long size, long budget, int headBytes) {
    this.channel = channel;
    this.array = array;
    this.size = size;
    this.budget = budget;
    int headLength = (int) Math.min(size, Math.min(headBytes, budget));
    this.head = new byte[headLength];
    fill(0, head, 0, headLength);
    this.bytesRead = headLength;
  }

  /**
   * A source over an open channel, which stays open (the caller closes it).
   *
   * @throws IOException when the channel's size or its first bytes cannot be read
   */
  static ByteSource of(SeekableByteChannel channel, long budget) throws IOException {
    try {
      return new ByteSource(channel, null, channel.size(), budget, HEAD_BYTES);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static ByteSource of(byte[] bytes, long budget) {
    return of(bytes, budget, HEAD_BYTES);
  }

  /** A source whose first {@code headBytes} are read up front (0: every read is counted as made). */
  static ByteSource of(byte[] bytes, long budget, int headBytes) {
    return new ByteSource(null, bytes, bytes.length, budget, headBytes);
  }

  long size() {
    return size;
  }

  long bytesRead() {
    return bytesRead;
  }

  /** The first bytes of the source (up to {@link #HEAD_BYTES}), already read. */
  byte[] head() {
    return head.clone();
  }

  /**
   * Exactly {@code length} bytes at {@code position}.
   *
   * @param what names the structure being read, for the error message
   */
  byte[] read(long position, int length, String what) {
    if (length < 0 || position < 0 || position > size || length > size - position) {
      throw new MalformedContentException(
          "truncated " + what + " at offset " + position + " (needs " + length + " bytes, file has "
              + Math.max(0, size - position) + ")");
    }
    byte[] out = new byte[length];
    int fromHead = (int) Math.max(0, Math.min(length, head.length - position));
    if (fromHead > 0) {
      System.arraycopy(head, (int) position, out, 0, fromHead);
    }
    int rest = length - fromHead;
    if (rest == 0) {
      return out;
    }
    if (bytesRead + rest > budget) {
      throw new MalformedContentException(
          "read budget of " + budget + " bytes exhausted reading " + what + " at offset " + position);
    }
    fill(position + fromHead, out, fromHead, rest);
    bytesRead += rest;
    return out;
  }

  /** Like {@link #read} but returns at most the bytes that remain. */
  byte[] readUpTo(long position, int length, String what) {
    long available = Math.max(0, size - Math.max(0, position));
    return read(position, (int) Math.min(length, available), what);
  }

  int u8(long position, String what) {
    return read(position, 1, what)[0] & 0xFF;
  }

  int u16be(long position, String what) {
    byte[] b = read(position, 2, what);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  long u32be(long position, String what) {
    return Bytes.u32be(read(position, 4, what), 0);
  }

  long u32le(long position, String what) {
    return Bytes.u32le(read(position, 4, what), 0);
  }

  private void fill(long position, byte[] out, int offset, int length) {
    if (array != null) {
      System.arraycopy(array, (int) position, out, offset, length);
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(out, offset, length);
    long at = position;
    try {
      while (buffer.hasRemaining()) {
        int n = channel.position(at).read(buffer);
        if (n < 0) {
          throw new MalformedContentException("file shrank while reading at offset " + at);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
