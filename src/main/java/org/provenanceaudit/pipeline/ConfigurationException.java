package org.provenanceaudit.pipeline;

/** A problem with what the user asked for, found before the run starts: one line, exit status 2. */
public final class ConfigurationException extends Exception {

  public ConfigurationException(String message) {
    super(message, null, false, false);
  }
}
