package org.provenanceaudit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.SourcePosition;

class FirstOccurrencesTest {

  /** Compared with a plain map over many ids, long ids and non-ASCII ids, through several growths of the table. */
  @Test
  void answersExactlyAsAMapOfFirstPositionsWould() {
    FirstOccurrences index = new FirstOccurrences();
    Map<String, SourcePosition> expected = new HashMap<>();
    Random random = new Random(11);
    String[] files = {"a.csv", "b/tool-events.jsonl.gz", "c.csv"};
    for (int i = 0; i < 200_000; i++) {
      int n = random.nextInt(120_000);
      String id =
          switch (n % 5) {
            case 0 -> "E-" + n;
            case 1 -> "é-" + n + "-ü";
            case 2 -> "x".repeat(n % 3000) + n;
            default -> "A-P" + (n % 97) + "-" + n;
          };
      SourcePosition here = new SourcePosition(files[i % 3], i + 2L);
      assertEquals(expected.putIfAbsent(id, here), index.putIfAbsent(FirstOccurrences.key(id), here), id);
    }
    assertEquals(expected.size(), index.size());
  }

  @Test
  void anIdLongerThanAPageIsKeptWhole() {
    FirstOccurrences index = new FirstOccurrences();
    String huge = "L".repeat((1 << 20) + 17);
    SourcePosition first = new SourcePosition("a.csv", 2);
    assertNull(index.putIfAbsent(FirstOccurrences.key(huge), first));
    assertNull(index.putIfAbsent(FirstOccurrences.key(huge + "!"), new SourcePosition("a.csv", 3)));
    assertNull(index.putIfAbsent(FirstOccurrences.key("short"), new SourcePosition("a.csv", 4)));
    assertEquals(first, index.putIfAbsent(FirstOccurrences.key(huge), new SourcePosition("a.csv", 5)));
    assertEquals(new SourcePosition("a.csv", 4), index.putIfAbsent(FirstOccurrences.key("short"), new SourcePosition("b.csv", 9)));
  }
}
