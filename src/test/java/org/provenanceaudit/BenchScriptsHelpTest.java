package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark siblings answer {@code --help} with their usage and status 0, before any build or
 * work: bench-scan and bench-rejected refused it as an unknown argument (status 2), and
 * bench-html-report built the tests and ended in a FileNotFoundException for "--help/summary.json".
 */
class BenchScriptsHelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"bench-scan", "bench-rejected", "bench-html-report", "bench-formats", "profile"})
  void helpPrintsTheScriptsUsage(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("scripts/" + script, "--help").redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " --help did not end");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("Usage: scripts/" + script), output);
    assertTrue(!output.contains("Exception") && !output.startsWith("#"), output);
  }
}
