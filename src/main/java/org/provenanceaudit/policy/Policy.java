package org.provenanceaudit.policy;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Severity;

/**
 * The tool registry and the knobs of the rules, as loaded from the policy file over the built-in
 * default. Immutable; shipped to every worker with the rules.
 */
public record Policy(
    String origin,
    SortedMap<String, ToolEntry> tools,
    List<String> ipWatchlist,
    Set<Operation> likenessOperations,
    Map<String, Severity> severity,
    Set<String> genaiDigitalSourceTypes,
    Set<String> genaiTextKeys,
    List<String> genaiSoftware)
    implements Serializable {

  public Optional<ToolEntry> tool(String toolId) {
    return Optional.ofNullable(tools.get(toolId));
  }

  /** A tool the registry marks GenAI, or one it does not know: unvetted tools count as GenAI. */
  public boolean isGenAiTool(String toolId) {
    ToolEntry entry = tools.get(toolId);
    return entry == null || entry.genai();
  }

  /** The severity a rule's finding gets: the policy's override, else the rule's own. */
  public Severity severityFor(String ruleCode, Severity ruleDefault) {
    return severity.getOrDefault(ruleCode, ruleDefault);
  }
}
