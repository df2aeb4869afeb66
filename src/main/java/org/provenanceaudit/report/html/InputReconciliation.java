package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One input's row of the reconciliation table: what was read, accepted, rejected and skipped, and
 * whether every row read is accounted for (read = accepted + rejected + skipped), with one line per
 * source file giving its format and counts.
 */
record InputReconciliation(String name, List<String> files, String read, String accepted,
    String rejected, String skipped, List<Source> sources, boolean balanced, String status) {

  /** One source file of the input: its format as its reader named it, and its counts. */
  record Source(String file, String format, String read, String accepted, String rejected, String skipped) {}

  static InputReconciliation of(String name, JsonNode input) {
    List<String> files = new ArrayList<>();
    input.path("files").forEach(file -> files.add(file.asText()));
    List<Source> sources = new ArrayList<>();
    input.path("sources").forEach(source -> sources.add(new Source(source.path("file").asText(),
        source.path("format").asText(), text(source.get("read")), text(source.get("accepted")),
        text(source.get("rejected")), text(source.get("skipped")))));
    JsonNode read = input.get("read");
    JsonNode accepted = input.get("accepted");
    JsonNode rejected = input.get("rejected");
    JsonNode skipped = input.get("skipped");
    long skippedCount = isCount(skipped) ? skipped.asLong() : 0;
    boolean complete = isCount(read) && isCount(accepted) && isCount(rejected);
    boolean balanced = complete
        && read.asLong() == accepted.asLong() + rejected.asLong() + skippedCount;
    String status;
    if (!complete) {
      status = "cannot check: a count is missing";
    } else if (balanced) {
      status = "yes";
    } else {
      status = "NO: " + read.asLong() + " read \u2260 " + accepted.asLong() + " accepted + "
          + rejected.asLong() + " rejected + " + skippedCount + " skipped";
    }
    return new InputReconciliation(name, files, text(read), text(accepted), text(rejected),
        isCount(skipped) ? skipped.asText() : "0", sources, balanced, status);
  }

  private static boolean isCount(JsonNode node) {
    return node != null && node.isIntegralNumber();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "\u2014" : node.asText();
  }
}
