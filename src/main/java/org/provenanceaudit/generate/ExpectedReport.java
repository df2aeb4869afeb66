package org.provenanceaudit.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes expected.json: per input file the rows written and the malformed rows planted by kind,
 * per rule the violations planted (a lower bound for what the audit finds), and what else the
 * data set holds. Keys are written in a fixed order so the file is as reproducible as the data.
 */
final class ExpectedReport {

  private ExpectedReport() {}

  static final List<String> NOTES = List.of(
      "planted_at_least counts what the data holds by construction, following RULES.md; the audit may find"
          + " more where the rules interact or where it reads them more widely.",
      "Malformed rows are extra rows with fresh ids (or, for duplicate_id, a copy of the row before): no"
          + " planted violation depends on them, and a strict reader rejects each for exactly one reason.",
      "Approvals count only with an approval_ref. A generated asset is approved for what the covering"
          + " disclosures of the GenAI event(s) that output it approve; assets derived from generated ones"
          + " have no approvals.",
      "An unregistered tool with no deployment override has effective deployment unknown and is counted"
          + " under TOOL_NOT_ENTERPRISE.",
      "Dates in windows are inclusive; no event falls on a window's boundary day. An event stamped with a"
          + " plain date happens at that day's start, UTC.",
      "Disclosures used as fillers have windows that close before their production starts: they cover nothing.",
      "Assets name a file_path and sha256 but no media files are written: run the audit without --assetsRoot."
          + " PROVENANCE_UNLOGGED, MEDIA_TYPE_MISMATCH and ASSET_FILE_MISSING are not planted.");

  /**
   * Tool events split between contract files and trace files: the input's counts are their sums,
   * and {@code files} names them all ({@code file} stays the first, for readers of one file).
   */
  private static void addSecondFile(ObjectNode input, TableWriter writer) {
    ArrayNode files = input.has("files") ? (ArrayNode) input.get("files") : input.putArray("files").add(input.get("file").asText());
    writer.fileNames().forEach(files::add);
    input.put("rows", input.get("rows").asLong() + writer.rows());
    input.put("valid_rows", input.get("valid_rows").asLong() + writer.rows() - writer.malformed());
    input.put("malformed_rows", input.get("malformed_rows").asLong() + writer.malformed());
    ObjectNode byKind = (ObjectNode) input.get("malformed_by_kind");
    for (Defect defect : writer.defects()) {
      byKind.put(defect.key(), byKind.path(defect.key()).asLong() + writer.planted().getOrDefault(defect, 0L));
    }
  }

  static void write(Path file, GeneratorSettings settings, List<TableWriter> writers, PlantedViolations violations,
      DatasetGenerator.Totals totals) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("generator", "provenance-audit scripts/generate");
    root.put("seed", settings.seed());
    root.put("scale", settings.scale());
    root.put("format", settings.format().label());
    root.put("malformed_rate", settings.malformedRate());
    root.put("policy", "policy.yaml");

    ObjectNode inputs = root.putObject("inputs");
    for (TableWriter writer : writers) {
      if (inputs.has(writer.table().baseName())) {
        addSecondFile((ObjectNode) inputs.get(writer.table().baseName()), writer);
        continue;
      }
      ObjectNode input = inputs.putObject(writer.table().baseName());
      input.put("file", writer.fileName());
      input.put("rows", writer.rows());
      input.put("valid_rows", writer.rows() - writer.malformed());
      input.put("malformed_rows", writer.malformed());
      ObjectNode byKind = input.putObject("malformed_by_kind");
      for (Defect defect : writer.defects()) {
        byKind.put(defect.key(), writer.planted().getOrDefault(defect, 0L));
      }
      if (writer.fileNames().size() > 1) {
        ArrayNode files = input.putArray("files");
        writer.fileNames().forEach(files::add);
      }
    }

    ObjectNode rules = root.putObject("rules");
    for (PlantedViolations.Rule rule : PlantedViolations.Rule.values()) {
      ObjectNode node = rules.putObject(rule.name());
      node.put("planted_at_least", violations.count(rule));
      node.put("subject", rule.subject);
      node.put("planted_as", rule.planted);
    }
    root.putArray("not_planted").add("PROVENANCE_UNLOGGED").add("MEDIA_TYPE_MISMATCH").add("ASSET_FILE_MISSING");

    ObjectNode dataset = root.putObject("dataset");
    dataset.put("productions", totals.productions());
    dataset.put("nonfiction_productions", totals.nonfiction());
    dataset.put("vendors", totals.vendors());
    dataset.put("performers", totals.performers());
    dataset.put("genai_events", violations.genaiEvents);
    dataset.put("events_without_assets", violations.eventsWithoutAssets);
    dataset.put("generated_assets", violations.generatedAssets);
    dataset.put("derived_from_generated_assets", violations.derivedAssets);
    dataset.put("deep_lineage_chains", totals.deepChains());
    dataset.put("lineage_cycles", totals.cycles());
    dataset.put("parents_not_in_inventory", totals.danglingParents());

    ObjectNode tools = dataset.putObject("unregistered_tools");
    for (ToolCatalog.Tool tool : ToolCatalog.TOOLS) {
      if (!tool.registered()) {
        tools.put(tool.id(), "used in tool events, absent from policy.yaml");
      }
    }
    var notes = root.putArray("notes");
    NOTES.forEach(notes::add);
    mapper.writeValue(file.toFile(), root);
  }
}
