package org.provenanceaudit.report;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The background tasks of the report writers ({@link ReportWriter}'s one task a file, report.html's
 * two passes over the findings): the threads they run on, and how their results and failures come
 * back to the thread that waits for them.
 */
public final class ReportTasks {

  private ReportTasks() {}

  /** Daemon threads named {@code name}, so that a task left running never keeps the JVM up. */
  public static ThreadFactory daemonThreads(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * What {@code task} gave, once it has finished.
   *
   * @param doing what the task does, for the message ("writing the reports")
   * @throws IOException the task's own {@link IOException}, as it was (it names the file and line);
   *     "interrupted while DOING" when the waiting thread is interrupted; "failed while DOING" around
   *     any other checked failure. The task's {@link RuntimeException} or {@link Error} is rethrown
   *     as it was.
   */
  public static <T> T result(Future<T> task, String doing) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + doing, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException("failed while " + doing, cause);
    }
  }
}
