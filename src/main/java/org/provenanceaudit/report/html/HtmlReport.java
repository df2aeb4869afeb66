package org.provenanceaudit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.provenanceaudit.report.ReportTasks;

/**
 * Writes report.html: one self-contained page for people, with the audit's totals, charts,
 * reconciliation, every case with its counts, and the first findings of each case (at most
 * {@link #FINDINGS_SHOWN} in all, so the page opens at any scale; every finding is in
 * findings.jsonl and the CSVs, and the page says how many it shows of how many). The page loads nothing from anywhere (its Content Security
 * Policy allows only its own inline style and script, by hash), every value from the inputs is
 * escaped, and the same inputs always give the same bytes.
 */
public final class HtmlReport {

  static final String FINDINGS = "findings.jsonl";
  static final String SUMMARY = "summary.json";
  static final String RESOLVED = "resolved.jsonl";
  public static final String REPORT = "report.html";

  /** How many findings of each case the page shows, at most: the first ones, as cases.jsonl lists them. */
  static final int SHOWN_PER_CASE = 5;
  /**
   * How many current findings the page carries at most: about 1.2 MB at some 400 bytes a
   * finding, beside the cases (about 60 bytes each, some 7 MB at scale 100's 120,000 cases), so
   * that the page stays under 10 MB at half a million findings.
   */
  static final int FINDINGS_SHOWN = 3_000;
  /** How many resolved findings the page carries at most, the first in resolved.jsonl. */
  static final int RESOLVED_SHOWN = 1_000;

  private static final String RESOURCES = "org/provenanceaudit/report/html/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HtmlReport() {}

  /**
   * Reads findings.jsonl, cases.jsonl and summary.json from outputDir (and resolved.jsonl if
   * present) and writes outputDir/report.html.
   *
   * @throws IOException when a file is missing or holds a line that is not a JSON object (the
   *     message names the file and line), or the page cannot be written; no page is left behind
   */
  public static void write(Path outputDir) throws IOException {
    JsonNode summary = MAPPER.readTree(outputDir.resolve(SUMMARY).toFile());
    if (summary == null || !summary.isObject()) {
      throw new IOException(outputDir.resolve(SUMMARY) + " is not a JSON object");
    }
    FindingsFile current = new FindingsFile(outputDir.resolve(FINDINGS));
    Path resolvedPath = outputDir.resolve(RESOLVED);
    FindingsFile resolved = Files.exists(resolvedPath) ? new FindingsFile(resolvedPath) : null;

    CasesFile cases = CasesFile.read(outputDir.resolve(CasesFile.FILE), SHOWN_PER_CASE, FINDINGS_SHOWN);
    // Two passes over the findings, side by side on two threads (each is mostly JSON parsing of the
    // whole file): one counts them for the filters and the consistency check, one picks out the
    // few thousand the page shows. Both finish, reading and validating every line, before the page
    // is begun, so a bad line stops the report before anything is written.
    ExecutorService reading = Executors.newSingleThreadExecutor(ReportTasks.daemonThreads("provenance-audit-report-reader"));
    List<String> rows;
    FindingsTally currentTally;
    FindingsTally resolvedTally;
    try {
      Future<FindingsTally> counted = reading.submit(() -> FindingsTally.of(current));
      try (EmbeddedFindings embedded = new EmbeddedFindings(current, resolved, cases.shownFindings(), RESOLVED_SHOWN)) {
        rows = new ArrayList<>();
        embedded.forEach(rows::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      currentTally = ReportTasks.result(counted, "reading " + FINDINGS);
      resolvedTally = resolved == null ? FindingsTally.empty() : FindingsTally.of(resolved);
    } finally {
      reading.shutdownNow();
    }

    String css = resource("report.css");
    String script = resource("report.js");
    String csp = "default-src 'none'; script-src '" + sha256(script) + "'; style-src '"
        + sha256(css) + "'; img-src 'none'; base-uri 'none'; form-action 'none'";

    Path target = outputDir.resolve(REPORT);
    Path partial = outputDir.resolve(REPORT + ".partial");
    try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      ReportPage page = ReportPage.of(summary, currentTally, resolvedTally, resolved != null,
          css, script, csp, rows, cases, new ReportPage.Shown(SHOWN_PER_CASE,
              cases.shownFindings().size(), Math.min(RESOLVED_SHOWN, resolvedTally.total())));
      template().execute(out, page);
    } catch (MustacheException | UncheckedIOException e) {
      Files.deleteIfExists(partial);
      throw asIOException(e);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Mustache template() {
    return new DefaultMustacheFactory(RESOURCES).compile("report.mustache");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlReport.class.getClassLoader()
        .getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The I/O failure behind a template failure, so callers see the file and line at fault. */
  private static IOException asIOException(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        return io;
      }
    }
    return new IOException("could not write " + REPORT, e);
  }
}
