package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A deterministic binary coder for one of the audit's record types, written field by field: no
 * Java serialization on the shuffle path, and the same bytes for the same record on every runner.
 * Subclasses say how each field is written with {@link RecordOutput} and read back with {@link
 * RecordInput}.
 *
 * <p>A record is written whole into a buffer, then to the runner's stream as its length and its
 * bytes: one call on the stream per record. {@link #chunks()} writes a whole list the same way,
 * with one table of the values the list repeats (production, vendor, tool, file): a chunk of a
 * production's rows names the same few of them hundreds of times, and reading one back gives one
 * string for them all instead of hundreds of copies.
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

  protected abstract void write(T value, RecordOutput out);

  protected abstract T read(RecordInput in) throws IOException;

  /** The coder of a list of these records, written as one block with a shared table of repeated values. */
  public Chunks<T> chunks() {
    return new Chunks<>(this);
  }

  @Override
  public final void encode(T value, OutputStream outStream) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + getClass().getSimpleName());
    }
    RecordOutput out = RecordOutput.reused();
    write(value, out);
    out.writeTo(outStream);
  }

  @Override
  public final T decode(InputStream inStream) throws IOException {
    RecordInput in = RecordInput.readFrom(inStream, type);
    T value = read(in);
    in.checkEnd();
    return value;
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  /** A list of records as one block: its size, then each record, sharing one table of repeated values. */
  public static final class Chunks<T> extends StructuredCoder<List<T>> {
    private static final long serialVersionUID = 1L;
    private final RecordCoder<T> records;

    private Chunks(RecordCoder<T> records) {
      this.records = records;
    }

    /** The record coder is a component (so equality follows it) but not a coder argument: it is fixed. */
    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public List<? extends Coder<?>> getComponents() {
      return List.of(records);
    }

    @Override
    public void encode(List<T> values, OutputStream outStream) throws IOException {
      write(values).writeTo(outStream);
    }

    @Override
    public List<T> decode(InputStream inStream) throws IOException {
      return read(RecordInput.readFrom(inStream, records.type));
    }

    /**
     * The list as one array of bytes, for a step that carries it without looking inside: the
     * runner then copies the array where it would otherwise decode and encode every record.
     */
    public byte[] pack(List<T> values) throws CoderException {
      return write(values).toByteArray();
    }

    /** The list {@link #pack} made. */
    public List<T> unpack(byte[] packed) throws CoderException {
      try {
        return read(new RecordInput(packed, records.type.getSimpleName()));
      } catch (CoderException e) {
        throw e;
      } catch (IOException e) {
        throw new CoderException(e);
      }
    }

    private RecordOutput write(List<T> values) throws CoderException {
      RecordOutput out = RecordOutput.reused();
      out.number(values.size());
      for (T value : values) {
        if (value == null) {
          throw new CoderException("cannot encode a null " + records.type.getSimpleName() + " in a list");
        }
        records.write(value, out);
      }
      return out;
    }

    private List<T> read(RecordInput in) throws IOException {
      List<T> values = in.records(records);
      in.checkEnd();
      return values;
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }

  /**
   * Where a record's fields are written: a growable byte array, variable-length numbers, and a
   * table for {@link #shared} strings. Not thread-safe; each thread reuses its own.
   */
  public static final class RecordOutput {
    private static final ThreadLocal<RecordOutput> REUSED = ThreadLocal.withInitial(RecordOutput::new);

    private byte[] bytes = new byte[4096];
    private int size;
    private final Map<String, Integer> table = new HashMap<>();

    static RecordOutput reused() {
      RecordOutput out = REUSED.get();
      out.size = 0;
      out.table.clear();
      return out;
    }

    byte[] toByteArray() {
      byte[] copy = Arrays.copyOf(bytes, size);
      releaseIfLarge();
      return copy;
    }

    void writeTo(OutputStream stream) throws IOException {
      VarInt.encode(size, stream);
      stream.write(bytes, 0, size);
      releaseIfLarge();
    }

    /** A thread keeps its buffer between blocks, but not one grown past 4 MiB by a rare large block. */
    private void releaseIfLarge() {
      if (bytes.length > (1 << 22)) {
        bytes = new byte[4096];
      }
    }

    /** A string most records hold a different value of (ids, prompts, evidence). */
    public void string(String value) {
      if (value == null) {
        number(0);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      number(utf8.length + 1L);
      raw(utf8);
    }

    /** A string that repeats from record to record (a production, vendor, tool or file): written once per block. */
    public void shared(String value) {
      if (value == null) {
        number(0);
        return;
      }
      Integer index = table.get(value);
      if (index != null) {
        number(index + 2L);
        return;
      }
      table.put(value, table.size());
      number(1);
      string(value);
    }

    /** Records of another coder, as a count then each record, sharing this block's table. */
    public <R> void records(List<R> values, RecordCoder<R> coder) {
      number(values.size());
      for (R value : values) {
        coder.write(value, this);
      }
    }

    public void strings(List<String> values) {
      number(values.size());
      for (String value : values) {
        string(value);
      }
    }

    public void instant(Instant value) {
      if (value == null) {
        flag(false);
        return;
      }
      flag(true);
      signed(value.getEpochSecond());
      number(value.getNano());
    }

    public <E extends Enum<E>> void enumValue(E value) {
      number(value == null ? 0 : value.ordinal() + 1L);
    }

    /** In ordinal order, so equal sets give equal bytes. */
    public <E extends Enum<E>> void enumSet(Set<E> values, Class<E> type) {
      EnumSet<E> ordered = values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
      number(ordered.size());
      for (E value : ordered) {
        number(value.ordinal());
      }
    }

    public void flag(boolean value) {
      ensure(1);
      bytes[size++] = (byte) (value ? 1 : 0);
    }

    /** A number at or above zero, seven bits a byte. */
    public void number(long value) {
      ensure(10);
      long rest = value;
      while ((rest & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
        rest >>>= 7;
      }
      bytes[size++] = (byte) rest;
    }

    public void signed(long value) {
      number((value << 1) ^ (value >> 63));
    }

    private void raw(byte[] source) {
      ensure(source.length);
      System.arraycopy(source, 0, bytes, size, source.length);
      size += source.length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Reads back what a {@link RecordOutput} wrote, from one block's bytes. */
  public static final class RecordInput {
    private final byte[] bytes;
    private final String typeName;
    private int position;
    private final List<String> table = new ArrayList<>();

    private RecordInput(byte[] bytes, String typeName) {
      this.bytes = bytes;
      this.typeName = typeName;
    }

    static RecordInput readFrom(InputStream stream, Class<?> type) throws IOException {
      int length = VarInt.decodeInt(stream);
      if (length < 0) {
        throw new CoderException("a " + type.getSimpleName() + " record claims a negative length");
      }
      byte[] bytes = new byte[length];
      int read = 0;
      while (read < bytes.length) {
        int n = stream.read(bytes, read, bytes.length - read);
        if (n < 0) {
          throw new CoderException("a " + type.getSimpleName() + " record ends early");
        }
        read += n;
      }
      return new RecordInput(bytes, type.getSimpleName());
    }

    void checkEnd() throws CoderException {
      if (position != bytes.length) {
        throw new CoderException("a " + typeName + " record has " + (bytes.length - position) + " bytes left over");
      }
    }

    public String string() throws IOException {
      long length = number();
      if (length == 0) {
        return null;
      }
      if (length < 0 || length - 1 > bytes.length - position) {
        throw new CoderException("a " + typeName + " record ends early");
      }
      int n = (int) (length - 1);
      String value = new String(bytes, position, n, StandardCharsets.UTF_8);
      position += n;
      return value;
    }

    public String shared() throws IOException {
      long tag = number();
      if (tag == 0) {
        return null;
      }
      if (tag == 1) {
        String value = string();
        table.add(value);
        return value;
      }
      if (tag < 0 || tag - 2 >= table.size()) {
        throw new CoderException("a " + typeName + " record refers to an unknown shared value");
      }
      return table.get((int) (tag - 2));
    }

    /** A count written with {@link RecordOutput#number}, checked against the bytes left. */
    public int size() throws IOException {
      long size = number();
      if (size < 0 || size > bytes.length - position) {
        throw new CoderException("a " + typeName + " record claims " + size + " items in " + (bytes.length - position) + " bytes");
      }
      return (int) size;
    }

    /** What {@link RecordOutput#records} wrote. */
    public <R> List<R> records(RecordCoder<R> coder) throws IOException {
      int size = size();
      List<R> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(coder.read(this));
      }
      return values;
    }

    public List<String> strings() throws IOException {
      int size = size();
      List<String> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(string());
      }
      return values;
    }

    public Instant instant() throws IOException {
      return flag() ? Instant.ofEpochSecond(signed(), number()) : null;
    }

    public <E extends Enum<E>> E enumValue(Class<E> type) throws IOException {
      long tag = number();
      return tag == 0 ? null : constant(type, tag - 1);
    }

    public <E extends Enum<E>> Set<E> enumSet(Class<E> type) throws IOException {
      int size = size();
      EnumSet<E> values = EnumSet.noneOf(type);
      for (int i = 0; i < size; i++) {
        values.add(constant(type, number()));
      }
      return values;
    }

    private static final ClassValue<Object[]> CONSTANTS =
        new ClassValue<>() {
          @Override
          protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
          }
        };

    private <E extends Enum<E>> E constant(Class<E> type, long ordinal) throws CoderException {
      Object[] constants = CONSTANTS.get(type);
      if (ordinal < 0 || ordinal >= constants.length) {
        throw new CoderException("a " + typeName + " record holds an unknown " + type.getSimpleName());
      }
      return type.cast(constants[(int) ordinal]);
    }

    public boolean flag() throws IOException {
      need(1);
      return bytes[position++] != 0;
    }

    public long number() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        need(1);
        byte b = bytes[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new CoderException("a " + typeName + " record holds a number longer than 64 bits");
    }

    public long signed() throws IOException {
      long raw = number();
      return (raw >>> 1) ^ -(raw & 1);
    }

    private void need(int n) throws CoderException {
      if (n < 0 || n > bytes.length - position) {
        throw new CoderException("a " + typeName + " record ends early");
      }
    }
  }
}
