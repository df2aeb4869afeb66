package org.provenanceaudit.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Turns one row of field values into the text of a file: an RFC 4180 CSV record or one JSON
 * object. Multi-valued fields arrive joined with {@code ;}; booleans as their text.
 */
interface RowEncoder {

  void header(Writer out) throws IOException;

  /** Writes {@code values}, which may hold more or fewer cells than the header (to plant defects). */
  void row(Writer out, String[] values) throws IOException;

  /** The text {@link #row} would write for this row alone, without its line end. */
  String text(String[] values);

  /** Writes out the rows an encoder that batches them still holds; the next row starts a new line. */
  default void endBatch(Writer out) throws IOException {}

  static RowEncoder csv(InputTable table, String lineEnd) {
    return new Csv(table, lineEnd);
  }

  static RowEncoder jsonLines(InputTable table) {
    return new JsonLines(table);
  }

  /** CSV with a header; a cell is quoted only when it has to be, as spreadsheets write it. */
  final class Csv implements RowEncoder {
    private final InputTable table;
    private final String lineEnd;

    Csv(InputTable table, String lineEnd) {
      this.table = table;
      this.lineEnd = lineEnd;
    }

    @Override
    public void header(Writer out) throws IOException {
      List<InputTable.Field> fields = table.fields();
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(fields.get(i).name());
      }
      out.write(lineEnd);
    }

    @Override
    public void row(Writer out, String[] values) throws IOException {
      append(out, values);
      out.write(lineEnd);
    }

    @Override
    public String text(String[] values) {
      StringBuilder out = new StringBuilder();
      try {
        append(out, values);
      } catch (IOException impossible) {
        throw new IllegalStateException(impossible);
      }
      return out.toString();
    }

    private static void append(Appendable out, String[] values) throws IOException {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        appendCell(out, values[i]);
      }
    }

    private static void appendCell(Appendable out, String value) throws IOException {
      if (value == null || value.isEmpty()) {
        return;
      }
      if (!needsQuotes(value)) {
        out.append(value);
        return;
      }
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"') {
          out.append('"');
        }
        out.append(c);
      }
      out.append('"');
    }

    private static boolean needsQuotes(String value) {
      if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
        return true;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * One JSON object a line; empty values are left out. A multi-valued field is an array, except
   * when the row spelled it with spaces after the separators: then it stays the plain string the
   * contract also accepts.
   */
  final class JsonLines implements RowEncoder {
    private final InputTable table;

    JsonLines(InputTable table) {
      this.table = table;
    }

    @Override
    public void header(Writer out) {
      // JSON Lines has no header: each object names its fields.
    }

    @Override
    public void row(Writer out, String[] values) throws IOException {
      out.write(text(values));
      out.write('\n');
    }

    @Override
    public String text(String[] values) {
      StringBuilder out = new StringBuilder(256);
      out.append('{');
      boolean first = true;
      List<InputTable.Field> fields = table.fields();
      for (int i = 0; i < values.length && i < fields.size(); i++) {
        String value = values[i];
        if (value == null || value.isEmpty()) {
          continue;
        }
        InputTable.Field field = fields.get(i);
        if (!first) {
          out.append(',');
        }
        first = false;
        appendString(out, field.name());
        out.append(':');
        if (field.multi() && !value.contains("; ")) {
          appendArray(out, value);
        } else if (field.kind() == InputTable.Kind.BOOL
            && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
          out.append(value.equalsIgnoreCase("true") ? "true" : "false");
        } else {
          appendString(out, value);
        }
      }
      return out.append('}').toString();
    }

    private static void appendArray(StringBuilder out, String joined) {
      out.append('[');
      int start = 0;
      boolean first = true;
      while (start <= joined.length()) {
        int end = joined.indexOf(';', start);
        if (end < 0) {
          end = joined.length();
        }
        String item = joined.substring(start, end).trim();
        if (!item.isEmpty()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          appendString(out, item);
        }
        start = end + 1;
      }
      out.append(']');
    }

    static void appendString(StringBuilder out, String value) {
      out.append('"');
      int plain = 0;
      while (plain < value.length() && value.charAt(plain) >= 0x20 && value.charAt(plain) != '"'
          && value.charAt(plain) != '\\') {
        plain++;
      }
      out.append(value, 0, plain);
      for (int i = plain; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
