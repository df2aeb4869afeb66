package org.provenanceaudit.policy;

/** A policy file that cannot be used: names the file and the key, and stops the job before it starts. */
public final class PolicyException extends Exception {

  public PolicyException(String origin, String key, String problem) {
    super(origin + ": " + (key.isEmpty() ? "" : key + ": ") + problem, null, false, false);
  }
}
