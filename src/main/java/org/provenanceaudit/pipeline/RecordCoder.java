package org.provenanceaudit.pipeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
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

  @Override
  public final void encode(T value, OutputStream outStream) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + getClass().getSimpleName());
    }
    DataOutputStream out = new DataOutputStream(outStream);
    write(value, out);
    out.flush();
  }

  @Override
  public final T decode(InputStream inStream) throws IOException {
    return read(new DataInputStream(inStream));
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
