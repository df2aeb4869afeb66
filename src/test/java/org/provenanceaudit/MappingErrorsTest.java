package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.AuditCommandEndToEndTest.Result;

/**
 * Every kind of mistake in a mapping file stops the job before it starts (status 2) with one line
 * naming the mapping file, the source and the key, and no output folder is written.
 */
class MappingErrorsTest {

  @TempDir Path work;

  private static final String SHOTGRID_FIELDS =
      """
          fields:
            asset_id: Version Name
            production_id: {value: P-SERIES}
            vendor_id: {value: V-VFX-NORTH}
            deliverable_status: {column: Status, values: {Final: final, "In Progress": working, Temp: temp}}
      """;

  /** The shotgrid sample's contract files and export, with {@code mapping} as its mapping.yaml. */
  private Path input(String mapping) throws IOException {
    Path input = Files.createDirectories(work.resolve("input"));
    try (Stream<Path> files = Files.list(Path.of("sample-data", "mapped", "shotgrid"))) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals("mapping.yaml")).toList()) {
        Files.copy(file, input.resolve(file.getFileName()));
      }
    }
    Files.writeString(input.resolve("mapping.yaml"), mapping);
    return input;
  }

  private void assertStops(String mapping, String message) throws IOException {
    Path input = input(mapping);
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals("provenance-audit: " + input.resolve("mapping.yaml") + ": " + message + "\n", run.err());
    assertFalse(Files.exists(output));
  }

  private static String source(String head, String fields) {
    return "sources:\n  - files: shotgrid-versions.csv\n" + head + fields;
  }

  @Test
  void anUnknownContractFieldIsNamedWithTheFieldsOfItsInput() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS + "      artist: Artist\n"),
        "source 1 (shotgrid-versions.csv): fields.artist: unknown field of assets (its fields: asset_id, production_id, vendor_id,"
            + " deliverable_status, media_type, file_path, sha256, created_at, derived_from, talent_ids, ip_refs, personal_data,"
            + " union_covered, content_role, ai_labeled)");
  }

  @Test
  void aFifoOrABrokenLinkTheGlobMatchesStopsTheJobInsteadOfBlockingOrVanishing() throws Exception {
    Path input = input(source("    input: assets\n", SHOTGRID_FIELDS).replace("files: shotgrid-versions.csv", "files: \"exports/*.csv\""));
    Path exports = Files.createDirectories(input.resolve("exports"));
    Files.copy(input.resolve("shotgrid-versions.csv"), exports.resolve("a.csv"));
    Files.createSymbolicLink(exports.resolve("b.csv"), work.resolve("unmounted-share/b.csv"));
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals("provenance-audit: " + input.resolve("mapping.yaml") + ": source 1 (exports/*.csv): files: "
        + exports.resolve("b.csv") + " is a link to a missing file (every matched input must be a readable regular file)\n", run.err());
    assertFalse(Files.exists(output));

    Files.delete(exports.resolve("b.csv"));
    new ProcessBuilder("mkfifo", exports.resolve("c.csv").toString()).start().waitFor();
    run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(true, run.err().contains(exports.resolve("c.csv") + " is a FIFO"), run.err());
  }

  @Test
  void anUnknownInputKindIsNamed() throws IOException {
    assertStops(
        source("    input: versions\n", SHOTGRID_FIELDS),
        "source 1 (shotgrid-versions.csv): input: unknown input \"versions\" (known inputs: assets, tool-events, disclosures, consents, productions)");
  }

  @Test
  void aRequiredFieldLeftUnmappedIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS.replace("      vendor_id: {value: V-VFX-NORTH}\n", "")),
        "source 1 (shotgrid-versions.csv): fields.vendor_id: required field of assets left unmapped");
  }

  @Test
  void aTimePatternThatIsNoPatternIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS + "      created_at: {column: Created At, format: \"MM/dd/yyyy {HH\"}\n"),
        "source 1 (shotgrid-versions.csv): fields.created_at.format: not a date-time pattern: \"MM/dd/yyyy {HH\""
            + " (Pattern includes reserved character: '{')");
  }

  @Test
  void aLocalTimeWithoutAZoneIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS + "      created_at: {column: Created At, format: MM/dd/yyyy HH:mm}\n"),
        "source 1 (shotgrid-versions.csv): fields.created_at.format: the pattern \"MM/dd/yyyy HH:mm\" has a time of day but no offset:"
            + " give zone (e.g. zone: America/Los_Angeles) so its local times name instants");
  }

  @Test
  void anUnknownZoneIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS + "      created_at: {column: Created At, format: MM/dd/yyyy HH:mm, zone: Hollywood}\n"),
        "source 1 (shotgrid-versions.csv): fields.created_at.zone: unknown time zone \"Hollywood\""
            + " (expected an IANA zone such as America/Los_Angeles, or an offset such as +01:00)");
  }

  @Test
  void anUnsupportedEncodingIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n    dialect: {encoding: EBCDIC}\n", SHOTGRID_FIELDS),
        "source 1 (shotgrid-versions.csv): dialect.encoding: unsupported encoding \"EBCDIC\" (expected UTF-8, UTF-16, UTF-16LE, UTF-16BE, windows-1252)");
  }

  @Test
  void anEncodingTheBytesContradictIsNamed() throws IOException {
    Path input = input(source("    input: assets\n    dialect: {encoding: UTF-16}\n", SHOTGRID_FIELDS));
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(
        "provenance-audit: " + input.resolve("mapping.yaml") + ": source 1 (shotgrid-versions.csv): dialect.encoding: "
            + input.resolve("shotgrid-versions.csv") + " is not UTF-16 (no byte order mark, no NUL bytes), not UTF-16:"
            + " declare the encoding it is written in\n",
        run.err());
  }

  @Test
  void anUnsupportedDelimiterIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n    dialect: {delimiter: \"::\"}\n", SHOTGRID_FIELDS),
        "source 1 (shotgrid-versions.csv): dialect.delimiter: unsupported delimiter \"::\" (expected \",\", \";\", \"|\" or tab)");
  }

  @Test
  void aGlobMatchingNothingIsNamed() throws IOException {
    Path input = input("sources:\n  - files: exports/*/versions.csv\n    input: assets\n" + SHOTGRID_FIELDS);
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(
        "provenance-audit: " + input.resolve("mapping.yaml") + ": source 1 (exports/*/versions.csv): files: matched no file under "
            + input.toAbsolutePath() + "\n",
        run.err());
  }

  @Test
  void aColumnTheHeaderLacksIsNamedWithTheHeadersColumns() throws IOException {
    Path input = input(source("    input: assets\n", SHOTGRID_FIELDS.replace("Version Name", "Version")));
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(
        "provenance-audit: " + input.resolve("mapping.yaml") + ": source 1 (shotgrid-versions.csv): fields.asset_id.column: \"Version\" is not a column of "
            + input.resolve("shotgrid-versions.csv")
            + " (its columns: Version Name, Project, Entity, Status, Artist, Path to Frames, Created At, Tags, Talent)\n",
        run.err());
  }

  @Test
  void aSemicolonExportDeclaredWithCommasSaysWhichDelimiterItLooksLike() throws IOException {
    Path input = input(source("    input: assets\n", SHOTGRID_FIELDS));
    Path export = input.resolve("shotgrid-versions.csv");
    Files.writeString(export, Files.readString(export).replace(',', ';'), StandardCharsets.UTF_8);
    Path output = work.resolve("out");
    Result run = AuditCommandEndToEndTest.command(output, "--input=" + input, "--output=" + output, "--quiet=true");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(
        "provenance-audit: " + input.resolve("mapping.yaml") + ": source 1 (shotgrid-versions.csv): fields.asset_id.column: \"Version Name\" is not a column of "
            + export + " (its columns: Version Name;Project;Entity;Status;Artist;Path to Frames;Created At;Tags;Talent);"
            + " the header looks \";\"-delimited: set dialect.delimiter\n",
        run.err());
  }

  @Test
  void anUnknownKeyIsNamedWithTheKnownKeys() throws IOException {
    assertStops(
        source("    input: assets\n    sheet: Versions\n", SHOTGRID_FIELDS),
        "source 1 (shotgrid-versions.csv): sheet: unknown key (known keys: dialect, fields, files, format, input)");
  }

  @Test
  void aPathCaptureTheGlobLacksIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS.replace("production_id: {value: P-SERIES}", "production_id: {from_path: production_id}")),
        "source 1 (shotgrid-versions.csv): fields.production_id.from_path: the files glob has no {production_id} part");
  }

  @Test
  void anOtlpAttributeForAFieldToolEventsLackIsNamed() throws IOException {
    assertStops(
        source("    input: assets\n", SHOTGRID_FIELDS) + "otlp_attributes:\n  tool_id: studio.tool.id\n  asset_id: studio.asset\n",
        "otlp_attributes.asset_id: unknown field of tool-events (its fields: event_id, timestamp, production_id, vendor_id, tool_id,"
            + " operation, user_id, model, input_asset_ids, output_asset_ids, prompt, deployment, data_retention)");
  }
}
