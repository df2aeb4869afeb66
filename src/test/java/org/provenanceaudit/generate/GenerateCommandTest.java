package org.provenanceaudit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command as a user runs it: its arguments, its reproducibility, the sizes it writes. */
class GenerateCommandTest {

  @TempDir
  Path tmp;

  @Test
  void sameSeedAndScaleGiveIdenticalFiles() throws IOException {
    Map<String, String> first = hashes(generate("a", "--scale=0.05", "--seed=7"));
    Map<String, String> second = hashes(generate("b", "--scale=0.05", "--seed=7"));
    assertEquals(7, first.size(), "files written: " + first.keySet());
    assertEquals(first, second);
  }

  @Test
  void differentSeedsGiveDifferentData() throws IOException {
    Map<String, String> first = hashes(generate("a", "--scale=0.05", "--seed=7"));
    Map<String, String> second = hashes(generate("b", "--scale=0.05", "--seed=8"));
    for (String file : new String[] {"assets.csv", "tool-events.jsonl.gz", "disclosures.csv", "consents.csv"}) {
      assertNotEquals(first.get(file), second.get(file), file);
    }
    assertEquals(first.get("policy.yaml"), second.get("policy.yaml"), "the policy does not depend on the seed");
  }

  @ParameterizedTest
  @CsvSource({
      "0.05, 1, 500, 2000, 25, 15",
      "0.12, 2, 1200, 4800, 60, 36",
      "1, 20, 10000, 40000, 500, 300"})
  void rowCountsFollowTheScale(String scale, long productions, long assets, long events, long disclosures,
      long consents) throws IOException {
    Path out = generate("out", "--scale=" + scale);
    JsonNode inputs = new ObjectMapper().readTree(out.resolve("expected.json").toFile()).get("inputs");
    Map<String, Long> expected = Map.of("productions", productions, "assets", assets, "tool-events", events,
        "disclosures", disclosures, "consents", consents);
    for (Map.Entry<String, Long> input : expected.entrySet()) {
      JsonNode written = inputs.get(input.getKey());
      assertEquals(input.getValue(), written.get("rows").asLong(), input.getKey());
      StrictInputReader.Result read = StrictInputReader.read(input.getKey(), out.resolve(written.get("file").asText()));
      assertEquals(input.getValue(), read.rows(), input.getKey() + " rows in the file");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--scale=abc", "--scale=0", "--scale=-1", "--seed=1.5", "--format=xml", "--colour=red",
      "stray", "--malformed-rate=0.9"})
  void aBadArgumentExitsTwoWithOneLine(String bad) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = bad.startsWith("--scale") ? new String[] {bad, "--out=" + tmp}
        : new String[] {"--scale=0.01", "--out=" + tmp, bad};
    int status = GenerateCommand.run(args, new PrintStream(new ByteArrayOutputStream()), print(err));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, message);
    assertTrue(message.startsWith("generate: "), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void scaleAndOutAreRequired() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, GenerateCommand.run(new String[] {"--scale=1"}, System.out, print(err)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out"));
    err.reset();
    assertEquals(2, GenerateCommand.run(new String[] {"--out=" + tmp}, System.out, print(err)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--scale"));
  }

  @Test
  void anUnknownOptionNamesTheNearestKnownOneAndWritesNothing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, GenerateCommand.run(new String[] {"--scale=1", "--seeds=3", "--out=" + tmp.resolve("x")}, System.out, print(err)));
    assertEquals("generate: unknown option --seeds (the nearest known option is --seed); see --help\n", err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void helpPrintsUsageAndWritesNothing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, GenerateCommand.run(new String[] {"--help", "--out=" + tmp.resolve("x")}, print(out), System.err));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: scripts/generate --scale=N --out=DIR"));
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void eachFormatWritesTheFilesItNames() throws IOException {
    assertEquals(Set.of("assets.csv", "consents.csv", "disclosures.csv", "productions.csv", "tool-events.csv.gz",
        "policy.yaml", "expected.json"), hashes(generate("csv", "--scale=0.01", "--format=csv")).keySet());
    assertEquals(Set.of("assets.jsonl", "consents.jsonl", "disclosures.jsonl", "productions.jsonl",
        "tool-events.jsonl.gz", "policy.yaml", "expected.json"),
        hashes(generate("jsonl", "--scale=0.01", "--format=jsonl")).keySet());
  }

  private Path generate(String folder, String... args) {
    Path out = tmp.resolve(folder);
    String[] all = Stream.concat(Stream.of(args), Stream.of("--out=" + out)).toArray(String[]::new);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GenerateCommand.run(all, System.out, print(err));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out;
  }

  private static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        hashes.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return hashes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrintStream print(ByteArrayOutputStream target) {
    return new PrintStream(target, true, StandardCharsets.UTF_8);
  }
}
