package org.provenanceaudit.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HOSTILE = "hostile-audit-with-baseline";
  private static final String NO_BASELINE = "audit-without-baseline";
  private static final String DATA_OPEN = "<script type=\"application/json\" id=\"findings-data\">";

  @TempDir
  Path dir;

  @Test
  void pageLoadsNothingFromOutsideItself() throws IOException {
    String page = render(HOSTILE, dir);

    assertFalse(page.toLowerCase().contains("http:"), "an http: reference");
    assertFalse(page.toLowerCase().contains("https:"), "an https: reference");
    String markup = page.replaceAll("(?s)<script[^>]*>.*?</script>", "<script></script>");
    Matcher reference = Pattern.compile("(?i)\\b(src|href|action|srcset|poster)\\s*=")
        .matcher(markup);
    assertFalse(reference.find(), "a src, href or action attribute");
    assertFalse(page.contains("<link"), "a linked resource");
    assertFalse(page.contains("url("), "a CSS url()");
    assertFalse(page.contains("@import"), "a CSS import");
    assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\""
        + "default-src &#39;none&#39;; script-src &#39;sha256-"), page.substring(0, 400));
  }

  @Test
  void hostileStringsAppearOnlyEscapedInTheHtml() throws IOException {
    String page = render(HOSTILE, dir);
    String html = page.substring(0, page.indexOf(DATA_OPEN));

    for (String raw : List.of("<script>alert", "<img", "<svg onload", "<b>", "onerror=",
        "onload=", "\"><script")) {
      assertFalse(html.contains(raw), "raw markup " + raw + " in the HTML part");
    }
    // From summary.json: the policy path, a file name, a production and a vendor id.
    assertTrue(html.contains("policies/&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;.yaml"));
    assertTrue(html.contains("sample-data/&lt;img src&#61;x onerror&#61;alert(4)&gt;.csv"));
    assertTrue(html.contains("P-&lt;svg onload&#61;alert(3)&gt;"));
    assertTrue(html.contains("V&amp;&#39;&quot;&lt;b&gt;bold&lt;/b&gt;"));
    assertEquals(3, count(page, "<script"), "the two data blocks and the page's script only");
    assertEquals(3, count(page, "</script"), "no string closed a script element");
  }

  @Test
  void dataBlockHoldsTheHostileStringsEscapedAndIntact() throws IOException {
    String page = render(HOSTILE, dir);
    String data = dataBlock(page);

    for (String character : List.of("<", ">", "&", "\u2028", "\u2029")) {
      assertFalse(data.contains(character), "unescaped " + character + " in the data block");
    }
    JsonNode embedded = MAPPER.readTree(data);
    List<JsonNode> expected = new ArrayList<>(lines(fixture(HOSTILE).resolve("findings.jsonl")));
    List<JsonNode> resolved = lines(fixture(HOSTILE).resolve("resolved.jsonl"));
    expected.addAll(resolved);
    Map<String, String> caseOf = new HashMap<>();
    for (JsonNode c : lines(fixture(HOSTILE).resolve("cases.jsonl"))) {
      c.path("example_finding_ids").forEach(id -> caseOf.put(id.asText(), c.path("case_id").asText()));
    }
    assertEquals(expected.size(), embedded.path("rows").size());
    List<String> columns = new ArrayList<>();
    embedded.path("columns").forEach(c -> columns.add(c.asText()));
    for (int i = 0; i < expected.size(); i++) {
      JsonNode row = embedded.path("rows").get(i);
      for (int c = 0; c < columns.size(); c++) {
        String column = columns.get(c);
        boolean isResolved = i >= expected.size() - resolved.size();
        JsonNode want = column.equals("change") && isResolved
            ? MAPPER.getNodeFactory().textNode("resolved")
            : column.equals("case_id")
                ? (isResolved ? MAPPER.getNodeFactory().nullNode()
                    : MAPPER.getNodeFactory().textNode(caseOf.get(expected.get(i).path("finding_id").asText())))
                : expected.get(i).get(column);
        assertEquals(want, row.get(c), "row " + i + " column " + column);
      }
    }
    assertTrue(embedded.toString().contains("</script><script>alert(2)</script>"),
        "the hostile evidence survives, as data");
    assertTrue(embedded.toString().contains("\u2028"), "the line separator survives, as data");

    String casesOpen = "<script type=\"application/json\" id=\"cases-data\">";
    int start = page.indexOf(casesOpen) + casesOpen.length();
    String cases = page.substring(start, page.indexOf("</script>", start));
    for (String character : List.of("<", ">", "&")) {
      assertFalse(cases.contains(character), "unescaped " + character + " in the cases block");
    }
    JsonNode casesData = MAPPER.readTree(cases);
    assertEquals(lines(fixture(HOSTILE).resolve("cases.jsonl")).size(), casesData.path("rows").size());
    assertTrue(casesData.path("values").path("production_id").toString().contains("P-<svg onload=alert(3)>"),
        "the hostile production id survives, as data");
  }

  @Test
  void pageScriptNeverTurnsDataIntoMarkup() throws IOException {
    String script;
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.js")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
        "eval(", "Function(", ".src", "srcdoc", "setAttribute('on", "setAttribute('href")) {
      assertFalse(script.contains(sink), "the page script uses " + sink);
    }
    assertEquals(1, count(script, ".href ="), "one link, to a fragment of this page");
    assertTrue(script.contains("link.href = '#' +"));
  }

  @Test
  void totalsShownEqualTheSummary() throws IOException {
    String page = render(HOSTILE, dir);
    JsonNode summary = MAPPER.readTree(fixture(HOSTILE).resolve("summary.json").toFile());

    assertEquals(summary.at("/findings/total").asText(), shown(page, "total-findings"));
    for (String severity : FindingColumns.SEVERITIES) {
      assertEquals(summary.at("/findings/by_severity/" + severity).asText(),
          shown(page, "total-" + severity), severity);
    }
    for (String change : List.of("new", "persisting", "resolved")) {
      assertEquals(summary.at("/changes/" + change).asText(), shown(page, "changes-" + change));
    }
    assertEquals(summary.at("/findings/total").asText(), shown(page, "row-count"));
    summary.at("/findings/by_rule").fields().forEachRemaining(rule -> assertTrue(
        page.contains("data-key=\"" + rule.getKey() + "\" data-count=\""
            + rule.getValue().asText() + "\""), rule.getKey()));
    assertFalse(page.contains("id=\"warnings\""), "summary and findings agree");
  }

  @Test
  void reconciliationMarksTheInputWhoseRowsAreNotAccountedFor() throws IOException {
    String page = render(HOSTILE, dir);

    assertTrue(page.contains("<tr data-input=\"disclosures\" data-balanced=\"false\""));
    assertTrue(page.contains("NO: 12 read \u2260 10 accepted + 1 rejected"));
    for (String input : List.of("assets", "tool-events", "consents", "productions")) {
      assertTrue(page.contains("<tr data-input=\"" + input + "\" data-balanced=\"true\""), input);
    }
    assertTrue(page.contains("id=\"reconciliation-status\" data-balanced=\"false\""));
  }

  @Test
  void renderingTwiceGivesTheSameBytes() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    render(HOSTILE, first);
    render(HOSTILE, second);

    assertArrayEquals(Files.readAllBytes(first.resolve("report.html")),
        Files.readAllBytes(second.resolve("report.html")));
  }

  @Test
  void auditWithoutBaselineShowsNoChangeCountsOrChangeFilter() throws IOException {
    String page = render(NO_BASELINE, dir);

    assertFalse(page.contains("id=\"changes-new\""));
    assertFalse(page.contains("id=\"filter-change\""));
    assertTrue(page.contains("<dd id=\"as-of\">not given (the audit ran without --asOf)</dd>"));
    assertTrue(page.contains("<dd id=\"policy\">built-in default</dd>"));
    assertEquals("2", shown(page, "total-findings"));
  }

  @Test
  void summaryThatDisagreesWithTheFindingsIsSaidOnThePage() throws IOException {
    copyFixture(HOSTILE, dir);
    ObjectNode summary = (ObjectNode) MAPPER.readTree(dir.resolve("summary.json").toFile());
    ((ObjectNode) summary.path("findings")).put("total", 9);
    ((ObjectNode) summary.path("findings").path("by_rule")).put("GENAI_UNDISCLOSED", 3);
    MAPPER.writeValue(dir.resolve("summary.json").toFile(), summary);

    HtmlReport.write(dir);
    String page = Files.readString(dir.resolve("report.html"));

    assertTrue(page.contains("id=\"warnings\""));
    assertTrue(page.contains("summary.json counts 9 findings but findings.jsonl holds 7."));
    assertTrue(page.contains("summary.json counts 3 findings for rule &quot;GENAI_UNDISCLOSED"
        + "&quot; but findings.jsonl holds 1."));
  }

  @Test
  void aLineThatIsNotJsonStopsTheReportAndNamesTheLine() throws IOException {
    copyFixture(NO_BASELINE, dir);
    Files.writeString(dir.resolve("findings.jsonl"), "{\"rule\":\"X\"}\n\n{not json\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    IOException error = assertThrows(IOException.class, () -> HtmlReport.write(dir));
    assertTrue(error.getMessage().contains("findings.jsonl line 5 is not valid JSON"),
        error.getMessage());
    assertFalse(Files.exists(dir.resolve("report.html")));
    assertFalse(Files.exists(dir.resolve("report.html.partial")));
  }

  @Test
  void hundredThousandFindingsGiveASmallPageWithEveryCaseAndTheFirstFindingsOfEach() throws IOException {
    int count = 100_000;
    SyntheticAudit.write(dir, count);
    List<JsonNode> cases = lines(dir.resolve("cases.jsonl"));
    assertEquals(9_200, cases.size(), "the synthetic audit's cases");

    HtmlReport.write(dir);

    Path report = dir.resolve("report.html");
    long size = Files.size(report);
    assertTrue(size < 6_000_000L, "page of " + size + " bytes");
    String page = Files.readString(report, StandardCharsets.UTF_8);
    Set<String> expectedShown = new HashSet<>();
    int left = HtmlReport.FINDINGS_SHOWN;
    for (JsonNode c : cases) {
      for (JsonNode id : c.path("example_finding_ids")) {
        if (left > 0) {
          expectedShown.add(id.asText());
          left--;
        }
      }
    }
    JsonNode data = MAPPER.readTree(dataBlock(page));
    Set<String> shownIds = new HashSet<>();
    long hostileRows = 0;
    for (JsonNode row : data.path("rows")) {
      shownIds.add(row.get(0).asText());
      if (row.toString().contains("</script><img")) {
        hostileRows++;
      }
    }
    assertEquals(expectedShown, shownIds, "the first five findings of the first cases, most severe first");
    assertEquals(HtmlReport.FINDINGS_SHOWN, shownIds.size());
    assertTrue(hostileRows > 0, "hostile rows are among those shown");
    String casesData = page.substring(page.indexOf("id=\"cases-data\">") + "id=\"cases-data\">".length(),
        page.indexOf("</script>", page.indexOf("id=\"cases-data\">")));
    assertEquals(cases.size(), MAPPER.readTree(casesData).path("rows").size(), "every case is on the page");
    assertEquals(String.valueOf(count), shown(page, "total-findings"));
    assertTrue(page.contains("This page shows " + HtmlReport.FINDINGS_SHOWN + " of the 100000 findings: the first 5 of each case, most severe cases"
        + " first, as far as the page has room. Every finding is in findings.jsonl and the CSV reports"), "the note");
    assertFalse(page.contains("id=\"warnings\""), "the cases count every finding");
    assertEquals(3, count(page, "<script"));
    assertTrue(page.endsWith("</html>\n"));
  }

  @Test
  void aMissingCasesFileStopsTheReportAndNamesIt() throws IOException {
    copyFixture(NO_BASELINE, dir);
    Files.delete(dir.resolve("cases.jsonl"));

    IOException error = assertThrows(IOException.class, () -> HtmlReport.write(dir));
    assertTrue(error.getMessage().contains("cases.jsonl is missing"), error.getMessage());
    assertFalse(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void productionsPastTheChartLimitAreSummedInANote() throws IOException {
    SyntheticAudit.write(dir, 1_000);

    HtmlReport.write(dir);
    String page = Files.readString(dir.resolve("report.html"));

    String chart = page.substring(page.indexOf("id=\"chart-production\""),
        page.indexOf("</figure>", page.indexOf("id=\"chart-production\"")));
    assertEquals(20, count(chart, "<g class=\"bar"));
    assertTrue(chart.contains("30 more productions with 600 findings in all are not drawn"),
        chart);
    assertEquals(SyntheticAudit.PRODUCTIONS,
        count(page.substring(page.indexOf("id=\"filter-production\"")), "<option value=\"PROD-"),
        "every production can still be filtered");
  }

  private static String render(String fixture, Path target) throws IOException {
    copyFixture(fixture, target);
    HtmlReport.write(target);
    return Files.readString(target.resolve("report.html"), StandardCharsets.UTF_8);
  }

  private static void copyFixture(String fixture, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(fixture(fixture))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, target.resolve(file.getFileName().toString()));
      }
    }
  }

  private static Path fixture(String name) {
    URL url = HtmlReportTest.class.getResource(name);
    assertNotNull(url, "fixture " + name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> lines(Path jsonl) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        nodes.add(MAPPER.readTree(line));
      }
    }
    return nodes;
  }

  private static String dataBlock(String page) {
    int start = page.indexOf(DATA_OPEN) + DATA_OPEN.length();
    return page.substring(start, page.indexOf("</script>", start));
  }

  private static String shown(String page, String id) {
    Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\">([^<]*)<").matcher(page);
    assertTrue(matcher.find(), "element " + id);
    return matcher.group(1);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
