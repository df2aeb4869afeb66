package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.generate.GenerateCommand;

/**
 * The same audit on the DirectRunner and on another runner writes the same bytes: embedded Flink
 * in every build, Spark's {@code local[2]} master in a {@code -Pspark} build (the tests tagged
 * "spark", which the default build leaves out: it has no Spark on its class path).
 */
class CrossRunnerTest {

  private static final List<String> SAMPLE = List.of("--input=sample-data", "--assetsRoot=sample-data");
  private static final List<String> SPARK_LOCAL = List.of("--runner=SparkRunner", "--sparkMaster=local[2]");

  @TempDir Path work;

  @Test
  void directRunnerAndEmbeddedFlinkWriteByteIdenticalReports() throws IOException {
    assertSameReports(SAMPLE, List.of("--runner=FlinkRunner", "--flinkMaster=[local]"));
  }

  @Test
  @Tag("spark")
  void directRunnerAndSparkLocalWriteByteIdenticalReports() throws IOException {
    assertSameReports(SAMPLE, SPARK_LOCAL);
  }

  /** Generated data in every input format, with malformed rows, duplicates and lineage cycles. */
  @Test
  @Tag("spark")
  void directRunnerAndSparkLocalWriteByteIdenticalReportsOnGeneratedData() throws IOException {
    Path data = work.resolve("data");
    PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(0, GenerateCommand.run(new String[] {"--scale=0.2", "--seed=11", "--format=mixed", "--out=" + data}, discard, discard));
    assertSameReports(List.of("--input=" + data), SPARK_LOCAL);
  }

  /**
   * Generated data with every input cut into three files, and the first assets file exported once
   * more under a later name (every row of it a duplicate of an earlier file's): the files are read
   * side by side by two Flink workers, and the duplicates between files settled, with the bytes the
   * DirectRunner writes.
   */
  @Test
  void directRunnerAndEmbeddedFlinkOfTwoWorkersWriteByteIdenticalReportsOnInputsOfSeveralFiles() throws IOException {
    Path data = work.resolve("data");
    PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(
        0, GenerateCommand.run(new String[] {"--scale=0.2", "--seed=11", "--format=csv", "--files=3", "--out=" + data}, discard, discard));
    Files.copy(data.resolve("assets-00001-of-00003.csv"), data.resolve("assets-reexport.csv"));
    assertSameReports(List.of("--input=" + data), List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2", "--parallelReading=on"));
    String rejected = Files.readString(work.resolve("direct").resolve("rejected").resolve("assets.jsonl"));
    assertTrue(rejected.contains("assets-reexport.csv"), "the re-exported file's rows are rejected as duplicates");
  }

  /**
   * The sample with its assets table exported twice (every row of the later copy a duplicate), its
   * files read side by side on Spark's {@code local[2]}: the DirectRunner's bytes, where one reader
   * reads them.
   */
  @Test
  @Tag("spark")
  void directRunnerAndSparkLocalReadingSideBySideWriteByteIdenticalReports() throws IOException {
    Path data = AuditCommandEndToEndTest.sampleCopy(work.resolve("data"));
    Files.copy(data.resolve("assets.csv"), data.resolve("assets_reexport.csv"));
    List<String> spark = new ArrayList<>(SPARK_LOCAL);
    spark.add("--parallelReading=on");
    assertSameReports(List.of("--input=" + data), spark);
  }

  /** Audits {@code input} on the DirectRunner and with {@code runner}; every report file must match byte for byte. */
  private void assertSameReports(List<String> input, List<String> runner) throws IOException {
    Path direct = work.resolve("direct");
    Path other = work.resolve("other");
    audit(direct, input, List.of("--runner=DirectRunner"));
    audit(other, input, runner);
    AuditCommandEndToEndTest.assertSameReportFiles(direct, other);
  }

  private static void audit(Path output, List<String> input, List<String> runner) {
    List<String> args = new ArrayList<>(input);
    args.addAll(List.of("--output=" + output, "--quiet=true", "--failOn=none"));
    args.addAll(runner);
    AuditCommandEndToEndTest.Result run = AuditCommandEndToEndTest.command(output, args.toArray(String[]::new));
    assertEquals(AuditCommand.OK, run.status(), run.err());
  }
}
