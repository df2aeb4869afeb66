package org.provenanceaudit.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step of the scripts (scripts/lib.sh), on a copy of the project with a stand-in for
 * Maven: on a fresh machine the offline try fails for want of the dependencies and the online one
 * succeeds, or fails for a real reason.
 */
class ScriptLibTest {

  private static final String OFFLINE_ERROR =
      "[ERROR] Failed to execute goal on project provenance-audit: Cannot access central in offline mode";
  private static final String COMPILE_ERROR = "[ERROR] COMPILATION ERROR : IpWatchlist.java:[3,1] class, interface, enum, or record expected";

  @TempDir Path project;

  /** A project with the real lib.sh and a Maven that fails offline and, online, fails if asked to. */
  @BeforeEach
  void copyOfTheProjectWithAStandInForMaven() throws IOException {
    Files.createDirectories(project.resolve("scripts"));
    Files.copy(Path.of("scripts/lib.sh"), project.resolve("scripts/lib.sh"));
    Path bin = Files.createDirectories(project.resolve("bin"));
    Path mvn = bin.resolve("mvn");
    Files.writeString(
        mvn,
        String.join(
            "\n",
            "#!/bin/sh",
            "echo \"$*\" >> \"$CALLS\"",
            "case \" $* \" in *\" -o \"*) echo '" + OFFLINE_ERROR + "'; exit 1 ;; esac",
            "if [ -n \"$FAIL_ONLINE\" ]; then echo '" + COMPILE_ERROR + "'; exit 1; fi",
            "mkdir -p target/classes && echo /m2/commons-csv-1.14.1.jar > target/classpath.txt",
            ""));
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aFailedOfflineTryPrintsNothingWhenTheOnlineBuildSucceeds() throws Exception {
    Result result = ensureBuilt(false);
    assertEquals(0, result.status, result.stderr);
    assertEquals("building provenance-audit (first run, or the sources changed)...\n", result.stderr);
    assertEquals(project.resolve("target/classes") + ":/m2/commons-csv-1.14.1.jar\n", result.stdout);
  }

  @Test
  void whenTheOnlineBuildFailsTooItsOutputIsShown() throws Exception {
    Result result = ensureBuilt(true);
    assertEquals(3, result.status);
    assertTrue(result.stderr.contains(COMPILE_ERROR + "\nthe build failed\n"), result.stderr);
    assertFalse(result.stderr.contains("offline mode"), result.stderr);
  }

  /** The class path the scripts run with is the runtime scope's: no JUnit, Jazzer or Hamcrest. */
  @Test
  void theClassPathIsTheRuntimeScopes() throws Exception {
    assertEquals(0, ensureBuilt(false).status);
    List<String> calls = Files.readAllLines(project.resolve("calls.txt"));
    assertEquals(2, calls.size(), calls::toString);
    for (String call : calls) {
      assertTrue(call.contains("dependency:build-classpath") && call.contains("-DincludeScope=runtime"), call);
    }
  }

  private record Result(int status, String stdout, String stderr) {}

  private Result ensureBuilt(boolean failOnline) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", "set -euo pipefail; source scripts/lib.sh; ensure_built; echo \"$PROJECT_CLASSPATH\"")
            .directory(project.toFile());
    builder.environment().put("PATH", project.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().put("CALLS", project.resolve("calls.txt").toString());
    if (failOnline) {
      builder.environment().put("FAIL_ONLINE", "1");
    }
    Path out = project.resolve("stdout.txt");
    Path err = project.resolve("stderr.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int status = process.waitFor();
    return new Result(status, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
