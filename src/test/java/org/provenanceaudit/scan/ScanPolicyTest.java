package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScanPolicyTest {
  private static final ScanPolicy POLICY = ScanPolicy.defaults();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Adobe Firefly 3|Firefly",
      "OpenAI SORA|Sora",
      "Runway Gen-3 Alpha|Runway",
      "ComfyUI-Manager|ComfyUI",
      "midjourney_v6|Midjourney",
      "stable-diffusion-webui|Stable Diffusion",
      "StableDiffusion XL|Stable Diffusion",
      "Stable  Diffusion|Stable Diffusion",
      "DALL·E 3|DALL·E",
      "dall-e 2|DALL-E",
      "(Imagen 3)|Imagen"})
  void namesMatchAsWholeWordsIgnoringCase(String value, String tool) {
    assertEquals(tool.isEmpty() ? Optional.empty() : Optional.of(tool), POLICY.genaiSoftwareIn(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Sorano Lens Co.", "Runways Studio", "Fireflyer 2", "ImageNet labeller",
      "SuperComfyUIX", "Photoshop 25.0", "NovelAIDE", "unstable diffusion model"})
  void aNameInsideAnotherWordDoesNotMatch(String value) {
    assertEquals(Optional.empty(), POLICY.genaiSoftwareIn(value), value);
  }

  @Test
  void aPolicyNameWithDotsMatchesItself() {
    ScanPolicy policy = new ScanPolicy(Set.of(), Set.of(), Set.of("Acme v1.5"));
    assertEquals(Optional.of("Acme v1.5"), policy.genaiSoftwareIn("made by ACME V1.5, beta"));
    assertEquals(Optional.empty(), policy.genaiSoftwareIn("made by Acme v1x5"));
    assertEquals(Optional.empty(), policy.genaiSoftwareIn("made by Acme v1.50"));
  }
}
