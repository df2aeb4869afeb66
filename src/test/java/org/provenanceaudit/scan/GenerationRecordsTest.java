package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Generation records recognised by shape, each front end beside the near-twins that must not count. */
class GenerationRecordsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock = """
          ComfyUI | {"3": {"inputs": {"seed": 28, "steps": 20}, "class_type": "KSampler"}}
          ComfyUI | {"prompt": {"4": {"inputs": {"ckpt_name": "v1-5.ckpt"}, "class_type": "CheckpointLoader"}}, "workflow": {}}
          ComfyUI | {"last_node_id": 13, "last_link_id": 12, "nodes": [{"id": 7, "type": "CLIPTextEncode"}]}
          ComfyUI | {"version": 0.4, "nodes": [], "links": []}
          ComfyUI | {"3": {"inputs": {"seed": 42, "steps": 20, "cfg": 6.0, "sampler_name": "euler"}, "class_type": "KSampler"}}
          ComfyUI | {"prompt": "{\\"3\\": {\\"inputs\\": {\\"seed\\": 42}, \\"class_type\\": \\"KSampler\\"}}"}
          SwarmUI | {"sui_image_params": {"prompt": "a harbour", "model": "sdxl"}, "sui_extra_data": {}}
          InvokeAI | {"generation_mode":"sdxl_txt2img","positive_prompt":"oil painting","seed":3293022630}
          InvokeAI | {"model": "stable diffusion", "app_id": "invoke-ai/InvokeAI", "app_version": "2.3.0"}
          Fooocus | {"adm_guidance": "(1.5, 0.8, 0.3)", "base_model": "juggernautXL_v8Rundiffusion"}
          Fooocus | {"prompt": "a cat", "version": "Fooocus v2.1.865"}
          NovelAI | {"steps": 50, "sampler": "k_euler_ancestral", "seed": 2253955223, "uc": "lowres"}
          sampling parameters | {"prompt": "a lighthouse", "steps": 30, "cfg_scale": 7}
          sampling parameters | {"steps": 30, "seed": 7, "sampler_name": "euler"}
          """)
  void jsonRecordsAreRecognisedByTheirKeys(String frontEnd, String json) {
    assertEquals(Optional.of(frontEnd), GenerationRecords.frontEnd(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "photo of a duck\nNegative prompt: monochrome\nSteps: 15, Sampler: UniPC, CFG scale: 5, Seed: 235284042, Size: 512x400",
        "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512",
        "a castle\nSteps: 28, Size: 832x1216, Seed: 1780563853, Model: ponyDiffusionV6XL"
      })
  void automatic1111ParametersAreRecognised(String text) {
    assertEquals(Optional.of("AUTOMATIC1111"), GenerationRecords.frontEnd(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"portrait of a woman, film grain\" -s 50 -S 2980747362 -W 512 -H 768 -C 7.5 -A k_lms"})
  void theInvokeAiDreamCommandIsRecognised(String text) {
    assertEquals(Optional.of("InvokeAI"), GenerationRecords.frontEnd(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"prompt\": \"a short caption\"}",
        "{\"title\": \"Harbour at dusk\", \"camera\": \"X-T4\", \"model\": \"X-T4\"}",
        "{\"nodes\": 4, \"owner\": \"render farm\"}",
        "{\"class_type\": \"a lesson plan\"}",
        "{\"prompt\": \"{\\\"caption\\\": \\\"a JSON string that is no record\\\"}\"}",
        "{\"a\": \"{\\\"b\\\": \\\"{\\\\\\\"class_type\\\\\\\": 1, \\\\\\\"inputs\\\\\\\": 2}\\\"}\"}",
        "{\"steps\": 3, \"seed\": \"sunflower\"}",
        "Assembly: Steps: 3 to put the shelf together, Seed: none",
        "Follow these Steps: 1, 2 and 3",
        "\"quoted caption\" -s is not a flag here",
        "{not json at all",
        ""
      })
  void nearTwinsAreNotRecords(String text) {
    assertEquals(Optional.empty(), GenerationRecords.frontEnd(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"prompt\": {\"3\": {\"inputs\": {\"seed\": 1, \"steps\": 20}, \"class_type\": \"KSampler\"}, \"4\": {\"inpu",
        "{\"sui_image_params\": {\"prompt\": \"a long prompt cut by the scan's cap"
      })
  void aRecordCutShortIsJudgedOnWhatWasRead(String cut) {
    assertEquals(true, GenerationRecords.frontEnd(cut).isPresent(), cut);
  }
}
