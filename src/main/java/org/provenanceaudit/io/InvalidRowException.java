package org.provenanceaudit.io;

/** A row that breaks the contract; the message is the reason the rejected report gives. */
public final class InvalidRowException extends Exception {

  public InvalidRowException(String reason) {
    super(reason, null, false, false);
  }
}
