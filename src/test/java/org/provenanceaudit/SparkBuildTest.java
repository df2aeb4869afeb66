package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of the Spark build ({@code -Pspark}, {@code SPARK=1 scripts/audit}) meets besides the
 * reports (which CrossRunnerTest compares): the runners it names, the choice of runner, and the
 * runner in a JVM of its own as {@code scripts/audit} starts it, with the Java 17 flags of
 * {@code scripts/spark.jvm-options} and without them. Tagged "spark": the default build has no
 * Spark on its class path and leaves these out.
 */
@Tag("spark")
class SparkBuildTest {

  private static final Path SAMPLE = Path.of("sample-data");

  @TempDir Path work;

  @Test
  void anAbsentRunnerIsRefusedNamingTheRunnersOfTheSparkBuild() {
    Result run = audit("--runner=DataflowRunner");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status());
    assertEquals(
        "provenance-audit: --runner=DataflowRunner: no such runner on the class path (this build has DirectRunner, FlinkRunner, SparkRunner,"
            + " TestFlinkRunner, TestSparkRunner)\n",
        run.err());
  }

  /** Registered by Beam's Spark runner artifact, but it needs Spark SQL, which this build leaves out: refused before the run. */
  @Test
  void theStructuredStreamingRunnerIsRefusedBeforeTheRun() {
    Result run = audit("--runner=SparkStructuredStreamingRunner", "--sparkMaster=local[2]");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status());
    assertEquals(
        "provenance-audit: --runner=SparkStructuredStreamingRunner: Beam's Spark Structured Streaming runner needs Spark SQL (spark-sql),"
            + " which the Spark build leaves out; use --runner=SparkRunner\n",
        run.err());
  }

  /** {@code --sparkMaster} without {@code --runner} means Spark, as {@code --flinkMaster} means Flink: both at once is a choice to make. */
  @Test
  void aSparkMasterAndAFlinkMasterWithoutARunnerIsAConfigurationError() {
    Result run = audit("--sparkMaster=local[2]", "--flinkMaster=[local]");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status());
    assertEquals(
        "provenance-audit: --sparkMaster and --flinkMaster name two runners; choose one with --runner=SparkRunner or --runner=FlinkRunner\n",
        run.err());
  }

  private record Result(int status, String err) {}

  /** The command in this JVM on the sample data into {@code work/out}, which a refused run must not create. */
  private Result audit(String... options) {
    List<String> args = new ArrayList<>(List.of("--input=" + SAMPLE, "--output=" + work.resolve("out"), "--quiet=true"));
    args.addAll(List.of(options));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AuditCommand.run(
            args.toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertFalse(Files.exists(work.resolve("out")));
    return new Result(status, err.toString(StandardCharsets.UTF_8));
  }

  /** Spark keeps its scratch folders in the system temporary folder (spark.local.dir) and removes them when its context stops. */
  @Test
  void sparkLocalLeavesNothingInTheSystemTemporaryFolder() throws Exception {
    Path systemTemp = Files.createDirectories(work.resolve("system-tmp"));
    Path output = work.resolve("spark-out");
    Process child = new ProcessBuilder(
            javaCommand("-Djava.io.tmpdir=" + systemTemp, "@scripts/spark.jvm-options", "--input=" + SAMPLE, "--output=" + output, "--runner=SparkRunner", "--sparkMaster=local[2]"))
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("spark.log").toFile())
        .start();
    assertEquals(AuditCommand.OK, child.waitFor(), Files.readString(work.resolve("spark.log")));
    assertEquals(List.of(""), listing(systemTemp));
    assertEquals(List.of(".spark-out.lock", "spark-out"), listing(work).stream().filter(p -> p.startsWith(".spark-out") || p.equals("spark-out")).toList());
  }

  /** Without the Java 17 flags Spark's launcher would add, the run stops at Spark's start: status 3, one line naming the flags' file. */
  @Test
  void sparkWithoutItsJava17FlagsFailsInOneLineNamingThem() throws Exception {
    Path output = work.resolve("no-flags");
    Process child = new ProcessBuilder(javaCommand("--input=" + SAMPLE, "--output=" + output, "--runner=SparkRunner", "--sparkMaster=local[1]"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(AuditCommand.RUN_FAILED, child.waitFor(), err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("provenance-audit: the run failed: IllegalAccessError: class org.apache.spark."), err);
    assertTrue(err.contains("; Spark on Java 17 needs the JVM flags in scripts/spark.jvm-options"), err);
    assertFalse(Files.exists(output));
  }

  /** This JVM's java running the command on the test class path: the arguments that start with "--" go to the audit (with --quiet, --failOn=none), the others (-D..., @file) to java. */
  private static List<String> javaCommand(String... arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    List<String> audit = new ArrayList<>(List.of(AuditCommand.class.getName()));
    for (String argument : arguments) {
      (argument.startsWith("--") ? audit : command).add(argument);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(audit);
    command.addAll(List.of("--quiet=true", "--failOn=none"));
    return command;
  }

  /** Every path under {@code folder}, relative to it ("" for the folder itself), sorted. */
  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.map(p -> folder.relativize(p).toString()).sorted().toList();
    }
  }
}
