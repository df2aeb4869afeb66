package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.AuditCommandEndToEndTest.Result;

/**
 * {@code --parallelReading}: reading an input's files side by side and settling the duplicates
 * between them gives the reports one reader gives, byte for byte; a value it does not know stops
 * the job before it starts.
 */
class ParallelReadingTest {

  @TempDir Path work;

  /**
   * The sample's tool events come in two files (contract JSON Lines and OTLP traces); a copy of the
   * assets table under a name later in path order makes every asset row a duplicate between files.
   */
  @Test
  void filesReadSideBySideGiveTheReportsOfOneReader() throws IOException {
    Path input = AuditCommandEndToEndTest.sampleCopy(work.resolve("input"));
    Files.copy(input.resolve("assets.csv"), input.resolve("assets_reexport.csv"));
    Result oneReader = AuditCommandEndToEndTest.command(work.resolve("one"), "--input=" + input, "--output=" + work.resolve("one"), "--quiet=true", "--parallelReading=off");
    Result sideBySide = AuditCommandEndToEndTest.command(work.resolve("side"), "--input=" + input, "--output=" + work.resolve("side"), "--quiet=true", "--parallelReading=on");
    assertEquals(oneReader.status(), sideBySide.status(), sideBySide.err());
    AuditCommandEndToEndTest.assertSameReportFiles(work.resolve("one"), work.resolve("side"));
    assertEquals(
        Files.readAllLines(input.resolve("assets.csv")).size() - 1,
        Files.readAllLines(work.resolve("side").resolve("rejected").resolve("assets.jsonl")).stream()
            .filter(line -> line.contains("assets_reexport.csv\",\"line\"")).count(),
        "every row of the re-exported table is rejected (a duplicate, or for its own fault)");
  }

  @Test
  void aValueItDoesNotKnowStopsTheJobBeforeItStarts() {
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=sample-data", "--output=" + output, "--quiet=true", "--parallelReading=sometimes");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals("provenance-audit: --parallelReading must be auto, on or off, not 'sometimes'\n", run.err());
    assertFalse(Files.exists(output));
  }

}
