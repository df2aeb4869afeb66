package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The Spark build's runner in a JVM of its own, as {@code scripts/audit} starts it: with the Java 17
 * flags of {@code scripts/spark.jvm-options} and without them. Tagged "spark": the default build has
 * no Spark on its class path and leaves these out.
 */
@Tag("spark")
class SparkRunnerJvmTest {

  private static final Path SAMPLE = Path.of("sample-data");

  @TempDir Path work;

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
