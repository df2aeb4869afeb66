package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same audit on the DirectRunner and on embedded Flink writes the same bytes. */
class CrossRunnerTest {

  @TempDir Path work;

  private int audit(Path output, String... runner) {
    List<String> args = new java.util.ArrayList<>(List.of("--input=sample-data", "--assetsRoot=sample-data", "--output=" + output, "--quiet=true", "--failOn=none"));
    args.addAll(List.of(runner));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AuditCommand.run(
            args.toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(AuditCommand.OK, status, err.toString(StandardCharsets.UTF_8));
    return status;
  }

  @Test
  void directRunnerAndEmbeddedFlinkWriteByteIdenticalReports() throws IOException {
    Path direct = work.resolve("direct");
    Path flink = work.resolve("flink");
    audit(direct, "--runner=DirectRunner");
    audit(flink, "--runner=FlinkRunner", "--flinkMaster=[local]");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(direct)) {
      files = walk.filter(Files::isRegularFile).map(direct::relativize).sorted().toList();
    }
    try (Stream<Path> walk = Files.walk(flink)) {
      assertEquals(files, walk.filter(Files::isRegularFile).map(flink::relativize).sorted().toList());
    }
    for (Path file : files) {
      assertArrayEquals(Files.readAllBytes(direct.resolve(file)), Files.readAllBytes(flink.resolve(file)), "differs: " + file);
    }
  }
}
