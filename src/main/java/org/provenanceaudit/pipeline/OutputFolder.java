package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.report.Cases;
import org.provenanceaudit.report.ReportWriter;
import org.provenanceaudit.report.html.HtmlReport;
import org.provenanceaudit.rules.ReportFile;

/**
 * The output folder, written whole or not at all, and never anything else: the run writes into a
 * staging folder beside it, and only a successful run marks it with {@code _SUCCESS} (last) and
 * moves it into place. It replaces an existing folder only when that folder is empty or a previous
 * audit's output ({@code _SUCCESS} and only
 * {@link #AUDIT_FILES}). One run at a time holds {@code .NAME.lock} beside
 * the output; the holder finishes or undoes a swap a killed run left half done and removes the
 * staging and temporary folders of runs that are no longer alive.
 */
public final class OutputFolder implements AuditOutput {

  public static final String SUCCESS_MARKER = "_SUCCESS";

  /** The names the audit writes at the top of its output folder; {@code rejected/} holds {@link #REJECTED_FILES}. */
  static final Set<String> AUDIT_FILES = auditFiles();

  /** The names the audit writes in {@code rejected/}: one file per input and the lineage cycles. */
  static final Set<String> REJECTED_FILES = rejectedFiles();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path staging;
  private final Path temporary;
  private volatile boolean committed;
  private volatile Runnable stopRun = () -> {};

  private OutputFolder(Path target, FileChannel lockChannel, FileLock lock) throws IOException {
    this.target = target;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.staging = createStaging(target);
    this.temporary = Files.createDirectory(staging.resolveSibling(staging.getFileName() + ".tmp"));
    Runtime.getRuntime().addShutdownHook(new Thread(this::exiting, "remove-audit-staging"));
  }

  /**
   * A new, empty staging folder beside the output, named like {@link Files#createTempDirectory} names
   * its folders but created with the user's umask: the task managers of a cluster, which may run as
   * another user of the same group, write the reports into it (a temporary directory is 0700).
   */
  private static Path createStaging(Path target) throws IOException {
    while (true) {
      try {
        return Files.createDirectory(target.resolveSibling(stagingPrefix(target) + Long.toUnsignedString(RANDOM.nextLong())));
      } catch (FileAlreadyExistsException e) {
        // Another run drew the same name: draw again.
      }
    }
  }

  /**
   * Takes the output folder for this run: locks it, finishes or undoes a swap a killed run left half
   * done, removes what dead runs staged, checks that the existing folder (if any) may be replaced,
   * and creates this run's staging and temporary folders beside it.
   *
   * @param output the {@code --output} value, absolute or relative to the working folder
   * @throws ConfigurationException when another audit holds the output, or the existing folder is
   *     not empty and not a previous audit's output, or it is a link
   * @throws IOException when the folders cannot be created or the lock file cannot be written
   */
  public static OutputFolder open(String output) throws ConfigurationException, IOException {
    Path target = Path.of(output).toAbsolutePath().normalize();
    if (target.getParent() == null) {
      throw new ConfigurationException("--output=" + output + ": the root folder cannot be an output folder");
    }
    Files.createDirectories(target.getParent());
    Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new ConfigurationException(
            "--output=" + output + ": another audit is writing it (" + owner(lockFile) + "); wait for it to end or choose another folder");
      }
      ProcessHandle self = ProcessHandle.current();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(
          ("pid " + self.pid() + ", started " + self.info().startInstant().map(Instant::toString).orElse("at an unknown time") + "\n")
              .getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      recoverInterruptedSwap(target);
      removeDeadRuns(target);
      checkReplaceable(output, target);
      return new OutputFolder(target, channel, lock);
    } catch (ConfigurationException | IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // This JVM already holds it: another audit runs in the same process.
      return null;
    }
  }

  private static String owner(Path lockFile) {
    try {
      String owner = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
      return owner.isEmpty() ? "its owner has not written its pid yet" : owner;
    } catch (IOException e) {
      return "its owner cannot be read: " + e.getMessage();
    }
  }

  private static String stagingPrefix(Path target) {
    return "." + target.getFileName() + ".staging-";
  }

  private static String previousPrefix(Path target) {
    return "." + target.getFileName() + ".previous-";
  }

  /**
   * A swap moves the output to {@code .NAME.previous-STAGING}, then {@code STAGING} to the output,
   * then deletes the previous one; the previous folder's name says which staging folder was being
   * moved in. Killed after the first move, the staging folder (already marked complete) is moved in;
   * killed after the second, the previous folder is deleted.
   */
  private static void recoverInterruptedSwap(Path target) throws IOException {
    try (DirectoryStream<Path> previous = besideStartingWith(target, previousPrefix(target))) {
      for (Path folder : previous) {
        Path staging = target.resolveSibling(folder.getFileName().toString().substring(previousPrefix(target).length()));
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.isRegularFile(staging.resolve(SUCCESS_MARKER))) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
          } else {
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
            continue;
          }
        }
        deleteTree(folder);
      }
    }
  }

  /** Under the lock, every staging folder beside the output belongs to a run that is no longer alive. */
  private static void removeDeadRuns(Path target) throws IOException {
    try (DirectoryStream<Path> staged = besideStartingWith(target, stagingPrefix(target))) {
      for (Path folder : staged) {
        deleteTree(folder);
      }
    }
  }

  /**
   * The entries beside the output whose names start with {@code prefix}, compared as text: the
   * output's name may hold glob characters ({@code audit[2026-03]}, {@code out{a}}) that a glob
   * would read as a pattern, matching other outputs' folders or failing.
   */
  private static DirectoryStream<Path> besideStartingWith(Path target, String prefix) throws IOException {
    return Files.newDirectoryStream(target.getParent(), entry -> entry.getFileName().toString().startsWith(prefix));
  }

  private static void checkReplaceable(String output, Path target) throws ConfigurationException, IOException {
    if (Files.isSymbolicLink(target)) {
      throw new ConfigurationException("--output=" + output + ": is a symbolic link; name the folder itself");
    }
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new ConfigurationException("--output=" + output + ": exists and is not a folder");
    }
    Optional<String> foreign = notAuditOutput(target);
    if (foreign.isPresent()) {
      throw new ConfigurationException(
          "--output=" + output + ": the folder exists and " + foreign.get() + "; the audit replaces only an empty folder"
              + " or a previous audit's output, so name a new folder");
    }
  }

  /** Why an existing folder is neither empty nor a previous audit's output; empty when it is one of those. */
  private static Optional<String> notAuditOutput(Path folder) throws IOException {
    boolean empty = true;
    boolean marked = false;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        empty = false;
        String name = entry.getFileName().toString();
        if (name.equals(ReportWriter.REJECTED_DIR) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          try (DirectoryStream<Path> rejected = Files.newDirectoryStream(entry)) {
            for (Path file : rejected) {
              if (!REJECTED_FILES.contains(file.getFileName().toString()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("holds " + name + "/" + file.getFileName() + ", which the audit does not write");
              }
            }
          }
        } else if (!AUDIT_FILES.contains(name) || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of("holds " + name + ", which the audit does not write");
        }
        marked |= name.equals(SUCCESS_MARKER);
      }
    }
    return empty || marked ? Optional.empty() : Optional.of("has no " + SUCCESS_MARKER + ", so it is not a finished audit's output");
  }

  private static Set<String> auditFiles() {
    Set<String> names = new HashSet<>(Set.of(
        SUCCESS_MARKER, ReportWriter.FINDINGS, ReportWriter.SUMMARY, ReportWriter.RESOLVED, ReportWriter.ASSET_SCAN, HtmlReport.REPORT,
        Cases.JSONL, Cases.CSV));
    for (ReportFile report : ReportFile.values()) {
      if (report.fileName() != null) {
        names.add(report.fileName());
      }
    }
    return Set.copyOf(names);
  }

  private static Set<String> rejectedFiles() {
    Set<String> names = new HashSet<>(Set.of(ReportWriter.LINEAGE_REJECTS));
    for (InputKind kind : InputKind.values()) {
      names.add(kind.contractName() + ".jsonl");
    }
    return Set.copyOf(names);
  }

  /** Where the run writes its reports before they are moved into place. */
  @Override
  public Path staging() {
    return staging;
  }

  /** This run's temporary folder (for the runner's spill and working files); removed when the run ends or the JVM exits. */
  @Override
  public Path temporary() {
    return temporary;
  }

  /** The output folder, absolute. */
  public Path target() {
    return target;
  }

  /** The output folder, absolute. */
  @Override
  public String location() {
    return target.toString();
  }

  /** The output folder itself: the staging folder is moved there. */
  @Override
  public Path committedReports() {
    return target;
  }

  /**
   * Marks the staging folder complete and puts it in the place of the previous output, after
   * checking again that the previous output holds only the audit's files.
   *
   * @throws IOException when the previous output now holds something the audit did not write
   *     (nothing is moved), or a move fails
   */
  @Override
  public void commit() throws IOException {
    commit(() -> {});
  }

  /**
   * {@link #commit()}, running {@code betweenMoves} after the previous output has been moved aside:
   * the point a kill hurts most. Synchronized with {@link #removeRunFolders}: a SIGTERM's shutdown
   * hook waits for the moves to end instead of deleting the staged output between them.
   */
  synchronized void commit(Runnable betweenMoves) throws IOException {
    Path previous = null;
    if (Files.exists(target)) {
      // The run may have lasted hours: what was a previous audit at the start may since hold a user's file.
      Optional<String> foreign = notAuditOutput(target);
      if (foreign.isPresent()) {
        throw new IOException(target + " " + foreign.get() + " (added during the run), so it was not replaced; move that file out and run again");
      }
    }
    Files.writeString(staging.resolve(SUCCESS_MARKER), "");
    if (Files.exists(target)) {
      previous = target.resolveSibling(previousPrefix(target) + staging.getFileName());
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    betweenMoves.run();
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
    if (previous != null) {
      deleteTree(previous);
    }
  }

  /**
   * What to do first when the JVM exits (SIGTERM, SIGINT, a scheduler's timeout) before the staging
   * folder is removed: stop the run that writes into it, e.g. cancel its job on a cluster, whose
   * task managers would otherwise go on writing into a folder that is no longer there.
   *
   * @param stop run once, on the exit hook's thread; it should return when the run has stopped
   */
  @Override
  public void stopRunOnExit(Runnable stop) {
    this.stopRun = stop;
  }

  private void exiting() {
    try {
      stopRun.run();
    } finally {
      removeRunFolders();
    }
  }

  /** Removes what a failed run staged. */
  @Override
  public void abandon() {
    removeRunFolders();
  }

  /**
   * Removes the temporary folder (and the staging folder unless committed) and releases the lock.
   * The removal runs again when the JVM exits: embedded Flink shuts its cluster down in the
   * background after the job ends, and may still write into the temporary folder meanwhile.
   */
  @Override
  public void close() throws IOException {
    removeRunFolders();
    try (FileChannel channel = lockChannel) {
      lock.release();
    }
  }

  private synchronized void removeRunFolders() {
    try {
      deleteTree(temporary);
      if (!committed) {
        deleteTree(staging);
      }
    } catch (IOException e) {
      // Best effort: the next run into the same output removes what is left (see removeDeadRuns).
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            // A runner still shutting down may remove its own files while the tree is walked.
            if (exc instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw exc;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
