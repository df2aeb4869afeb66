package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.model.ToolEvent;

/** The shuffle's coders: what goes in comes out, the same bytes every time, and broken bytes are an error. */
class ModelCodersTest {

  private static ToolEvent event(int n, String prompt) {
    return new ToolEvent(
        "E-" + n,
        Instant.parse("2026-03-04T10:15:00.123456789Z").plusSeconds(n),
        "P-1",
        n % 2 == 0 ? "V-1" : "V-2",
        "firefly-ent",
        Operation.values()[n % Operation.values().length],
        n % 3 == 0 ? null : "u-" + (n % 3),
        null,
        List.of("A-" + n, "A-" + (n + 1)),
        List.of(),
        prompt,
        n % 2 == 0 ? Deployment.CONSUMER : null,
        n % 2 == 0 ? null : DataRetention.TRAINING,
        new SourcePosition("/exports/tool-events.jsonl", n + 1L));
  }

  private static <T> byte[] encode(Coder<T> coder, T value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(value, out);
    return out.toByteArray();
  }

  private static <T> T decode(Coder<T> coder, byte[] bytes) throws IOException {
    return coder.decode(new ByteArrayInputStream(bytes));
  }

  @Test
  void aChunkOfEventsReadsBackEqualAndSharesItsRepeatedValues() throws Exception {
    List<ToolEvent> chunk = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      chunk.add(event(i, i % 5 == 0 ? null : "a prompt «in the style of» 🎬 #" + i));
    }
    Coder<List<ToolEvent>> coder = ModelCoders.TOOL_EVENT.chunks();
    byte[] bytes = encode(coder, chunk);
    List<ToolEvent> back = decode(coder, bytes);

    assertEquals(chunk, back);
    assertSame(back.get(0).productionId(), back.get(299).productionId(), "a repeated value is read once");
    assertSame(back.get(0).source().file(), back.get(299).source().file());
    assertArrayEquals(bytes, encode(coder, back), "the same records give the same bytes");
    assertTrue(bytes.length < 300 * 120, "the file name and ids are not repeated in full: " + bytes.length + " bytes");
  }

  @Test
  void everyFieldOfADisclosureSurvivesIncludingEmptyAndOpenValues() throws Exception {
    Disclosure open =
        new Disclosure(
            "D-1", "P-1", "*", List.of("*"), Set.of(), null, null, null, null, List.of(), Set.of(), null,
            new SourcePosition("d.csv", 2));
    Disclosure full =
        new Disclosure(
            "D-2", "P-1", "V-1", List.of("firefly-ent", "voicegen-pro"), EnumSet.of(Operation.GENERATE, Operation.VOICE_CLONE),
            "Key art, \"posters\"", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-12-31T23:59:59.999999999Z"),
            Instant.parse("2023-12-01T09:00:00Z"), List.of("A-1", "A-2"), EnumSet.allOf(Approval.class), "APR-1",
            new SourcePosition("d.csv", 3));
    for (Disclosure d : List.of(open, full)) {
      assertEquals(d, decode(ModelCoders.DISCLOSURE, encode(ModelCoders.DISCLOSURE, d)));
    }
    assertEquals(List.of(open, full), decode(ModelCoders.DISCLOSURE.chunks(), encode(ModelCoders.DISCLOSURE.chunks(), List.of(open, full))));
  }

  @Test
  void truncatedOrPaddedBytesAreACoderErrorNotAWrongRecord() throws Exception {
    byte[] bytes = encode(ModelCoders.TOOL_EVENT, event(7, "prompt"));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(CoderException.class, () -> decode(ModelCoders.TOOL_EVENT, cut));

    byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
    byte[] padded = new byte[body.length + 2];
    padded[0] = (byte) (body.length + 1);
    System.arraycopy(body, 0, padded, 1, body.length);
    CoderException e = assertThrows(CoderException.class, () -> decode(ModelCoders.TOOL_EVENT, padded));
    assertTrue(e.getMessage().contains("left over"), e.getMessage());
  }

  @Test
  void aPackedChunkUnpacksToTheSameRowsAndABrokenOneIsAnError() throws Exception {
    List<ToolEvent> chunk = List.of(event(1, "one"), event(2, null), event(3, "three"));
    byte[] packed = ModelCoders.TOOL_EVENT.chunks().pack(chunk);
    assertEquals(chunk, ModelCoders.TOOL_EVENT.chunks().unpack(packed));
    assertThrows(CoderException.class, () -> ModelCoders.TOOL_EVENT.chunks().unpack(Arrays.copyOf(packed, packed.length - 1)));
  }

  /** Lengths, counts and tags a broken block may claim: each is a CoderException, never an index error. */
  @Test
  void impossibleLengthsCountsAndTagsAreCoderErrors() throws Exception {
    // A rejected row starts with a shared value: tag 1 (a new string), then a length past the block.
    byte[] hugeString = block(varints(1, (long) Integer.MAX_VALUE + 1));
    assertThrows(CoderException.class, () -> decode(ModelCoders.REJECTED_ROW, hugeString));
    // A chunk starts with its size: -1 as a 64-bit varint.
    assertThrows(CoderException.class, () -> ModelCoders.REJECTED_ROW.chunks().unpack(varints(-1L)));
    // A finding holds an enumeration after three strings; a tag of -1.
    byte[] negativeTag = block(varints(0, 0, 0, -1L));
    assertThrows(CoderException.class, () -> decode(ModelCoders.FINDING, negativeTag));
    // A negative block length.
    ByteArrayOutputStream negativeLength = new ByteArrayOutputStream();
    VarInt.encode(-5, negativeLength);
    assertThrows(CoderException.class, () -> decode(ModelCoders.FINDING, negativeLength.toByteArray()));
  }

  private static byte[] varints(long... numbers) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long n : numbers) {
      VarInt.encode(n, out);
    }
    out.write(new byte[8]);
    return out.toByteArray();
  }

  private static byte[] block(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VarInt.encode(body.length, out);
    out.write(body);
    return out.toByteArray();
  }

  @Test
  void chunkCodersOfDifferentRecordsAreDifferentCoders() {
    assertEquals(ModelCoders.ASSET.chunks(), ModelCoders.ASSET.chunks());
    assertTrue(!ModelCoders.ASSET.chunks().equals(ModelCoders.TOOL_EVENT.chunks()));
  }
}
