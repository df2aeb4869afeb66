package org.provenanceaudit.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.OtlpAttributes;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.ToolEvent;

/** Mapped files read into the same records the contract gives, with each record's own first line. */
class MappedFileReaderTest {

  @TempDir Path dir;

  /** shows.csv: productions, "|"-delimited, with a header row. */
  private static final String PIPE_DELIMITED_SHOWS =
      """
      sources:
        - files: shows.csv
          input: productions
          dialect: {delimiter: "|"}
          fields:
            production_id: Code
            title: Title
            nonfiction: Doc
      """;

  private <T> List<Object> read(InputKind kind, Class<T> type, String mapping, String file) throws Exception {
    Files.writeString(dir.resolve("mapping.yaml"), mapping);
    MappedInputs mapped = MappedInputs.resolve(MappingLoader.load(dir.resolve("mapping.yaml")), dir, Path::toString);
    List<Object> out = new ArrayList<>();
    new InputReader<>(kind, type, name -> Files.newInputStream(Path.of(name)),
        new SourceFormats(List.of(), OtlpAttributes.DEFAULTS, mapped))
        .readAll(List.of(dir.resolve(file).toString()), out::add, out::add);
    return out;
  }

  /** {@code text} written as shows.csv and read as productions through {@link #PIPE_DELIMITED_SHOWS}. */
  private List<Object> readShows(String text) throws Exception {
    Files.writeString(dir.resolve("shows.csv"), text);
    return read(InputKind.PRODUCTIONS, Production.class, PIPE_DELIMITED_SHOWS, "shows.csv");
  }

  @Test
  void jsonLinesMembersAreReadByPathAndEpochSecondsBecomeInstants() throws Exception {
    Files.writeString(
        dir.resolve("usage.jsonl"),
        """
        {"id": "r1", "ts": 1772442000, "org": {"project": "P-1"}, "usage": {"tool": "Firefly Image 3", "task": "t2i"}, "outputs": ["A-1", "A-2"]}

        {"id": "r2", "ts": 1772442000.5, "org": {"project": "P-1"}, "usage": {"tool": "Unknown Tool", "task": "t2i"}}
        """);
    List<Object> rows =
        read(
            InputKind.TOOL_EVENTS,
            ToolEvent.class,
            """
            sources:
              - files: usage.jsonl
                input: tool-events
                fields:
                  event_id: $.id
                  timestamp: {json: ts, format: epoch_seconds}
                  production_id: org.project
                  vendor_id: {value: V-1}
                  tool_id: {json: $.usage.tool, values: {"Firefly Image 3": firefly-ent}}
                  operation: {json: usage.task, values: {t2i: generate}}
                  output_asset_ids: outputs
            """,
            "usage.jsonl");
    ToolEvent event = (ToolEvent) rows.get(0);
    assertEquals("2026-03-02T09:00:00Z", event.timestamp().toString());
    assertEquals("firefly-ent", event.toolId());
    assertEquals(List.of("A-1", "A-2"), event.outputAssetIds());
    RejectedRow rejected = (RejectedRow) rows.get(1);
    assertEquals(3, rejected.line());
    assertEquals(
        "$.usage.tool (→ tool_id): \"Unknown Tool\" is not in the value map (mapped: firefly image 3)", rejected.reason());
  }

  @Test
  void aRecordAfterAQuotedLineBreakIsReportedAtItsOwnFirstLine() throws Exception {
    List<Object> rows = readShows("Code|Title|Doc\nP-1|\"Two\nlines\"|Yes\nP-2|Plain|Maybe\n");
    assertEquals("Two\nlines", ((Production) rows.get(0)).title());
    RejectedRow rejected = (RejectedRow) rows.get(1);
    assertEquals(4, rejected.line());
    assertEquals("P-2|Plain|Maybe", rejected.rawText());
  }

  @Test
  void aDuplicateRecordIsShownAsWrittenInItsDialectWithTheDelimiterInACellQuoted() throws Exception {
    List<Object> rows = readShows("Code|Title|Doc\nP-1|A|Yes\nP-1|\"B|C\"|No\n");
    assertEquals(2, rows.size());
    RejectedRow duplicate = (RejectedRow) rows.get(1);
    assertEquals(3, duplicate.line());
    assertEquals("P-1|\"B|C\"|No", duplicate.rawText());
  }

  @Test
  void aHeaderlessWindows1252FileIsReadByPosition() throws Exception {
    Files.write(dir.resolve("shows.csv"), "P-1;Caf\u00e9 Stories;1\n".getBytes(Charset.forName("windows-1252")));
    List<Object> rows =
        read(
            InputKind.PRODUCTIONS,
            Production.class,
            """
            sources:
              - files: shows.csv
                input: productions
                dialect: {delimiter: ";", encoding: windows-1252, header: false}
                fields:
                  production_id: {column: 1}
                  title: {column: 2}
                  nonfiction: {column: 3}
            """,
            "shows.csv");
    Production production = (Production) rows.get(0);
    assertEquals("Caf\u00e9 Stories", production.title());
    assertEquals(true, production.nonfiction());
  }

  @Test
  void aFolderCaptureGivesEachFileItsProduction() throws IOException, MappingException {
    Files.createDirectories(dir.resolve("exports/P-7"));
    Files.writeString(dir.resolve("exports/P-7/assets.csv"), "Name,Status\nv1,Final\n");
    Files.writeString(
        dir.resolve("mapping.yaml"),
        """
        sources:
          - files: exports/{production_id}/assets.csv
            input: assets
            fields:
              asset_id: Name
              production_id: {from_path: production_id}
              vendor_id: {value: V-1}
              deliverable_status: {column: Status, values: {Final: final}}
        """);
    MappedInputs mapped = MappedInputs.resolve(MappingLoader.load(dir.resolve("mapping.yaml")), dir, Path::toString);
    assertEquals(
        java.util.Map.of("production_id", "P-7"), mapped.of(dir.resolve("exports/P-7/assets.csv").toString()).orElseThrow().captures());
  }
}
