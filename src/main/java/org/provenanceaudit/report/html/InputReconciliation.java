package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One input's row of the reconciliation table: what was read, accepted and rejected, and whether
 * every row read is accounted for (read = accepted + rejected).
 */
record InputReconciliation(String name, List<String> files, String read, String accepted,
    String rejected, boolean balanced, String status) {

  static InputReconciliation of(String name, JsonNode input) {
    List<String> files = new ArrayList<>();
    input.path("files").forEach(file -> files.add(file.asText()));
    JsonNode read = input.get("read");
    JsonNode accepted = input.get("accepted");
    JsonNode rejected = input.get("rejected");
    boolean complete = isCount(read) && isCount(accepted) && isCount(rejected);
    boolean balanced = complete
        && read.asLong() == accepted.asLong() + rejected.asLong();
    String status;
    if (!complete) {
      status = "cannot check: a count is missing";
    } else if (balanced) {
      status = "yes";
    } else {
      status = "NO: " + read.asLong() + " read \u2260 " + accepted.asLong() + " accepted + "
          + rejected.asLong() + " rejected";
    }
    return new InputReconciliation(name, files, text(read), text(accepted), text(rejected),
        balanced, status);
  }

  private static boolean isCount(JsonNode node) {
    return node != null && node.isIntegralNumber();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "\u2014" : node.asText();
  }
}
