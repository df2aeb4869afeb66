package org.provenanceaudit.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;

/**
 * Rows travel between steps in packed chunks (see {@link ReadInput}): each chunk is one array of
 * bytes, written and read with its record type's {@link RecordCoder#chunks() chunk coder}.
 */
final class Chunks {

  /** The coder of a production's packed chunk as it crosses the grouping. */
  static final KvCoder<String, byte[]> PACKED = KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of());

  private Chunks() {}

  /** Every row of the packed chunks, in one list. */
  static <T> List<T> unpack(Iterable<byte[]> chunks, RecordCoder<T> records) {
    RecordCoder.Chunks<T> coder = records.chunks();
    List<T> all = new ArrayList<>();
    for (byte[] chunk : chunks) {
      try {
        all.addAll(coder.unpack(chunk));
      } catch (CoderException e) {
        throw new IllegalStateException("a chunk of " + records.type().getSimpleName() + " rows does not read back", e);
      }
    }
    return all;
  }

  /** A production's rows, packed: what {@link ReadInput} emits. */
  static <T> KV<String, byte[]> packed(String production, List<T> rows, RecordCoder<T> records) {
    try {
      return KV.of(production, records.chunks().pack(rows));
    } catch (CoderException e) {
      throw new IllegalStateException("a chunk of " + records.type().getSimpleName() + " rows cannot be written", e);
    }
  }
}
