package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output swap survives a kill: a child JVM halts (no shutdown hooks, as under kill -9) between
 * moving the previous output aside and moving the new one in, and the next run into the same
 * output finishes the swap, or undoes it when the new output is gone. Also: the lock keeps a
 * second run out, and dead runs' staging folders are removed.
 */
class OutputFolderTest {

  @TempDir Path work;

  /** Stages {@code findings.jsonl} holding "new" into args[0] and halts between the two moves of the commit. */
  static final class KilledBetweenMoves {
    public static void main(String[] args) throws IOException, ConfigurationException {
      OutputFolder output = OutputFolder.open(args[0]);
      Files.writeString(output.staging().resolve("findings.jsonl"), "new\n");
      output.commit(() -> Runtime.getRuntime().halt(137));
    }
  }

  /**
   * Opens args[0], arranges for the run to be "stopped" on exit by writing args[1] (naming whether
   * the staging folder was still there), prints the staging folder's path and waits to be killed.
   */
  static final class StoppedBySignal {
    public static void main(String[] args) throws Exception {
      OutputFolder output = OutputFolder.open(args[0]);
      output.stopRunOnExit(() -> {
        try {
          Files.writeString(Path.of(args[1]), "staging present: " + Files.isDirectory(output.staging()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      System.out.println(output.staging());
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  private Path previousAudit() throws IOException {
    Path out = Files.createDirectories(work.resolve("out"));
    Files.writeString(out.resolve("_SUCCESS"), "");
    Files.writeString(out.resolve("findings.jsonl"), "old\n");
    return out;
  }

  private void killBetweenMoves(Path out) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            KilledBetweenMoves.class.getName(), out.toString())
        .inheritIO()
        .start();
    assertEquals(137, child.waitFor());
  }

  private List<String> beside(Path out) throws IOException {
    try (Stream<Path> entries = Files.list(out.getParent())) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aKillBetweenTheMovesLeavesNoOutputUntilTheNextRunFinishesTheSwap() throws Exception {
    Path out = previousAudit();
    killBetweenMoves(out);
    assertFalse(Files.exists(out), "the kill came after the previous output was moved aside");
    assertTrue(beside(out).stream().anyMatch(name -> name.startsWith(".out.previous-")), beside(out).toString());

    try (OutputFolder next = OutputFolder.open(out.toString())) {
      assertEquals("new\n", Files.readString(out.resolve("findings.jsonl")), "the staged output, complete, was moved in");
      assertTrue(Files.exists(out.resolve("_SUCCESS")));
      assertEquals(List.of(".out.lock", next.staging().getFileName().toString(), next.temporary().getFileName().toString(), "out"), beside(out));
    }
    assertEquals(List.of(".out.lock", "out"), beside(out));
  }

  @Test
  void whenTheStagedOutputIsGoneTheNextRunPutsThePreviousOneBack() throws Exception {
    Path out = previousAudit();
    killBetweenMoves(out);
    try (Stream<Path> staged = Files.list(work)) {
      for (Path folder : staged.filter(p -> p.getFileName().toString().startsWith(".out.staging-")).toList()) {
        try (Stream<Path> files = Files.walk(folder)) {
          for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
            Files.delete(file);
          }
        }
      }
    }
    try (OutputFolder next = OutputFolder.open(out.toString())) {
      assertEquals("old\n", Files.readString(out.resolve("findings.jsonl")));
    }
    assertEquals(List.of(".out.lock", "out"), beside(out));
  }

  @Test
  void theStagingFolderIsCreatedWithTheUsersUmaskForTaskManagersOfTheSameGroup() throws Exception {
    Path out = work.resolve("out");
    Path plain = Files.createDirectory(work.resolve("plain"));
    try (OutputFolder output = OutputFolder.open(out.toString())) {
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(output.staging()),
          "a temporary directory's 0700 would keep task managers running as another user out");
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(output.temporary()));
    }
  }

  @Test
  void aTerminatedClientStopsItsRunFirstAndThenRemovesTheStagingFolder() throws Exception {
    Path out = work.resolve("out");
    Path stopped = work.resolve("stopped.txt");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            StoppedBySignal.class.getName(), out.toString(), stopped.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    Path staging;
    try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      staging = Path.of(lines.readLine());
      assertTrue(Files.isDirectory(staging));
      child.destroy(); // SIGTERM, as a scheduler's timeout sends it
      assertEquals(143, child.waitFor());
    }
    assertEquals("staging present: true", Files.readString(stopped), "the run is stopped before its folder goes");
    assertFalse(Files.exists(staging), "the staging folder is removed");
    assertEquals(List.of(".out.lock", "stopped.txt"), beside(out));
  }

  @Test
  void aSecondRunIntoTheSameOutputIsRefusedNamingTheOwner() throws Exception {
    Path out = work.resolve("out");
    try (OutputFolder first = OutputFolder.open(out.toString())) {
      ConfigurationException refused = assertThrows(ConfigurationException.class, () -> OutputFolder.open(out.toString()));
      assertTrue(refused.getMessage().contains("another audit is writing it (pid " + ProcessHandle.current().pid() + ", started "), refused.getMessage());
      assertTrue(Files.isDirectory(first.staging()), "the first run's staging is left alone");
    }
  }

  @Test
  void theStagingAndTemporaryFoldersOfDeadRunsAreRemoved() throws Exception {
    Path out = previousAudit();
    Files.createDirectories(work.resolve(".out.staging-123").resolve("rejected"));
    Files.writeString(work.resolve(".out.staging-123").resolve("rejected").resolve("assets.jsonl"), "{}\n");
    Files.createDirectories(work.resolve(".out.staging-123.tmp").resolve("minicluster_0"));
    Files.createDirectories(work.resolve(".other.staging-9"));
    try (OutputFolder next = OutputFolder.open(out.toString())) {
      assertFalse(Files.exists(work.resolve(".out.staging-123")));
      assertFalse(Files.exists(work.resolve(".out.staging-123.tmp")));
      assertTrue(Files.exists(work.resolve(".other.staging-9")), "another output's staging is not this run's to judge");
      assertEquals("old\n", Files.readString(out.resolve("findings.jsonl")));
    }
  }

  @Test
  void anOutputNamedWithGlobCharactersCleansUpOnlyItsOwnDeadRuns() throws Exception {
    // "[2026-03]" read as a glob is a character class: its own leftovers went unmatched, and "{" made open() fail.
    Path out = work.resolve("audit[2026-03]");
    Files.createDirectories(work.resolve(".audit[2026-03].staging-1"));
    Files.createDirectories(work.resolve(".audit2.staging-5"));
    try (OutputFolder next = OutputFolder.open(out.toString())) {
      assertFalse(Files.exists(work.resolve(".audit[2026-03].staging-1")), "the dead run's staging is removed");
      assertTrue(Files.exists(work.resolve(".audit2.staging-5")), "another output's staging is left alone");
    }
    try (OutputFolder braces = OutputFolder.open(work.resolve("out{a").toString())) {
      assertTrue(Files.isDirectory(braces.staging()));
    }
  }

  @Test
  void aFileTheUserSavesIntoThePreviousOutputDuringTheRunIsNotDeletedByTheCommit() throws Exception {
    Path out = previousAudit();
    try (OutputFolder run = OutputFolder.open(out.toString())) {
      Files.writeString(run.staging().resolve("findings.jsonl"), "new\n");
      Files.writeString(out.resolve("my-notes.txt"), "reviewed with legal\n");
      IOException refused = assertThrows(IOException.class, run::commit);
      assertTrue(refused.getMessage().contains("my-notes.txt"), refused.getMessage());
    }
    assertEquals("reviewed with legal\n", Files.readString(out.resolve("my-notes.txt")));
    assertEquals("old\n", Files.readString(out.resolve("findings.jsonl")));
  }

  @Test
  void aTerminationDuringTheCommitWaitsForTheMovesInsteadOfDeletingTheNewOutput() throws Exception {
    // A scheduler's SIGTERM runs the shutdown hook (the same removal as abandon()) while the main thread is between the moves.
    Path out = previousAudit();
    Thread[] hook = new Thread[1];
    try (OutputFolder run = OutputFolder.open(out.toString())) {
      Files.writeString(run.staging().resolve("findings.jsonl"), "new\n");
      run.commit(() -> {
        hook[0] = new Thread(run::abandon);
        hook[0].start();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      hook[0].join();
    }
    assertEquals("new\n", Files.readString(out.resolve("findings.jsonl")));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals(List.of(".out.lock", "out"), beside(out));
  }
}
