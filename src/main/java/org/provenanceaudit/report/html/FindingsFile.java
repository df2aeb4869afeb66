package org.provenanceaudit.report.html;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JSON-lines file of findings, read one finding at a time so that a file of any length costs
 * the memory of one finding. A line that is not a JSON object stops the report with the file and line
 * number: a page that silently skipped a finding could not be defended.
 */
final class FindingsFile {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Receives each finding of a file in order. */
  @FunctionalInterface
  interface FindingVisitor {
    void visit(JsonNode finding) throws IOException;
  }

  private final Path path;

  FindingsFile(Path path) {
    this.path = path;
  }

  /** Opens the file; the caller closes the reader. */
  FindingReader open() throws IOException {
    return new FindingReader(path, MAPPER.getFactory().createParser(new BufferedInputStream(Files.newInputStream(path), 1 << 16)));
  }

  /** Visits every finding of the file in order. */
  void forEach(FindingVisitor visitor) throws IOException {
    try (FindingReader reader = open()) {
      for (JsonNode finding = reader.next(); finding != null; finding = reader.next()) {
        visitor.visit(finding);
      }
    }
  }

  /**
   * A cursor over the findings of one file, read by one streaming parser over the bytes (a parser
   * and a string per line cost a third of the report's time at half a million findings); white
   * space between findings, blank lines included, is not a finding.
   */
  static final class FindingReader implements AutoCloseable {
    private final Path path;
    private final JsonParser parser;

    private FindingReader(Path path, JsonParser parser) {
      this.path = path;
      this.parser = parser;
    }

    /** The next finding, or null at the end of the file. */
    JsonNode next() throws IOException {
      try {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return null;
        }
        if (token != JsonToken.START_OBJECT) {
          throw new IOException(path + " line " + parser.getTokenLocation().getLineNr() + " is not a JSON object");
        }
        return MAPPER.readTree(parser);
      } catch (JsonProcessingException e) {
        long line = e.getLocation() == null ? parser.getCurrentLocation().getLineNr() : e.getLocation().getLineNr();
        throw new IOException(path + " line " + line + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }
}
