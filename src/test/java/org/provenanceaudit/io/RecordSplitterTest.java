package org.provenanceaudit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JSON Lines cut into records: every line, whole, with its line number, wherever the newlines fall. */
class RecordSplitterTest {

  @Test
  void everyLineComesOutWholeWithItsNumberWhateverItsLengthAndWhereverTheReadsEnd() throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    long line = 1;
    for (int length = 0; length < 300; length++) {
      StringBuilder record = new StringBuilder();
      for (int i = 0; i < length; i++) {
        // Bytes next to a newline's value, and non-ASCII letters, must not pass for one.
        record.append("ab\u000b\t\u00e9{}".charAt(random.nextInt(7)));
      }
      text.append(record).append(length % 3 == 0 ? "\r\n" : "\n");
      if (length > 0) {
        expected.add(line + " " + record);
      }
      line++;
    }
    text.append("last line without a newline");
    expected.add(line + " last line without a newline");
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

    for (int chunk : new int[] {1, 7, 8, 13, 64, 1 << 20}) {
      InputStream in = new ByteArrayInputStream(bytes) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
          return super.read(b, off, Math.min(len, chunk));
        }
      };
      RecordSplitter splitter = new RecordSplitter(in, InputFormat.JSON_LINES);
      List<String> records = new ArrayList<>();
      for (RecordSplitter.Record r = splitter.next(); r != null; r = splitter.next()) {
        records.add(r.firstLine() + " " + new String(r.bytes(), 0, r.length(), StandardCharsets.UTF_8));
      }
      assertEquals(expected, records, "reads of " + chunk + " bytes");
    }
  }

  @Test
  void theFirstNewlineIsFoundAtEveryOffsetWithinAndAcrossEightByteWords() {
    for (int size = 0; size < 40; size++) {
      for (int at = 0; at <= size; at++) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 0x0B);
        if (at < size) {
          bytes[at] = '\n';
          for (int later = at + 1; later < size; later += 3) {
            bytes[later] = '\n';
          }
        }
        for (int from = 0; from <= at; from++) {
          assertEquals(at, RecordSplitter.newline(bytes, from, size), "size " + size + ", newline at " + at + ", from " + from);
        }
      }
    }
  }
}
