package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.WorkerHost;

/** Part files give back exactly what was written, in order, and leave nothing behind. */
class StagedPartsTest {

  @TempDir Path staging;

  /** A task manager that does not see the shared disk would make a staging folder of its own, and the reports would be short. */
  @Test
  void aWorkerThatDoesNotSeeTheStagingFolderStopsNamingTheHostAndCreatesNothing() {
    Path unseen = staging.resolve("not-mounted-here");
    IOException stop = assertThrows(IOException.class, () -> StagedParts.readReport(unseen.toString(), InputKind.ASSETS, 0));
    assertTrue(stop.getMessage().startsWith("the output's staging folder " + unseen + " is not there on " + WorkerHost.name()), stop.getMessage());
    assertFalse(Files.exists(unseen));
  }

  @Test
  void partsReadBackEveryElementInOrderAndAreDeletedAfterwards() throws Exception {
    Path folder = Files.createDirectories(staging.resolve(StagedParts.FOLDER));
    List<RejectedRow> first = List.of(new RejectedRow("assets", "a.csv", 2, "x,y", "bad"), new RejectedRow("assets", "a.csv", 9, "", "worse"));
    List<RejectedRow> second = List.of(new RejectedRow("consents", "c.csv", 3, "\u00e9\n", "broken"));
    Path one = folder.resolve("one.bin");
    Path two = folder.resolve("two.bin");
    Path empty = folder.resolve("empty.bin");
    write(one, first);
    write(two, second);
    write(empty, List.of());
    assertEquals(
        List.of(first.get(0), first.get(1), second.get(0)),
        StagedParts.read(List.of(one.toString(), empty.toString(), two.toString()), ModelCoders.REJECTED_ROW));
    StagedParts.delete(staging.toString());
    assertFalse(Files.exists(folder));
  }

  private static void write(Path part, List<RejectedRow> rows) throws Exception {
    try (OutputStream out = Files.newOutputStream(part)) {
      for (RejectedRow row : rows) {
        ModelCoders.REJECTED_ROW.encode(row, out);
      }
    }
  }
}
