package org.provenanceaudit.rules;

import java.time.Instant;
import java.util.List;
import org.provenanceaudit.model.ToolEvent;

/** Phrases the evidence sentences share, so every finding names things the same way. */
final class Describe {

  private Describe() {}

  static String event(ToolEvent e) {
    return "Event " + e.eventId() + " (" + e.timestamp() + ", vendor " + e.vendorId() + ") ran tool " + e.toolId()
        + " for " + e.operation().wireName();
  }

  static String ids(List<String> ids) {
    return String.join(", ", ids);
  }

  /** {@code A-9 ← A-4 ← A-1}: an asset and the chain of parents it derives from. */
  static String lineage(List<String> path) {
    return String.join(" ← ", path);
  }

  static String time(Instant instant) {
    return instant == null ? "open" : instant.toString();
  }
}
