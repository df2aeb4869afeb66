package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader of PDF object syntax (dictionaries, arrays, names, strings, numbers, references)
 * over a window of bytes, enough to follow the catalog to embedded files. Nesting is capped.
 */
final class PdfObjects {
  private static final int MAX_NESTING = 32;

  record Ref(int number, int generation) {}

  record Name(String value) {}

  private final byte[] data;
  private int at;

  PdfObjects(byte[] data, int at) {
    this.data = data;
    this.at = at;
  }

  int position() {
    return at;
  }

  boolean atEnd() {
    skipSpace();
    return at >= data.length;
  }

  /** Whether the next token is {@code keyword}; consumes it if so. */
  boolean keyword(String keyword) {
    skipSpace();
    byte[] k = keyword.getBytes(StandardCharsets.US_ASCII);
    if (Bytes.startsWith(data, at, k)
        && (at + k.length == data.length || isDelimiterOrSpace(data[at + k.length]))) {
      at += k.length;
      return true;
    }
    return false;
  }

  /** An integer token, or null (position unchanged) when the next token is not one. */
  Long integer() {
    skipSpace();
    int start = at;
    int p = at;
    if (p < data.length && (data[p] == '-' || data[p] == '+')) {
      p++;
    }
    int digits = p;
    while (p < data.length && data[p] >= '0' && data[p] <= '9' && p - digits < 18) {
      p++;
    }
    if (p == digits || (p < data.length && !isDelimiterOrSpace(data[p]))) {
      at = start;
      return null;
    }
    at = p;
    return Long.parseLong(new String(data, start, p - start, StandardCharsets.US_ASCII));
  }

  Object value() {
    return value(0);
  }

  private Object value(int depth) {
    if (depth > MAX_NESTING) {
      throw new MalformedContentException("PDF object nested deeper than " + MAX_NESTING + " levels");
    }
    skipSpace();
    if (at >= data.length) {
      throw new MalformedContentException("PDF object ends early");
    }
    byte c = data[at];
    if (c == '<' && at + 1 < data.length && data[at + 1] == '<') {
      at += 2;
      Map<String, Object> dict = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (at + 1 < data.length && data[at] == '>' && data[at + 1] == '>') {
          at += 2;
          return dict;
        }
        Object key = value(depth + 1);
        if (!(key instanceof Name name)) {
          throw new MalformedContentException("PDF dictionary key is not a name");
        }
        dict.put(name.value(), value(depth + 1));
      }
    }
    if (c == '[') {
      at++;
      List<Object> array = new ArrayList<>();
      while (true) {
        skipSpace();
        if (at < data.length && data[at] == ']') {
          at++;
          return array;
        }
        array.add(value(depth + 1));
      }
    }
    if (c == '/') {
      return name();
    }
    if (c == '(') {
      return literal();
    }
    if (c == '<') {
      return hex();
    }
    Long number = integer();
    if (number != null) {
      int mark = at;
      Long generation = integer();
      if (generation != null && keyword("R")) {
        return new Ref((int) Math.min(Integer.MAX_VALUE, Math.max(0, number)), generation.intValue());
      }
      at = mark;
      return number;
    }
    if (keyword("true")) {
      return Boolean.TRUE;
    }
    if (keyword("false")) {
      return Boolean.FALSE;
    }
    if (keyword("null")) {
      return null;
    }
    int start = at;
    while (at < data.length && !isDelimiterOrSpace(data[at])) {
      at++;
    }
    if (at == start) {
      throw new MalformedContentException("unexpected byte in PDF object");
    }
    return new String(data, start, at - start, StandardCharsets.ISO_8859_1);
  }

  private Name name() {
    at++;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (at < data.length && !isDelimiterOrSpace(data[at])) {
      if (data[at] == '#' && at + 2 < data.length) {
        int hi = Character.digit(data[at + 1], 16);
        int lo = Character.digit(data[at + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          at += 3;
          continue;
        }
      }
      out.write(data[at++]);
    }
    return new Name(out.toString(StandardCharsets.ISO_8859_1));
  }

  private String literal() {
    at++;
    int nesting = 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (at < data.length) {
      byte c = data[at++];
      if (c == '\\' && at < data.length) {
        out.write(data[at++]);
      } else if (c == '(') {
        nesting++;
        out.write(c);
      } else if (c == ')') {
        if (--nesting == 0) {
          return out.toString(StandardCharsets.ISO_8859_1);
        }
        out.write(c);
      } else {
        out.write(c);
      }
    }
    throw new MalformedContentException("unterminated PDF string");
  }

  private String hex() {
    at++;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pending = -1;
    while (at < data.length && data[at] != '>') {
      int digit = Character.digit(data[at++], 16);
      if (digit < 0) {
        continue;
      }
      if (pending < 0) {
        pending = digit;
      } else {
        out.write(pending * 16 + digit);
        pending = -1;
      }
    }
    at++;
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  void skipSpace() {
    while (at < data.length) {
      byte c = data[at];
      if (c == '%') {
        while (at < data.length && data[at] != '\n' && data[at] != '\r') {
          at++;
        }
      } else if (isSpace(c)) {
        at++;
      } else {
        return;
      }
    }
  }

  static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
  }

  private static boolean isDelimiterOrSpace(byte c) {
    return isSpace(c) || c == '/' || c == '[' || c == ']' || c == '<' || c == '>' || c == '('
        || c == ')' || c == '%' || c == '{' || c == '}';
  }
}
