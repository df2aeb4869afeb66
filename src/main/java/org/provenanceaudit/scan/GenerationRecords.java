package org.provenanceaudit.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises a generation record by its shape, wherever a writer put the text (a PNG text chunk
 * under any key, an EXIF UserComment, an XMP property, an MP4 comment). This is the one place
 * that says what a record of each front end looks like; {@code docs/byte-scan.md} repeats it for
 * people.
 *
 * <ul>
 *   <li><b>ComfyUI prompt graph</b>: a JSON object holding an object with both {@code class_type}
 *       and {@code inputs} (a node of the API graph; also inside a {@code {"prompt": …}} wrapper).
 *   <li><b>ComfyUI workflow</b>: a JSON object with {@code nodes} and {@code links} or
 *       {@code last_node_id} (the editor's graph).
 *   <li><b>SwarmUI</b>: a JSON object with the key {@code sui_image_params}.
 *   <li><b>InvokeAI</b>: a JSON object with {@code generation_mode}, or an {@code app_id} naming
 *       InvokeAI; the older {@code dream} command line ({@code "prompt" -s 50 -S 1234 …}).
 *   <li><b>Fooocus</b>: a JSON object with {@code full_negative_prompt} or {@code adm_guidance},
 *       or a {@code version} starting with Fooocus.
 *   <li><b>NovelAI</b>: a JSON object with {@code uc} (its negative prompt) and sampling keys.
 *   <li><b>Sampling parameters</b> (any other front end): a JSON object with a prompt key and at
 *       least two sampling keys, or at least three sampling keys including {@code steps} and
 *       {@code seed}.
 *   <li><b>AUTOMATIC1111-style text</b> (A1111, Forge, Civitai, and the many tools that copy it): a
 *       line of {@code Key: value} pairs starting with {@code Steps: N,} and naming a sampler, a
 *       seed or a CFG scale.
 * </ul>
 *
 * <p>A string value that itself holds a JSON object is judged too, one level down: ComfyUI's
 * video nodes (VideoHelperSuite) write {@code {"prompt": "<the prompt graph as a JSON string>"}}
 * into an MP4 comment.
 *
 * <p>A JSON text cut short (a value over the scan's text cap) is judged on what was read: the
 * objects opened so far count with the keys seen. A text is never a record because of one word:
 * {@code {"prompt": "…"}} alone, a caption or prose mentioning "Steps" are not records.
 */
public final class GenerationRecords {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String SAMPLING_PARAMETERS = "sampling parameters";

  private static final Set<String> PROMPT_KEYS =
      Set.of("prompt", "positive_prompt", "negative_prompt", "full_prompt", "uc");
  private static final Set<String> SAMPLING_KEYS =
      Set.of("steps", "sampler", "sampler_name", "seed", "cfg", "cfg_scale", "scale", "guidance_scale",
          "scheduler", "denoise", "denoising_strength", "base_model", "ckpt_name", "clip_skip", "model_weights");

  private static final Pattern A1111_PARAMETERS =
      Pattern.compile("(?m)^Steps: \\d+, (?:.*, )?(?:Sampler: [^,\\n]+|Seed: \\d+|CFG scale: [\\d.]+)");
  private static final Pattern DREAM_COMMAND =
      Pattern.compile("\\A\"[^\"\\n]+\"(?=[^\\n]* -s \\d+\\b)(?=[^\\n]* -S \\d+\\b)");

  private GenerationRecords() {}

  /**
   * The front end whose generation record {@code text} is shaped like, e.g. {@code ComfyUI},
   * {@code AUTOMATIC1111}, {@code SwarmUI}; empty when the text is not a generation record.
   * Reads the text once; never throws for what it holds.
   */
  public static Optional<String> frontEnd(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      return jsonFrontEnd(trimmed, true);
    }
    if (A1111_PARAMETERS.matcher(trimmed).find()) {
      return Optional.of("AUTOMATIC1111");
    }
    if (DREAM_COMMAND.matcher(trimmed).find()) {
      return Optional.of("InvokeAI");
    }
    return Optional.empty();
  }

  /**
   * Walks the JSON's tokens, judging each object on its keys as it closes (or as the text ends),
   * and, when {@code intoStrings}, each string value that holds a JSON object (one level only).
   * A front end named by its own keys wins over generic sampling parameters, which a ComfyUI
   * node's {@code inputs} object (closing before the node's {@code class_type} is read) also has.
   */
  private static Optional<String> jsonFrontEnd(String json, boolean intoStrings) {
    Deque<JsonObjectKeys> open = new ArrayDeque<>();
    Optional<String> sampling = Optional.empty();
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Optional<String> judged = Optional.empty();
        switch (token) {
          case START_OBJECT -> open.push(new JsonObjectKeys());
          case START_ARRAY -> open.push(JsonObjectKeys.ARRAY);
          case FIELD_NAME -> open.peek().keys.add(parser.currentName().toLowerCase(Locale.ROOT));
          case VALUE_STRING -> {
            String text = parser.getText();
            open.peek().value(parser.currentName(), text);
            if (intoStrings && text.strip().startsWith("{")) {
              judged = jsonFrontEnd(text.strip(), false);
            }
          }
          case END_OBJECT, END_ARRAY -> judged = open.pop().frontEnd();
          default -> { }
        }
        if (judged.isPresent() && !judged.get().equals(SAMPLING_PARAMETERS)) {
          return judged;
        }
        if (sampling.isEmpty()) {
          sampling = judged;
        }
      }
    } catch (IOException | RuntimeException e) {
      // A cut or broken text: judge the objects still open on the keys read so far.
    }
    while (!open.isEmpty()) {
      Optional<String> judged = open.pop().frontEnd();
      if (judged.isPresent() && !judged.get().equals(SAMPLING_PARAMETERS)) {
        return judged;
      }
      if (sampling.isEmpty()) {
        sampling = judged;
      }
    }
    return sampling;
  }

  /** The keys of one JSON object, lower-cased, and the few string values that name a front end. */
  private static final class JsonObjectKeys {
    static final JsonObjectKeys ARRAY = new JsonObjectKeys();

    final Set<String> keys = new HashSet<>();
    String appId = "";
    String version = "";

    void value(String key, String text) {
      if (this == ARRAY || key == null) {
        return;
      }
      if (key.equalsIgnoreCase("app_id")) {
        appId = text.toLowerCase(Locale.ROOT);
      } else if (key.equalsIgnoreCase("version")) {
        version = text.toLowerCase(Locale.ROOT);
      }
    }

    Optional<String> frontEnd() {
      if (this == ARRAY) {
        return Optional.empty();
      }
      if (keys.contains("class_type") && keys.contains("inputs")) {
        return Optional.of("ComfyUI");
      }
      if (keys.contains("nodes") && (keys.contains("links") || keys.contains("last_node_id"))) {
        return Optional.of("ComfyUI");
      }
      if (keys.contains("sui_image_params")) {
        return Optional.of("SwarmUI");
      }
      if (keys.contains("generation_mode") || appId.contains("invoke")) {
        return Optional.of("InvokeAI");
      }
      if (keys.contains("full_negative_prompt") || keys.contains("adm_guidance") || version.startsWith("fooocus")) {
        return Optional.of("Fooocus");
      }
      long sampling = keys.stream().filter(SAMPLING_KEYS::contains).count();
      if (keys.contains("uc") && sampling >= 2) {
        return Optional.of("NovelAI");
      }
      boolean prompt = keys.stream().anyMatch(PROMPT_KEYS::contains);
      if ((prompt && sampling >= 2) || (sampling >= 3 && keys.contains("steps") && keys.contains("seed"))) {
        return Optional.of(SAMPLING_PARAMETERS);
      }
      return Optional.empty();
    }
  }
}
