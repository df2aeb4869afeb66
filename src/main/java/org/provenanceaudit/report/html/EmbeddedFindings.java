package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of the page's data block, produced lazily while the template writes them: each finding
 * the page shows becomes one script-safe JSON array (fields in {@link FindingColumns#EMBEDDED}
 * order, its case id last) on its own line, so the page is written in the memory of one finding
 * whatever the number of findings. Current findings come first, those of {@code shown} only (the
 * first findings of each case, see {@link CasesFile}); then the first {@code resolvedShown}
 * resolved ones, with their change set to "resolved".
 */
final class EmbeddedFindings implements Iterable<String>, AutoCloseable {

  private final FindingsFile current;
  private final FindingsFile resolved;
  private final Map<String, String> shown;
  private final long resolvedShown;
  private final List<FindingsFile.FindingReader> opened = new ArrayList<>();

  /**
   * {@code resolved} may be null when the audit ran without a baseline; {@code shown} maps the id
   * of each current finding to show to its case id.
   */
  EmbeddedFindings(FindingsFile current, FindingsFile resolved, Map<String, String> shown, long resolvedShown) {
    this.current = current;
    this.resolved = resolved;
    this.shown = shown;
    this.resolvedShown = resolvedShown;
  }

  /** The embedded form of one finding; {@code caseId} is null for a resolved one. */
  static String row(JsonNode finding, boolean isResolved, String caseId) {
    ArrayNode row = JsonNodeFactory.instance.arrayNode(FindingColumns.EMBEDDED.size());
    for (String column : FindingColumns.EMBEDDED) {
      if (isResolved && column.equals(FindingColumns.CHANGE)) {
        row.add(TextNode.valueOf(FindingColumns.RESOLVED));
        continue;
      }
      if (column.equals(FindingColumns.CASE)) {
        row.add(caseId == null ? JsonNodeFactory.instance.nullNode() : TextNode.valueOf(caseId));
        continue;
      }
      JsonNode value = finding.get(column);
      row.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
    }
    return ScriptSafeJson.write(row);
  }

  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      private final Iterator<FindingsFile> files = resolved == null
          ? List.of(current).iterator() : List.of(current, resolved).iterator();
      private FindingsFile.FindingReader reader;
      private boolean readingResolved;
      private JsonNode next;
      private String nextCase;
      private long resolvedLeft = resolvedShown;
      private boolean first = true;

      @Override
      public boolean hasNext() {
        try {
          while (next == null) {
            if (reader == null) {
              if (!files.hasNext()) {
                return false;
              }
              FindingsFile file = files.next();
              readingResolved = file == resolved;
              reader = file.open();
              opened.add(reader);
            }
            next = reader.next();
            if (next == null || (readingResolved && resolvedLeft == 0)) {
              next = null;
              reader.close();
              reader = null;
            } else if (readingResolved) {
              resolvedLeft--;
              nextCase = null;
            } else {
              nextCase = shown.get(next.path("finding_id").asText());
              if (nextCase == null) {
                next = null;
              }
            }
          }
          return true;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String separator = first ? "\n" : ",\n";
        first = false;
        String row = separator + row(next, readingResolved, nextCase);
        next = null;
        return row;
      }
    };
  }

  @Override
  public void close() throws IOException {
    for (FindingsFile.FindingReader reader : opened) {
      reader.close();
    }
  }
}
