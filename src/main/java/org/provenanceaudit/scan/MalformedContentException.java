package org.provenanceaudit.scan;

/**
 * Thrown by a container walk when the bytes cannot be followed any further: a lying length,
 * truncation, a structure nested or repeated past a cap. The scanner turns it into the record's
 * {@code error}; signals found before it are kept.
 */
final class MalformedContentException extends RuntimeException {
  MalformedContentException(String message) {
    super(message, null, false, false);
  }
}
