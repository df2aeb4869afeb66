package org.provenanceaudit.mapping;

import java.io.Serializable;

/**
 * How a delimited export is written: its delimiter ({@code ,} {@code ;} tab {@code |}), its quote
 * character (none when {@code quote} is null), its encoding (a Java charset name from {@link
 * MappingLoader#ENCODINGS}), whether its first row after {@code skipLines} is a header, and how many
 * lines above the header (a report title, an export date) to skip. JSON Lines sources use only the
 * encoding and {@code skipLines}.
 */
public record Dialect(char delimiter, Character quote, String encoding, boolean header, int skipLines) implements Serializable {

  /** RFC 4180 in UTF-8 with a header: what a contract CSV file is. */
  public static final Dialect DEFAULT = new Dialect(',', '"', "UTF-8", true, 0);
}
