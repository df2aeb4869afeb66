package org.provenanceaudit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.rules.RuleSet;

class PolicyLoaderTest {

  private final PolicyLoader loader = new PolicyLoader(RuleSet.codes());

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(PolicyLoaderTest.class.getResource(name).toURI());
  }

  private String problem(String fixture) throws URISyntaxException {
    Path file = fixture(fixture);
    return assertThrows(PolicyException.class, () -> loader.load(file)).getMessage().replace(file.toString(), fixture);
  }

  @Test
  void aFolderGivenAsThePolicyIsNamedAsAFolderNotAsMissing(@TempDir Path folder) {
    String message = assertThrows(PolicyException.class, () -> loader.load(folder)).getMessage();
    assertEquals(folder + ": is a folder, not a policy file", message);
  }

  @Test
  void builtInPolicyKnowsTheRegisteredToolsAndTreatsUnknownToolsAsGenAi() throws Exception {
    Policy policy = loader.builtIn();
    assertEquals(Deployment.CONSUMER, policy.tool("imagegen-free").orElseThrow().deployment());
    assertEquals(DataRetention.TRAINING, policy.tool("imagegen-free").orElseThrow().dataRetention());
    assertFalse(policy.isGenAiTool("grade-pro"));
    assertTrue(policy.isGenAiTool("never-heard-of-it"));
    assertEquals(
        java.util.EnumSet.of(Operation.VOICE_CLONE, Operation.VOICE_SYNTHESIS, Operation.FACE_SWAP, Operation.LIP_SYNC, Operation.DE_AGE, Operation.DIGITAL_REPLICA),
        policy.likenessOperations());
    assertTrue(policy.genaiDigitalSourceTypes().contains("trainedAlgorithmicMedia"));
    assertFalse(policy.genaiDigitalSourceTypes().contains("algorithmicMedia"));
  }

  @Test
  void aUserFileReplacesTheKeysItNamesAndKeepsTheOthers() throws Exception {
    Policy policy = loader.load(fixture("policy-overrides-some-keys.yaml"));
    assertEquals(List.of("firefly-ent", "house-upscaler"), List.copyOf(policy.tools().keySet()));
    assertTrue(policy.isGenAiTool("imagegen-free"), "a tool the user's registry dropped is now unregistered, so GenAI");
    assertEquals(Deployment.ON_PREM, policy.tool("house-upscaler").orElseThrow().deployment());
    assertEquals(null, policy.tool("house-upscaler").orElseThrow().dataRetention());
    assertEquals(List.of("Paddington"), policy.ipWatchlist());
    assertEquals(Severity.HIGH, policy.severityFor("TOOL_NOT_ENTERPRISE", Severity.MEDIUM));
    assertEquals(Severity.LOW, policy.severityFor("GENAI_LATE_DISCLOSURE", Severity.MEDIUM));
    assertEquals(Severity.HIGH, policy.severityFor("GENAI_UNDISCLOSED", Severity.HIGH));
    assertEquals(loader.builtIn().likenessOperations(), policy.likenessOperations());
  }

  @Test
  void aToolWithoutGenaiIsAnErrorNamingTheKey() throws Exception {
    assertEquals(
        "policy-tool-without-genai.yaml: tools.grade-pro.genai: missing: every tool must say whether it is generative AI",
        problem("policy-tool-without-genai.yaml"));
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItAndTheKnownKeys() throws Exception {
    String message = problem("policy-unknown-key.yaml");
    assertTrue(message.startsWith("policy-unknown-key.yaml: ip_watch_list: unknown key (known keys: "), message);
    assertTrue(message.contains("ip_watchlist"), message);
  }

  @Test
  void aBadValueIsAnErrorListingTheAllowedOnes() throws Exception {
    assertEquals(
        "policy-bad-deployment.yaml: tools.imagegen-free.deployment: invalid value \"cloud\" (expected one of enterprise, consumer, on_prem, unknown)",
        problem("policy-bad-deployment.yaml"));
  }

  @Test
  void aSeverityForAnUnknownRuleIsAnError() throws Exception {
    assertTrue(problem("policy-unknown-rule-in-severity.yaml").startsWith("policy-unknown-rule-in-severity.yaml: severity.GENAI_UNDISCLOSD: unknown rule code"));
  }

  @Test
  void brokenYamlAndAMissingFileAreErrorsNamingTheFile() throws Exception {
    assertTrue(problem("policy-not-yaml.yaml").startsWith("policy-not-yaml.yaml: not valid YAML"));
    PolicyException missing = assertThrows(PolicyException.class, () -> loader.load(Path.of("no/such/policy.yaml")));
    assertEquals("no/such/policy.yaml: no such file", missing.getMessage());
  }

  /** A watchlist of 150,000 terms is a 4.5 MB file, past the 3 MB SnakeYAML reads by default. */
  @Test
  void aWatchlistOfAHundredAndFiftyThousandTermsLoads(@TempDir Path folder) throws Exception {
    StringBuilder yaml = new StringBuilder("ip_watchlist:\n");
    for (int i = 0; i < 150_000; i++) {
      yaml.append("  - \"The Chronicles of Franchise ").append(i).append("\"\n");
    }
    Path file = Files.writeString(folder.resolve("large-watchlist.yaml"), yaml);
    assertTrue(Files.size(file) > 3L << 20);
    List<String> watchlist = loader.load(file).ipWatchlist();
    assertEquals(150_000, watchlist.size());
    assertEquals("The Chronicles of Franchise 149999", watchlist.get(149_999));
  }

  @Test
  void aWatchlistTermOfOnlyControlCharactersIsAnError(@TempDir Path folder) throws Exception {
    Path file = Files.writeString(folder.resolve("p.yaml"), "ip_watchlist: [\"Marvel\", \"\\u0001\\t\"]\n");
    assertEquals(
        file + ": ip_watchlist: must be a list of non-empty strings",
        assertThrows(PolicyException.class, () -> loader.load(file)).getMessage());
  }
}
