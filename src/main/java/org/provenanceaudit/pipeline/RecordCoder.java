package org.provenanceaudit.pipeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A deterministic binary coder for one of the audit's record types, written field by field: no
 * Java serialization on the shuffle path, and the same bytes for the same record on every runner.
 * Subclasses say how each field is written with the helpers here.
 */
public abstract class RecordCoder<T> extends AtomicCoder<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  protected RecordCoder(Class<T> type) {
    this.type = type;
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return TypeDescriptor.of(type);
  }

  protected abstract void write(T value, DataOutputStream out) throws IOException;

  protected abstract T read(DataInputStream in) throws IOException;

  /**
   * A record is written whole into a buffer, then to the stream as its length and its bytes: one
   * call on the runner's stream per record, where field-by-field writes cost a call per byte.
   */
  @Override
  public final void encode(T value, OutputStream outStream) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + getClass().getSimpleName());
    }
    RecordBuffer buffer = BUFFER.get();
    buffer.reset();
    write(value, buffer.data);
    VarInt.encode(buffer.size(), outStream);
    outStream.write(buffer.bytes(), 0, buffer.size());
  }

  @Override
  public final T decode(InputStream inStream) throws IOException {
    byte[] bytes = new byte[VarInt.decodeInt(inStream)];
    int read = 0;
    while (read < bytes.length) {
      int n = inStream.read(bytes, read, bytes.length - read);
      if (n < 0) {
        throw new CoderException("a " + type.getSimpleName() + " record ends early");
      }
      read += n;
    }
    return read(new DataInputStream(new RecordBytes(bytes)));
  }

  private static final ThreadLocal<RecordBuffer> BUFFER = ThreadLocal.withInitial(RecordBuffer::new);

  /** A growable byte buffer without the locking of {@link java.io.ByteArrayOutputStream}. */
  private static final class RecordBuffer extends OutputStream {
    private byte[] bytes = new byte[1024];
    private int size;
    final DataOutputStream data = new DataOutputStream(this);

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    byte[] bytes() {
      return bytes;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Reads a record's bytes without the locking of {@link java.io.ByteArrayInputStream}. */
  private static final class RecordBytes extends InputStream {
    private final byte[] bytes;
    private int position;

    RecordBytes(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(length, bytes.length - position);
      System.arraycopy(bytes, position, target, offset, n);
      position += n;
      return n;
    }
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  protected static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  protected static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  protected static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      writeString(out, value);
    }
  }

  protected static List<String> readStrings(DataInputStream in) throws IOException {
    int size = in.readInt();
    List<String> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(readString(in));
    }
    return values;
  }

  protected static void writeInstant(DataOutputStream out, Instant value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    }
  }

  protected static Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  protected static <E extends Enum<E>> void writeEnum(DataOutputStream out, E value) throws IOException {
    out.writeShort(value == null ? -1 : value.ordinal());
  }

  protected static <E extends Enum<E>> E readEnum(DataInputStream in, Class<E> type) throws IOException {
    int ordinal = in.readShort();
    return ordinal < 0 ? null : type.getEnumConstants()[ordinal];
  }

  /** Written in ordinal order, so equal sets give equal bytes. */
  protected static <E extends Enum<E>> void writeEnumSet(DataOutputStream out, Set<E> values, Class<E> type)
      throws IOException {
    EnumSet<E> ordered = values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    out.writeShort(ordered.size());
    for (E value : ordered) {
      out.writeShort(value.ordinal());
    }
  }

  protected static <E extends Enum<E>> Set<E> readEnumSet(DataInputStream in, Class<E> type) throws IOException {
    int size = in.readShort();
    EnumSet<E> values = EnumSet.noneOf(type);
    E[] constants = type.getEnumConstants();
    for (int i = 0; i < size; i++) {
      values.add(constants[in.readShort()]);
    }
    return values;
  }
}
