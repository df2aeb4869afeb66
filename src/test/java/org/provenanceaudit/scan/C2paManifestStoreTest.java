package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class C2paManifestStoreTest {

  private static Walked read(byte[] store) {
    return walk((ctx, source) -> {
      byte[] data = source.read(0, (int) source.size(), "store");
      C2paManifestStore.report(ctx, data, 0, data.length, "test");
    }, store);
  }

  @Test
  void everySourceTypeIsReportedAndOnlyTheTrainedFamilyIsGenai() {
    byte[] store = c2paStore("Camera App", cborAssertion("c2pa.actions", Map.of("actions", List.of(
        Map.of("action", "c2pa.created", "digitalSourceType", " http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"),
        Map.of("action", "c2pa.edited", "digitalSourceType", "algorithmicMedia", "softwareAgent", "Filter 2"),
        Map.of("action", "c2pa.placed", "digitalSourceType", "http://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic")))));
    List<Signal> actions = read(store).signals().stream().filter(s -> s.kind().equals("action")).toList();

    assertEquals(List.of("digitalCapture", "algorithmicMedia", "compositeSynthetic"),
        actions.stream().map(s -> s.values().get("digital_source_type")).toList());
    assertEquals(List.of(false, false, true), actions.stream().map(Signal::genai).toList());
    assertEquals("Filter 2", actions.get(1).values().get("software_agent"));
  }

  @Test
  void claimGeneratorAndTrainingMiningOfTheActiveManifest() {
    byte[] store = c2paStore("ComfyUI C2PA node",
        cborAssertion("cawg.training-mining", Map.of("entries", Map.of(
            "cawg.ai_generative_training", Map.of("use", "notAllowed")))));
    Walked walked = read(store);

    Signal generator = only(walked.signals(), "claim_generator");
    assertEquals("ComfyUI C2PA node", generator.values().get("claim_generator_info"));
    assertTrue(generator.genai());
    Signal training = only(walked.signals(), "training_mining");
    assertEquals("cawg.ai_generative_training", training.values().get("entry"));
    assertEquals("notAllowed", training.values().get("use"));
    assertFalse(training.genai());
  }

  @Test
  void aJumbfBoxThatIsNotAC2paStoreIsIgnored() {
    byte[] other = superbox("0123456789abcdef0123456789abcdef", "other", jumbfBox("json", utf8("{}")));
    Walked walked = read(other);
    assertFalse(walked.ctx().c2pa());
    assertTrue(walked.signals().isEmpty());
  }

  @Test
  void deeplyNestedSuperboxesStopAtTheDepthCap() {
    byte[] inner = jumbfBox("json", utf8("{}"));
    for (int i = 0; i < 100; i++) {
      inner = superbox(Jumbf.C2PA_STORE_TYPE, "c2pa", inner);
    }
    assertTrue(read(inner).error().startsWith("JUMBF box nested deeper than 32 levels"));
  }

  @Test
  void lyingBoxLengthIsAnError() {
    byte[] store = c2paCreatedBy("x", "trainedAlgorithmicMedia");
    store[3] = (byte) 0xFF;
    assertTrue(read(store).error().contains("claims"), read(store).error());
  }

  @Test
  void unreadableCborIsAnErrorAndTheRestIsStillRead() {
    byte[] broken = superbox(CBOR_TYPE, "c2pa.actions", jumbfBox("cbor", new byte[] {(byte) 0xBF, 0x61}));
    Walked walked = read(c2paStore("Gen", broken));
    assertEquals("unreadable CBOR in C2PA box 'c2pa.actions'", walked.error());
    assertEquals("Gen", only(walked.signals(), "claim_generator").values().get("claim_generator_info"));
  }

  @Test
  void softwareAgentByIndexIntoTheAssertionsAgentList() {
    byte[] store = c2paStore("Gen", cborAssertion("c2pa.actions.v2", Map.of(
        "softwareAgents", List.of(Map.of("name", "Stable Diffusion XL")),
        "actions", List.of(Map.of("action", "c2pa.created", "softwareAgentIndex", 0)))));
    Signal action = only(read(store).signals(), "action");
    assertEquals("Stable Diffusion XL", action.values().get("software_agent"));
    assertTrue(action.genai());
  }
}
