package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a run's reports go, written whole or not at all: the run writes them into a local staging
 * folder, and {@link #commit} puts them in place. A local {@code --output} is an {@link OutputFolder}
 * (locked, swapped in by atomic renames); one on another Beam file system ({@code s3://…}) is an
 * {@link ObjectStoreOutput} (copied in, {@code _SUCCESS} last). Either refuses to replace anything
 * but an empty place or a previous audit's output.
 */
public interface AuditOutput extends AutoCloseable {

  /**
   * Takes {@code --output} for this run, checking it may be replaced.
   *
   * @param output the {@code --output} value: a local folder, or a folder URI of another Beam file system
   * @throws ConfigurationException when the output may not be replaced (it holds files the audit does
   *     not write, another audit holds it) or cannot be an output at all
   * @throws IOException when it cannot be listed, or the staging folder cannot be created
   */
  static AuditOutput open(String output) throws ConfigurationException, IOException {
    return RemoteFiles.isRemote(output) ? ObjectStoreOutput.open(output) : OutputFolder.open(output);
  }

  /** The local folder the run writes its reports into. */
  Path staging();

  /** This run's local temporary folder (the runner's spill and working files); removed when the run ends. */
  Path temporary();

  /** The output as the user should look for it: an absolute folder, or the URI of the output prefix. */
  String location();

  /** A local folder holding the committed reports (valid after {@link #commit} until {@link #close}), to read the summary from. */
  Path committedReports();

  /**
   * What to do first when the JVM exits (SIGTERM, SIGINT, a scheduler's timeout) before the staging
   * folder is removed: stop the run that writes into it.
   */
  void stopRunOnExit(Runnable stop);

  /**
   * Puts the staged reports in place of the previous output, {@code _SUCCESS} marking them complete.
   *
   * @throws IOException when the output now holds something the audit did not write (nothing is
   *     replaced), or writing fails
   */
  void commit() throws IOException;

  /** Removes what a failed run staged. */
  void abandon();

  /**
   * What a failed run left in place of the output, for the end of its error line: "the previous
   * output, if any, is unchanged", unless a failed commit had started replacing objects in a store.
   */
  default String afterFailure() {
    return "the previous output, if any, is unchanged";
  }

  /** Removes the run's local folders and releases what it held. */
  @Override
  void close() throws IOException;
}
