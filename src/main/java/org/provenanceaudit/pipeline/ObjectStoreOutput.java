package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.util.MimeTypes;
import org.provenanceaudit.report.ReportWriter;

/**
 * An output on a Beam file system other than the local disk, such as {@code s3://bucket/audits/2026-W12}:
 * an object store, which has neither an atomic rename nor a lock. The run writes its reports into a
 * local staging folder as for a local output; {@link #commit} then copies them under the output
 * prefix through Beam's {@link FileSystems} in this order:
 *
 * <ol>
 *   <li>check again that the prefix holds only the audit's own objects (anything else: nothing is written);
 *   <li>write {@code _COMMITTING} (this run's id, host, pid and start);
 *   <li>delete {@code _SUCCESS}: from here until step 6 the prefix is not a finished output;
 *   <li>write every report, in path order, each object complete when its upload closes;
 *   <li>delete the audit's objects this run did not write (a previous run's {@code resolved.jsonl}, say);
 *   <li>check {@code _COMMITTING} is still this run's (another audit into the same prefix fails this
 *       one, which deletes a {@code _SUCCESS} the other wrote), then write {@code _SUCCESS}, empty,
 *       last of the reports;
 *   <li>delete {@code _COMMITTING}.
 * </ol>
 *
 * <p>So whenever {@code _SUCCESS} is there, the objects beside it are one complete output: the
 * previous one until step 3, the new one from step 6. A reader (and {@code --baseline}) takes the
 * prefix only with {@code _SUCCESS}. A run killed during the copy leaves {@code _COMMITTING}, no
 * {@code _SUCCESS} and a mix of old and new reports; the next run into the prefix takes such a
 * prefix as the audit's own and replaces it. The output is replaced only when its prefix is empty or
 * holds nothing but {@code _SUCCESS} or {@code _COMMITTING} and the names the audit writes
 * ({@link OutputFolder#AUDIT_FILES}, {@code rejected/}{@link OutputFolder#REJECTED_FILES}); only
 * those names are ever deleted.
 */
public final class ObjectStoreOutput implements AuditOutput {

  /** Written first and deleted last by a commit; its presence without {@code _SUCCESS} means a commit did not finish. */
  public static final String COMMITTING_MARKER = "_COMMITTING";

  private final String output;
  private final String prefix;
  /** The prefix as the file system lists it, with its trailing slash: objects' names are what follows it. */
  private final String base;
  private final Path local;
  private final Path staging;
  private final Path temporary;
  private final String runId = UUID.randomUUID().toString();
  private volatile boolean closed;
  /** Set once the commit has written to the store: from then on a failure leaves the prefix without {@code _SUCCESS}. */
  private volatile boolean replacing;
  private volatile Runnable stopRun = () -> {};

  private ObjectStoreOutput(String output, String prefix) throws IOException {
    this.output = output;
    this.prefix = prefix;
    this.base = RemoteFiles.folderResource(prefix).toString();
    this.local = Files.createTempDirectory("provenance-audit-");
    this.staging = Files.createDirectory(local.resolve("reports"));
    this.temporary = Files.createDirectory(local.resolve("tmp"));
    Runtime.getRuntime().addShutdownHook(new Thread(this::exiting, "remove-audit-staging"));
  }

  /**
   * Takes {@code output} for this run: checks the prefix holds nothing but a previous audit's
   * output, and creates the local staging folder (in the system's temporary folder).
   *
   * @param output a folder URI of a Beam file system, e.g. {@code s3://bucket/audits/2026-W12}
   * @throws ConfigurationException when the prefix holds objects the audit does not write, holds the
   *     audit's names without {@code _SUCCESS} or {@code _COMMITTING}, or is an object itself
   * @throws IOException when the prefix cannot be listed (no such bucket, no credentials, an
   *     unreachable endpoint) or the staging folder cannot be created
   */
  public static ObjectStoreOutput open(String output) throws ConfigurationException, IOException {
    String prefix = RemoteFiles.folder(output);
    if (prefix.endsWith("://") || prefix.indexOf('/', prefix.indexOf("://") + 3) < 0) {
      throw new ConfigurationException("--output=" + output + ": name a folder inside the bucket (s3://bucket/audits/2026-W12), not the bucket itself");
    }
    if (RemoteFiles.isFile(prefix)) {
      throw new ConfigurationException("--output=" + output + ": is an object, not a folder");
    }
    Optional<String> foreign = notAuditOutput(RemoteFiles.folderResource(prefix).toString(), RemoteFiles.filesUnder(prefix));
    if (foreign.isPresent()) {
      throw new ConfigurationException(
          "--output=" + output + ": " + foreign.get() + "; the audit replaces only an empty folder or a previous audit's output, so name a new folder");
    }
    return new ObjectStoreOutput(output, prefix);
  }

  /** Why the objects under {@code base} are neither nothing nor an audit's output; empty when they are one of those. */
  private static Optional<String> notAuditOutput(String base, List<String> files) {
    boolean marked = false;
    boolean any = false;
    for (String file : files) {
      String name = file.substring(base.length());
      if (name.isEmpty() || name.equals(ReportWriter.REJECTED_DIR + "/")) {
        continue; // a "folder" object, as consoles create
      }
      any = true;
      if (name.startsWith(ReportWriter.REJECTED_DIR + "/")) {
        if (!OutputFolder.REJECTED_FILES.contains(name.substring(ReportWriter.REJECTED_DIR.length() + 1))) {
          return Optional.of("holds " + name + ", which the audit does not write");
        }
      } else if (!OutputFolder.AUDIT_FILES.contains(name) && !name.equals(COMMITTING_MARKER)) {
        return Optional.of("holds " + name + ", which the audit does not write");
      }
      marked |= name.equals(OutputFolder.SUCCESS_MARKER) || name.equals(COMMITTING_MARKER);
    }
    return !any || marked ? Optional.empty()
        : Optional.of("holds the audit's file names but no " + OutputFolder.SUCCESS_MARKER + ", so it is not a finished audit's output");
  }

  @Override
  public Path staging() {
    return staging;
  }

  @Override
  public Path temporary() {
    return temporary;
  }

  /** The output prefix, as given without its trailing slash. */
  @Override
  public String location() {
    return prefix;
  }

  /** The local staging folder, which holds what was copied, until {@link #close}. */
  @Override
  public Path committedReports() {
    return staging;
  }

  @Override
  public void stopRunOnExit(Runnable stop) {
    this.stopRun = stop;
  }

  /** {@link #commit(Runnable)} with nothing between the copy and {@code _SUCCESS}. */
  @Override
  public void commit() throws IOException {
    commit(() -> {});
  }

  /**
   * The copy described in the class comment, running {@code beforeSuccess} after every report is
   * written and before {@code _SUCCESS} is: the point a kill leaves the most behind. Synchronized
   * with the removal of the local folders, so a SIGTERM's shutdown hook lets a started copy finish.
   */
  synchronized void commit(Runnable beforeSuccess) throws IOException {
    if (closed) {
      // The exit hook (SIGTERM, SIGINT) removed the staging folder between the run and its commit.
      throw new IOException("the run was stopped before its reports were copied to " + prefix + ", so nothing was written");
    }
    List<String> before = RemoteFiles.filesUnder(prefix);
    Optional<String> foreign = notAuditOutput(base, before);
    if (foreign.isPresent()) {
      throw new IOException(prefix + " " + foreign.get() + " (added during the run), so nothing was written; move that object out and run again");
    }
    String marker = "run " + runId + " on " + host() + ", pid " + ProcessHandle.current().pid() + ", committing since " + Instant.now() + "\n";
    write(COMMITTING_MARKER, marker.getBytes(StandardCharsets.UTF_8));
    // An object is written whole or not at all: until _SUCCESS is deleted the previous output stands.
    replacing = true;
    String success = RemoteFiles.child(prefix, OutputFolder.SUCCESS_MARKER);
    FileSystems.delete(List.of(RemoteFiles.resource(success)), StandardMoveOptions.IGNORE_MISSING_FILES);
    if (RemoteFiles.isFile(success)) {
      replacing = false;
      throw new IOException(notDeleted(success) + ", so nothing was replaced");
    }
    List<String> written = new ArrayList<>();
    for (String name : reportNames()) {
      copy(staging.resolve(name), name);
      written.add(base + name);
    }
    List<String> stale = new ArrayList<>();
    for (String file : before) {
      String name = file.substring(base.length());
      boolean report = !name.isEmpty() && !name.endsWith("/") && !name.equals(COMMITTING_MARKER) && !name.equals(OutputFolder.SUCCESS_MARKER);
      if (report && !written.contains(file)) {
        stale.add(file);
      }
    }
    FileSystems.delete(stale.stream().map(RemoteFiles::resource).toList(), StandardMoveOptions.IGNORE_MISSING_FILES);
    for (String file : stale) {
      if (RemoteFiles.isFile(file)) {
        throw new IOException(notDeleted(file) + ", so " + OutputFolder.SUCCESS_MARKER + " was not written beside it");
      }
    }
    beforeSuccess.run();
    String current;
    try (var in = RemoteFiles.open(RemoteFiles.child(prefix, COMMITTING_MARKER))) {
      current = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      withdrawSuccess();
      throw new IOException(prefix + "/" + COMMITTING_MARKER + " is gone: another audit wrote into " + prefix + " during this one, so "
          + OutputFolder.SUCCESS_MARKER + " was not written; run one audit into an output at a time, and run again", e);
    }
    if (!current.equals(marker)) {
      withdrawSuccess();
      throw new IOException("another audit wrote into " + prefix + " during this one (" + COMMITTING_MARKER + " now says " + current.strip()
          + "), so " + OutputFolder.SUCCESS_MARKER + " was not written; run one audit into an output at a time, and run again");
    }
    write(OutputFolder.SUCCESS_MARKER, new byte[0]);
    FileSystems.delete(List.of(RemoteFiles.resource(prefix, COMMITTING_MARKER)), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /**
   * Why {@code file} is still there after its deletion. Beam's S3 file system deletes with S3's
   * DeleteObjects, which answers a denied key with status 200 and an error in its body, and does not
   * read that body: the deletion looks done. So each deletion the commit relies on is checked.
   */
  private static String notDeleted(String file) {
    return file + " is still there after its deletion (the store refused it: the credentials may not allow s3:DeleteObject)";
  }

  /**
   * Deletes a {@code _SUCCESS} another audit wrote while this one was copying: this run's reports
   * may have landed after that audit's, so the objects beside it are not one output. (With no lock
   * this narrows the overlap, it cannot close it: an audit still copying may write its own later.)
   */
  private void withdrawSuccess() throws IOException {
    FileSystems.delete(List.of(RemoteFiles.resource(prefix, OutputFolder.SUCCESS_MARKER)), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** The staged reports' names relative to the staging folder, {@code /}-separated, in path order. */
  private List<String> reportNames() throws IOException {
    try (Stream<Path> files = Files.walk(staging)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> staging.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
          .filter(name -> !name.equals(OutputFolder.SUCCESS_MARKER))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void copy(Path file, String name) throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(RemoteFiles.resource(prefix, name), MimeTypes.BINARY))) {
      Files.copy(file, out);
    }
  }

  private void write(String name, byte[] content) throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(RemoteFiles.resource(prefix, name), MimeTypes.BINARY))) {
      out.write(content);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unknown host";
    }
  }

  private void exiting() {
    try {
      stopRun.run();
    } finally {
      removeLocal();
    }
  }

  /** Removes the local folders; what a failed commit wrote to the store stays, as {@link #afterFailure} says. */
  @Override
  public void abandon() {
    removeLocal();
  }

  @Override
  public String afterFailure() {
    return replacing
        ? "the output " + prefix + " was being replaced and has no " + OutputFolder.SUCCESS_MARKER + ": it is not a finished output until an audit into it succeeds"
        : "the previous output, if any, is unchanged";
  }

  @Override
  public void close() {
    removeLocal();
  }

  private synchronized void removeLocal() {
    if (closed) {
      return;
    }
    closed = true;
    try (Stream<Path> files = Files.walk(local)) {
      for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: it is in the system's temporary folder, which the system clears.
    }
  }

  @Override
  public String toString() {
    return output;
  }
}
