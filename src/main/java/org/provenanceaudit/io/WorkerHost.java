package org.provenanceaudit.io;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of the machine a step runs on, for the messages of a cluster's workers: a task manager
 * that cannot see a file the client saw must say which machine it is, so that whoever mounts the
 * shared disk knows where to look.
 */
public final class WorkerHost {

  private WorkerHost() {}

  /** This machine's host name; the {@code HOSTNAME} variable, or "this machine", when it cannot be resolved. */
  public static String name() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      String variable = System.getenv("HOSTNAME");
      return variable == null || variable.isBlank() ? "this machine" : variable;
    }
  }
}
