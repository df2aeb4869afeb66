package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object-store output's commit protocol, run through Beam's {@code FileSystems} on the local
 * file system (the same calls an {@code s3://} output makes; scripts/object-store-test runs them
 * against a real S3-compatible server): the reports land with {@code _SUCCESS} last, a previous
 * audit's objects the new run does not write are removed, a foreign object stops the run before or
 * after it, a commit killed half way leaves no {@code _SUCCESS} and the next run replaces it, and a
 * second audit writing the same output fails the first.
 */
class ObjectStoreOutputTest {

  @TempDir Path work;

  @BeforeAll
  static void localFileSystem() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  /** Stages findings.jsonl holding "new" into args[0] and halts (as kill -9 would) after the copy, before _SUCCESS. */
  static final class KilledBeforeSuccess {
    public static void main(String[] args) throws IOException, ConfigurationException {
      FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
      ObjectStoreOutput output = ObjectStoreOutput.open(args[0]);
      Files.writeString(output.staging().resolve("findings.jsonl"), "new\n");
      output.commit(() -> Runtime.getRuntime().halt(137));
    }
  }

  private Path previousAudit() throws IOException {
    Path out = Files.createDirectories(work.resolve("out").resolve("rejected"));
    Files.writeString(out.resolveSibling("_SUCCESS"), "");
    Files.writeString(out.resolveSibling("findings.jsonl"), "old\n");
    Files.writeString(out.resolveSibling("resolved.jsonl"), "old\n");
    Files.writeString(out.resolve("assets.jsonl"), "old\n");
    return out.getParent();
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString()).sorted().toList();
    }
  }

  private static void stage(AuditOutput output, String name, String content) throws IOException {
    Path file = output.staging().resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void theReportsReplaceThePreviousAuditsAndOnlyItsOwnStaleFilesAreRemoved() throws Exception {
    Path out = previousAudit();
    Path local;
    try (ObjectStoreOutput output = ObjectStoreOutput.open(out.toString())) {
      local = output.staging();
      stage(output, "findings.jsonl", "new\n");
      stage(output, "rejected/assets.jsonl", "new rejected\n");
      output.commit();
      assertEquals("new\n", Files.readString(output.committedReports().resolve("findings.jsonl")), "the summary is read from the local copy");
    }
    assertEquals(List.of("_SUCCESS", "findings.jsonl", "rejected/assets.jsonl"), files(out),
        "resolved.jsonl was the previous run's, and this run (without a baseline) did not write it");
    assertEquals("new\n", Files.readString(out.resolve("findings.jsonl")));
    assertEquals("new rejected\n", Files.readString(out.resolve("rejected/assets.jsonl")));
    assertEquals("", Files.readString(out.resolve("_SUCCESS")));
    assertFalse(Files.exists(local), "the local staging folder is removed when the run ends");
  }

  @Test
  void aPrefixHoldingAnObjectTheAuditDoesNotWriteIsRefusedBeforeTheRun() throws Exception {
    Path out = previousAudit();
    Files.writeString(out.resolve("rejected/notes.txt"), "mine\n");
    ConfigurationException refused = assertThrows(ConfigurationException.class, () -> ObjectStoreOutput.open(out.toString()));
    assertEquals("--output=" + out + ": holds rejected/notes.txt, which the audit does not write; the audit replaces only an empty folder"
        + " or a previous audit's output, so name a new folder", refused.getMessage());
  }

  @Test
  void theAuditsFileNamesWithoutSuccessOrCommittingAreNotAnAuditsOutput() throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    Files.writeString(out.resolve("findings.jsonl"), "someone's own\n");
    ConfigurationException refused = assertThrows(ConfigurationException.class, () -> ObjectStoreOutput.open(out.toString()));
    assertTrue(refused.getMessage().contains("holds the audit's file names but no _SUCCESS"), refused.getMessage());
  }

  @Test
  void anObjectAddedDuringTheRunStopsTheCommitBeforeAnythingIsWritten() throws Exception {
    Path out = previousAudit();
    try (ObjectStoreOutput output = ObjectStoreOutput.open(out.toString())) {
      stage(output, "findings.jsonl", "new\n");
      Files.writeString(out.resolve("budget.xlsx"), "mine\n");
      IOException refused = assertThrows(IOException.class, output::commit);
      assertTrue(refused.getMessage().contains("holds budget.xlsx, which the audit does not write (added during the run), so nothing was written"),
          refused.getMessage());
    }
    assertEquals(List.of("_SUCCESS", "budget.xlsx", "findings.jsonl", "rejected/assets.jsonl", "resolved.jsonl"), files(out));
    assertEquals("old\n", Files.readString(out.resolve("findings.jsonl")));
  }

  @Test
  void aCommitKilledBeforeSuccessLeavesNoSuccessAndTheNextRunReplacesIt() throws Exception {
    Path out = previousAudit();
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            KilledBeforeSuccess.class.getName(), out.toString())
        .inheritIO()
        .start();
    assertEquals(137, child.waitFor());
    assertEquals(List.of(ObjectStoreOutput.COMMITTING_MARKER, "findings.jsonl"), files(out),
        "no _SUCCESS: a reader (and --baseline) does not take the half-replaced output");

    try (ObjectStoreOutput next = ObjectStoreOutput.open(out.toString())) {
      stage(next, "findings.jsonl", "newer\n");
      next.commit();
    }
    assertEquals(List.of("_SUCCESS", "findings.jsonl"), files(out));
    assertEquals("newer\n", Files.readString(out.resolve("findings.jsonl")));
  }

  @Test
  void anotherAuditCommittingIntoTheSameOutputFailsThisOneWithoutSuccess() throws Exception {
    Path out = previousAudit();
    try (ObjectStoreOutput output = ObjectStoreOutput.open(out.toString())) {
      stage(output, "findings.jsonl", "new\n");
      IOException failed = assertThrows(IOException.class, () -> output.commit(() -> {
        try {
          Files.writeString(out.resolve(ObjectStoreOutput.COMMITTING_MARKER), "run another\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      assertTrue(failed.getMessage().startsWith("another audit wrote into " + out + " during this one"), failed.getMessage());
    }
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void aCommitThatFindsAnotherAuditFinishedDuringItsCopyLeavesNoSuccessBesideTheMix() throws Exception {
    Path out = previousAudit();
    try (ObjectStoreOutput output = ObjectStoreOutput.open(out.toString())) {
      stage(output, "findings.jsonl", "new\n");
      stage(output, "summary.json", "{}\n");
      // Another audit started after this one's _COMMITTING and finished while this one copied.
      IOException failed = assertThrows(IOException.class, () -> output.commit(() -> {
        try {
          Files.writeString(out.resolve("summary.json"), "{\"other\":true}\n");
          Files.writeString(out.resolve("_SUCCESS"), "");
          Files.delete(out.resolve(ObjectStoreOutput.COMMITTING_MARKER));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      assertTrue(failed.getMessage().startsWith(out + "/_COMMITTING is gone: another audit wrote into " + out), failed.getMessage());
    }
    assertFalse(Files.exists(out.resolve("_SUCCESS")), "this run's findings.jsonl sits beside the other audit's summary.json: not one output");
  }

  @Test
  void aFailedCommitSaysTheOutputHasNoSuccessWhereARefusedOneSaysItIsUnchanged() throws Exception {
    Path out = previousAudit();
    try (ObjectStoreOutput output = ObjectStoreOutput.open(out.toString())) {
      stage(output, "findings.jsonl", "new\n");
      assertEquals("the previous output, if any, is unchanged", output.afterFailure());
      assertThrows(UncheckedIOException.class, () -> output.commit(() -> {
        throw new UncheckedIOException(new IOException("connection reset"));
      }));
      assertEquals("the output " + out + " was being replaced and has no _SUCCESS: it is not a finished output until an audit into it succeeds",
          output.afterFailure());
    }
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void aRunStoppedBeforeItsCommitLeavesThePreviousOutputAsItWas() throws Exception {
    Path out = previousAudit();
    try (ObjectStoreOutput output = ObjectStoreOutput.open(out.toString())) {
      stage(output, "findings.jsonl", "new\n");
      output.close(); // what the exit hook does on SIGTERM once the run has stopped
      IOException refused = assertThrows(IOException.class, output::commit);
      assertEquals("the run was stopped before its reports were copied to " + out + ", so nothing was written", refused.getMessage());
      assertEquals("the previous output, if any, is unchanged", output.afterFailure());
    }
    assertEquals(List.of("_SUCCESS", "findings.jsonl", "rejected/assets.jsonl", "resolved.jsonl"), files(out));
    assertEquals("old\n", Files.readString(out.resolve("findings.jsonl")));
  }

  @Test
  void aPrefixWithAWildcardCharacterIsRefusedRatherThanListedAsAGlob() throws Exception {
    Path out = Files.createDirectories(work.resolve("audits[w12]"));
    Files.writeString(out.resolve("notes.txt"), "mine\n");
    IOException refused = assertThrows(IOException.class, () -> ObjectStoreOutput.open(out.toString()));
    assertEquals(out + " holds a wildcard character (* ? [ ] { }), which a listing takes as a pattern; name a prefix without one",
        refused.getMessage());
  }

  @Test
  void aBucketIsNotAnOutputFolder() {
    ConfigurationException refused = assertThrows(ConfigurationException.class, () -> ObjectStoreOutput.open("s3://bucket/"));
    assertTrue(refused.getMessage().startsWith("--output=s3://bucket/: name a folder inside the bucket"), refused.getMessage());
  }

  @Test
  void onlyAUriOfAnotherFileSystemIsRemote() {
    assertTrue(RemoteFiles.isRemote("s3://bucket/in"));
    assertTrue(RemoteFiles.isRemote("gs://bucket/in"));
    assertFalse(RemoteFiles.isRemote("file:///tmp/in"));
    assertFalse(RemoteFiles.isRemote("audits/a:b"));
    assertFalse(RemoteFiles.isRemote("/tmp/in"));
    assertFalse(RemoteFiles.isRemote("reports:v2/out"), "a local folder named reports:v2, as Beam reads it too (a scheme is followed by :/)");
    assertFalse(RemoteFiles.isRemote("2026-03-22T10:00/audit"), "a scheme starts with a letter");
    assertTrue(RemoteFiles.within("s3://b/in/x", "s3://b/in/"));
    assertFalse(RemoteFiles.within("s3://b/output", "s3://b/out"), "prefixes compare by whole names");
  }
}
