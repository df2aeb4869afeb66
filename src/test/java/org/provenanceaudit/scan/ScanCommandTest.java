package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsOneJsonLinePerFileInArgumentOrderWithThePathAsGiven(@TempDir Path dir) throws Exception {
    Path comfy = dir.resolve("gen.png");
    Files.write(comfy, CraftedBytes.png(CraftedBytes.tEXt("prompt", "{\"3\": {}}")));
    Path plain = dir.resolve("plain.bin");
    Files.write(plain, new byte[] {1, 2, 3});
    String missing = dir.resolve("missing.jpg").toString();
    String given = dir + "/./gen.png";

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = ScanCommand.run(new String[] {given, plain.toString(), missing},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

    assertEquals(0, status);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals(given, first.get("path").asText());
    assertTrue(first.get("genai").asBoolean());
    assertEquals(List.of("path", "media_type", "c2pa", "genai", "signals", "bytes_read", "error"),
        iterate(first.fieldNames()));
    assertEquals(plain.toString(), JSON.readTree(lines.get(1)).get("path").asText());
    JsonNode third = JSON.readTree(lines.get(2));
    assertTrue(third.get("error").asText().startsWith("I/O error: NoSuchFileException"));
  }

  @Test
  void noFilesIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ScanCommand.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertEquals("scan: no FILE given (see --help)\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsTheUsageAndScansNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = ScanCommand.run(new String[] {"a.png", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, status);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: scripts/scan [--help] [--trustAnchors=FILE] [--trustedSigners=FILE] [--asOf=DATE] [--] FILE..."));
  }

  @Test
  void aTrustAnchorsFileThatIsNotPemStopsBeforeScanningAndNamesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path roots = java.nio.file.Files.writeString(dir.resolve("roots.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ScanCommand.run(new String[] {"--trustAnchors=" + roots, "a.png"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("scan: --trustAnchors=" + roots + ": not a PEM bundle of X.509 certificates\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownOptionStopsBeforeScanningAndNamesTheNearestOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ScanCommand.run(new String[] {"a.png", "--hepl"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no record for a file named --hepl");
    assertEquals("scan: unknown option --hepl (the nearest known option is --help); to scan a file whose name starts with --, put -- before it\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void afterADoubleDashAnArgumentStartingWithDashesIsAFile(@TempDir Path dir) throws Exception {
    Path odd = Files.write(dir.resolve("--help"), new byte[] {1, 2, 3});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = ScanCommand.run(new String[] {"--", odd.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, status);
    JsonNode record = JSON.readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals(odd.toString(), record.get("path").asText());
    assertTrue(record.get("error").isNull(), record.toString());
  }

  @Test
  void recordJsonPutsTheAssetIdFirstAndSignalValuesBetweenKindAndGenai() {
    ScanRecord record = new ScanRecord("a.png", "image/png", false, true,
        List.of(new Signal("png-text", "generation_record", new java.util.LinkedHashMap<>(java.util.Map.of("key", "prompt")), true)),
        42, null);
    assertEquals("{\"asset_id\":\"A1\",\"path\":\"a.png\",\"media_type\":\"image/png\",\"c2pa\":false,\"genai\":true,"
        + "\"signals\":[{\"source\":\"png-text\",\"kind\":\"generation_record\",\"key\":\"prompt\",\"genai\":true}],"
        + "\"bytes_read\":42,\"error\":null}", record.toJson("A1"));
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
