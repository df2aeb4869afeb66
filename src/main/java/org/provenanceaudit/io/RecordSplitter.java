package org.provenanceaudit.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts an input stream into records, at the byte level, before any decoding: one line per record
 * for JSON Lines, and for CSV a record that may span lines inside RFC 4180 quoted fields. It knows
 * each record's first line, and it resumes after a broken record — which a CSV library cannot do
 * once its parser has thrown. A record longer than {@link #MAX_RECORD_BYTES} is cut, flagged, and
 * skipped to its end, so a runaway quote cannot take the memory with it.
 */
public final class RecordSplitter {

  public static final int MAX_RECORD_BYTES = 16 << 20;
  /** Reads eight bytes of an array as one long, lowest address in the lowest byte. */
  private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** One record's bytes (without its line ending) and where it starts. */
  public static final class Record {
    private byte[] bytes = new byte[256];
    private int length;
    private long firstLine;
    private boolean oversized;
    private boolean unterminatedQuote;

    public byte[] bytes() {
      return bytes;
    }

    public int length() {
      return length;
    }

    public long firstLine() {
      return firstLine;
    }

    /** The record ran past {@link #MAX_RECORD_BYTES}; only its start was kept. */
    public boolean oversized() {
      return oversized;
    }

    /** The file ended inside a quoted field. */
    public boolean unterminatedQuote() {
      return unterminatedQuote;
    }

    private void append(byte b) {
      if (length == MAX_RECORD_BYTES) {
        oversized = true;
        return;
      }
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(MAX_RECORD_BYTES, bytes.length * 2));
      }
      bytes[length++] = b;
    }

    /** Appends a run of bytes, keeping only what fits under {@link #MAX_RECORD_BYTES}. */
    private void append(byte[] source, int offset, int count) {
      int fits = Math.min(count, MAX_RECORD_BYTES - length);
      if (fits < count) {
        oversized = true;
      }
      if (length + fits > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(MAX_RECORD_BYTES, Math.max(bytes.length * 2, length + fits)));
      }
      System.arraycopy(source, offset, bytes, length, fits);
      length += fits;
    }

    private void reset(long line) {
      length = 0;
      firstLine = line;
      oversized = false;
      unterminatedQuote = false;
    }
  }

  private final InputStream in;
  private final boolean csvQuoting;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long line = 1;
  private boolean started;
  private final Record record = new Record();

  public RecordSplitter(InputStream in, InputFormat format) {
    this.in = in;
    this.csvQuoting = format == InputFormat.CSV;
  }

  /**
   * The next non-blank record, or null at the end of the stream. The returned object is reused by
   * the next call.
   */
  public Record next() throws IOException {
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    while (true) {
      if (!fill()) {
        return null;
      }
      record.reset(line);
      boolean ended = csvQuoting ? readCsvRecord() : readLine();
      if (record.length > 0 || record.unterminatedQuote || record.oversized) {
        return record;
      }
      if (!ended) {
        return null;
      }
    }
  }

  private boolean readLine() throws IOException {
    while (fill()) {
      int end = newline(buffer, position, limit);
      record.append(buffer, position, end - position);
      if (end < limit) {
        position = end + 1;
        line++;
        trimCarriageReturn();
        return true;
      }
      position = limit;
    }
    trimCarriageReturn();
    return false;
  }

  /**
   * The index of the first {@code '\n'} in {@code bytes[from, to)}, or {@code to} when there is
   * none. Eight bytes are tested at a time: XOR with eight newlines turns a newline into a zero
   * byte, found by the "has a zero byte" test (Hacker's Delight, section 6-1). That test can flag a
   * byte above a zero byte, never one below, so its lowest flag is the first newline.
   */
  static int newline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long x = (long) EIGHT_BYTES.get(bytes, i) ^ NEWLINES;
      long zeros = (x - ONES) & ~x & HIGH_BITS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    while (i < to && bytes[i] != '\n') {
      i++;
    }
    return i;
  }

  /** RFC 4180: a quote opens a quoted field only at the field's start; {@code ""} inside is a literal quote. */
  private boolean readCsvRecord() throws IOException {
    boolean atFieldStart = true;
    boolean quoted = false;
    boolean quoteInQuoted = false;
    while (fill()) {
      byte b = buffer[position++];
      if (quoted) {
        if (quoteInQuoted) {
          quoteInQuoted = false;
          if (b != '"') {
            quoted = false;
          }
        } else if (b == '"') {
          quoteInQuoted = true;
          record.append(b);
          continue;
        }
      }
      if (!quoted) {
        if (b == '\n') {
          line++;
          trimCarriageReturn();
          return true;
        }
        if (b == '"' && atFieldStart) {
          quoted = true;
          atFieldStart = false;
        } else {
          atFieldStart = b == ',';
        }
      } else if (b == '\n') {
        line++;
      }
      record.append(b);
    }
    record.unterminatedQuote = quoted && !quoteInQuoted;
    trimCarriageReturn();
    return false;
  }

  private void trimCarriageReturn() {
    if (record.length > 0 && record.bytes[record.length - 1] == '\r') {
      record.length--;
    }
  }

  private void skipByteOrderMark() throws IOException {
    for (byte expected : UTF8_BOM) {
      if (!fill() || buffer[position] != expected) {
        if (position > 0 && position < UTF8_BOM.length) {
          position = 0;
        }
        return;
      }
      position++;
    }
  }

  private boolean fill() throws IOException {
    if (position < limit) {
      return true;
    }
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
