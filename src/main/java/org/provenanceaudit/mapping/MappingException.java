package org.provenanceaudit.mapping;

/**
 * A mapping file that cannot be used: names the mapping file, the source (its number and file
 * glob) and the key, and stops the job before it starts, as a policy error does.
 */
public final class MappingException extends Exception {

  /**
   * @param origin the mapping file as the user named it
   * @param source the source, e.g. {@code source 2 (vendor-usage*.csv)}; empty for the file as a whole
   * @param key the key inside the source or file, e.g. {@code fields.created_at.format}; empty for none
   */
  public MappingException(String origin, String source, String key, String problem) {
    super(origin + ": " + (source.isEmpty() ? "" : source + ": ") + (key.isEmpty() ? "" : key + ": ") + problem, null, false, false);
  }
}
