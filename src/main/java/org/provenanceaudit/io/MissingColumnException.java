package org.provenanceaudit.io;

/** An input file whose header does not meet the contract: a configuration error, found before the run. */
public final class MissingColumnException extends Exception {

  private final String file;

  public MissingColumnException(String file, String problem) {
    super(file + ": " + problem, null, false, false);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
