package org.provenanceaudit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.ToolEvent;

/**
 * Rows the audit would otherwise have to guess at (issue 15, classes 5 and 6): a name given twice,
 * a number where text is due, an id holding a character that hides or reorders text. Each is
 * rejected naming the field; free text keeps such characters.
 */
class AmbiguousRowsTest {

  private static final String EVENT =
      "\"event_id\":\"E-1\",\"timestamp\":\"2026-03-02T10:00:00Z\",\"production_id\":\"P-1\",\"vendor_id\":\"V-1\",\"operation\":\"generate\"";

  private record Read<T>(List<T> rows, List<RejectedRow> rejected) {
    String onlyReason() {
      assertEquals(1, rejected.size(), () -> "rejected: " + rejected);
      return rejected.get(0).reason();
    }
  }

  private static <T> Read<T> read(InputKind kind, Class<T> type, String name, String text) throws MissingColumnException {
    Map<String, byte[]> files = Map.of(name, text.getBytes(StandardCharsets.UTF_8));
    InputReader<T> reader = new InputReader<>(kind, type, file -> new ByteArrayInputStream(files.get(file)));
    Read<T> read = new Read<>(new ArrayList<>(), new ArrayList<>());
    reader.readAll(List.of(name), read.rows::add, read.rejected::add);
    return read;
  }

  private static Read<ToolEvent> events(String line) throws MissingColumnException {
    return read(InputKind.TOOL_EVENTS, ToolEvent.class, "tool-events.jsonl", line + "\n");
  }

  @Test
  void aJsonKeyGivenTwiceRejectsTheRowInsteadOfKeepingTheLastValue() throws Exception {
    Read<ToolEvent> read = events("{" + EVENT + ",\"tool_id\":\"imagegen-free\",\"tool_id\":\"grade-pro\"}");
    assertEquals(List.of(), read.rows());
    assertEquals("broken JSON: Duplicate field 'tool_id'", read.onlyReason());
  }

  @Test
  void aNameGivenTwiceExactlyAnywhereInTheLineIsBrokenJson() throws Exception {
    // after a second spelling of the same name
    assertEquals("broken JSON: Duplicate field 'Tool_ID'",
        events("{" + EVENT + ",\"tool_id\":\"a\",\"Tool_ID\":\"b\",\"Tool_ID\":\"c\"}").onlyReason());
    // inside an object given where text is due, and inside an object in a list
    assertEquals("broken JSON: Duplicate field 'x'",
        events("{" + EVENT + ",\"tool_id\":{\"x\":1,\"x\":2}}").onlyReason());
    assertEquals("broken JSON: Duplicate field 'x'",
        events("{" + EVENT + ",\"tool_id\":\"t\",\"input_asset_ids\":[{\"x\":1,\"x\":2}]}").onlyReason());
    // inside a line that is not an object
    assertEquals("broken JSON: Duplicate field 'x'", events("[{\"x\":1,\"x\":2}]").onlyReason());
  }

  @Test
  void aJsonKeyGivenTwiceInDifferentCaseRejectsTheRow() throws Exception {
    Read<ToolEvent> read = events("{" + EVENT + ",\"tool_id\":\"imagegen-free\",\"Tool_ID\":\"grade-pro\"}");
    assertEquals(List.of(), read.rows());
    assertEquals(
        "field tool_id is given twice, as \"tool_id\" and \"Tool_ID\" (names match in any case)", read.onlyReason());
  }

  @Test
  void aLineBrokenAfterANameGivenTwiceInDifferentCaseIsReportedAsBrokenJson() throws Exception {
    // The whole object is read before the names are compared, so the syntax error, which a person
    // must fix first, is the reason given.
    Read<ToolEvent> read = events("{" + EVENT + ",\"tool_id\":\"imagegen-free\",\"Tool_ID\":\"grade-pro\",\"model\":}");
    assertEquals(List.of(), read.rows());
    assertTrue(read.onlyReason().startsWith("broken JSON: Unexpected character ('}'"), read.onlyReason());
  }

  @Test
  void aJsonLineHoldingAnythingButOneObjectIsRejected() throws Exception {
    assertEquals("broken JSON: a line must hold one JSON object", events("[{" + EVENT + "}]").onlyReason());
    assertEquals("broken JSON: a line must hold one JSON object", events("null").onlyReason());
    assertEquals("broken JSON: a line must hold one JSON object", events("\"E-1\"").onlyReason());
    assertTrue(events("[{" + EVENT + "}").onlyReason().startsWith("broken JSON: Unexpected end-of-input"));
  }

  @Test
  void timestampsOfTheCommonShapeAreCheckedAsStrictlyAsAnyOther() throws Exception {
    String event = EVENT.replace(",\"timestamp\":\"2026-03-02T10:00:00Z\"", "") + ",\"tool_id\":\"t\"";
    assertEquals(
        java.time.Instant.parse("2024-02-29T23:59:59Z"),
        events("{" + event + ",\"timestamp\":\"2024-02-29T23:59:59Z\"}").rows().get(0).timestamp());
    // ISO-8601 as java.time reads it: a lower-case z is UTC too, whichever path reads it.
    assertEquals(
        java.time.Instant.parse("2026-03-02T10:00:00Z"),
        events("{" + event + ",\"timestamp\":\"2026-03-02T10:00:00z\"}").rows().get(0).timestamp());
    for (String impossible : List.of("2025-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-02T24:00:00Z",
        "2026-03-02T10:60:00Z", "2026-03-02T10:00:60Z", "2026-03-0\u0663T10:00:00Z")) {
      Read<ToolEvent> read = events("{" + event + ",\"timestamp\":\"" + impossible + "\"}");
      assertEquals(List.of(), read.rows(), impossible);
      assertTrue(read.onlyReason().startsWith("invalid timestamp timestamp="), read.onlyReason());
    }
  }

  @Test
  void aJsonNumberWhereTextIsDueRejectsTheRowNamingTheField() throws Exception {
    Read<ToolEvent> read = events("{\"event_id\":1e999999," + EVENT.substring(EVENT.indexOf(',') + 1) + ",\"tool_id\":\"t\"}");
    assertEquals(List.of(), read.rows());
    assertEquals("field event_id must be a JSON string, not a number (Infinity)", read.onlyReason());
  }

  @Test
  void booleansObjectsAndNumbersInListsAreRejectedNamingTheField() throws Exception {
    assertEquals(
        "field tool_id must be a JSON string, not a boolean", events("{" + EVENT + ",\"tool_id\":true}").onlyReason());
    assertEquals(
        "field tool_id must be a JSON string, not an object", events("{" + EVENT + ",\"tool_id\":{\"a\":\"b\"}}").onlyReason());
    assertEquals(
        "field output_asset_ids must be an array of strings, not one holding a number (7)",
        events("{" + EVENT + ",\"tool_id\":\"t\",\"output_asset_ids\":[\"A-1\",7]}").onlyReason());
    assertEquals(
        "field output_asset_ids must be an array of strings or a string, not a number (7)",
        events("{" + EVENT + ",\"tool_id\":\"t\",\"output_asset_ids\":7}").onlyReason());
  }

  @Test
  void aJsonBooleanFieldTakesAJsonBooleanOrTheContractsStringsButNotANumber() throws Exception {
    String production = "{\"production_id\":\"P-1\",\"nonfiction\":";
    Read<Production> read =
        read(InputKind.PRODUCTIONS, Production.class, "productions.jsonl",
            production + "true}\n" + production.replace("P-1", "P-2") + "\"yes\"}\n" + production.replace("P-1", "P-3") + "1}\n");
    assertEquals(List.of(true, true), read.rows().stream().map(Production::nonfiction).toList());
    assertEquals("field nonfiction must be a JSON boolean or string, not a number (1)", read.onlyReason());
  }

  @Test
  void aCsvHeaderNamingAColumnTwiceInAnyCaseIsAConfigurationError() {
    MissingColumnException e =
        assertThrows(
            MissingColumnException.class,
            () -> read(InputKind.ASSETS, Asset.class, "assets.csv",
                "asset_id,production_id,vendor_id,deliverable_status,Asset_ID\nA-1,P-1,V-1,final,A-2\n"));
    assertEquals(
        "assets.csv: the header names the column asset_id twice (columns 1 and 5, names match in any case):"
            + " which one holds the values is a guess; remove or rename one",
        e.getMessage());
  }

  @Test
  void anIdHoldingABidiOverrideOrAZeroWidthJoinerIsRejectedNamingFieldAndCodePoint() throws Exception {
    String header = "asset_id,production_id,vendor_id,deliverable_status,derived_from\n";
    Read<Asset> read =
        read(InputKind.ASSETS, Asset.class, "assets.csv",
            header + "E\u202eFDP.exe,P-1,V-1,final,\n" + "A-2,P-1,V-1,final,E\u200d-1001\n" + "A-3,P\u0000-1,V-1,final,\n"
                + "A-4,P-1,V\u00a0X,final,\n" + "A-5,P-1,V-1,fin\ufeffal,\n" + "A-6,P-1,V-1,final,A-1\n");
    assertEquals(List.of("A-6"), read.rows().stream().map(Asset::assetId).toList());
    assertEquals(
        List.of(
            "asset_id holds U+202E RIGHT-TO-LEFT OVERRIDE",
            "derived_from holds U+200D ZERO WIDTH JOINER",
            "production_id holds U+0000 NULL",
            "vendor_id holds U+00A0 NO-BREAK SPACE",
            "deliverable_status holds U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        read.rejected().stream().map(RejectedRow::reason).toList());
  }

  @Test
  void freeTextKeepsHiddenCharactersExactly() throws Exception {
    Read<ToolEvent> read = events("{" + EVENT + ",\"tool_id\":\"t\",\"prompt\":\"a \\u202eb\\u200dc\",\"model\":\"m\\u00a0\"}");
    assertEquals(List.of(), read.rejected());
    assertEquals("a \u202eb\u200dc", read.rows().get(0).prompt());
    assertTrue(read.rows().get(0).model().endsWith("\u00a0"));
  }

  @Test
  void hiddenCharactersAreShownAsMarkersLeavingLayoutAlone() {
    assertEquals("E<U+202E>FDP.exe", HiddenCharacters.visible("E\u202eFDP.exe"));
    assertEquals("line\none\tand <U+2028> <U+DC00>", HiddenCharacters.visible("line\none\tand \u2028 \udc00"));
    assertEquals("plain text", HiddenCharacters.visible("plain text"));
  }
}
