package org.provenanceaudit.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JSON-lines file of findings, read one line at a time so that a file of any length costs the
 * memory of one finding. A line that is not a JSON object stops the report with the file and line
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
    return new FindingReader(path, Files.newBufferedReader(path, StandardCharsets.UTF_8));
  }

  /** Visits every finding of the file in order. */
  void forEach(FindingVisitor visitor) throws IOException {
    try (FindingReader reader = open()) {
      for (JsonNode finding = reader.next(); finding != null; finding = reader.next()) {
        visitor.visit(finding);
      }
    }
  }

  /** A cursor over the findings of one file; blank lines are not findings. */
  static final class FindingReader implements AutoCloseable {
    private final Path path;
    private final BufferedReader lines;
    private long lineNumber;

    private FindingReader(Path path, BufferedReader lines) {
      this.path = path;
      this.lines = lines;
    }

    /** The next finding, or null at the end of the file. */
    JsonNode next() throws IOException {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode finding;
        try {
          finding = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw new IOException(path + " line " + lineNumber + " is not valid JSON: "
              + e.getOriginalMessage(), e);
        }
        if (finding == null || !finding.isObject()) {
          throw new IOException(path + " line " + lineNumber + " is not a JSON object");
        }
        return finding;
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
