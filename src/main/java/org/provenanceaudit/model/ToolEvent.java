package org.provenanceaudit.model;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * One use of a tool, as a GenAI gateway or a vendor's log exported it. {@code deployment} and
 * {@code dataRetention} are null when the log does not override the tool registry.
 */
public record ToolEvent(
    String eventId,
    Instant timestamp,
    String productionId,
    String vendorId,
    String toolId,
    Operation operation,
    String userId,
    String model,
    List<String> inputAssetIds,
    List<String> outputAssetIds,
    String prompt,
    Deployment deployment,
    DataRetention dataRetention,
    SourcePosition source) {

  public ToolEvent {
    inputAssetIds = List.copyOf(inputAssetIds);
    outputAssetIds = List.copyOf(outputAssetIds);
  }

  /** Inputs then outputs, each id once, in the order the log gave them. */
  public List<String> allAssetIds() {
    if (outputAssetIds.isEmpty() && inputAssetIds.size() < 2) {
      return inputAssetIds;
    }
    if (inputAssetIds.isEmpty() && outputAssetIds.size() < 2) {
      return outputAssetIds;
    }
    return Stream.concat(inputAssetIds.stream(), outputAssetIds.stream()).distinct().toList();
  }
}
