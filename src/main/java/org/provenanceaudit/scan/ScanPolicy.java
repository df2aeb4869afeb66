package org.provenanceaudit.scan;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the byte scan counts as GenAI: IPTC digital source type codes, keys of generation records
 * written by generation front ends, and names of GenAI tools in software tags. Every
 * signal is reported whatever the policy says; the policy only decides each signal's {@code genai}.
 *
 * @param genaiDigitalSourceTypes IPTC codes (last path segment of the newscode IRI)
 * @param genaiTextKeys keys of text entries that hold a generation record, matched ignoring case
 * @param genaiSoftware names of GenAI tools, matched ignoring case as whole words (see
 *     {@link #genaiSoftwareIn})
 */
public record ScanPolicy(
    Set<String> genaiDigitalSourceTypes, Set<String> genaiTextKeys, Set<String> genaiSoftware) {

  public ScanPolicy {
    genaiDigitalSourceTypes = copy(genaiDigitalSourceTypes);
    genaiTextKeys = copy(genaiTextKeys);
    genaiSoftware = copy(genaiSoftware);
  }

  /**
   * The IPTC GenAI codes; the keys ComfyUI ({@code prompt}, {@code workflow}), AUTOMATIC1111 and
   * Forge ({@code parameters}) and InvokeAI ({@code invokeai_metadata}, {@code invokeai_graph}, and
   * the older {@code sd-metadata} and {@code Dream}) write; and the common GenAI tool names.
   */
  public static ScanPolicy defaults() {
    return new ScanPolicy(
        Set.of("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "compositeSynthetic"),
        Set.of("parameters", "prompt", "workflow", "invokeai_metadata", "invokeai_graph",
            "sd-metadata", "Dream"),
        Set.of("Stable Diffusion", "ComfyUI", "Midjourney", "DALL-E", "DALL·E", "Firefly",
            "Automatic1111", "NovelAI", "Runway", "Sora", "InvokeAI", "Fooocus", "Imagen"));
  }

  /** The IPTC code of a digital source type value: the last path segment of an IRI, or the code. */
  public static String digitalSourceTypeCode(String value) {
    String v = value.strip();
    while (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    int cut = Math.max(v.lastIndexOf('/'), v.lastIndexOf('#'));
    return v.substring(cut + 1);
  }

  public boolean isGenaiSourceType(String value) {
    String code = digitalSourceTypeCode(value);
    return genaiDigitalSourceTypes.stream().anyMatch(code::equalsIgnoreCase);
  }

  public boolean isGenaiTextKey(String key) {
    return genaiTextKeys.stream().anyMatch(key::equalsIgnoreCase);
  }

  /**
   * The first policy tool name (in sorted order) that {@code value} names, ignoring case. A name
   * matches only as a whole word: the characters next to it must not be letters or digits, so
   * "Sora" does not match "Sorano" nor "Runway" "Runways", while "Firefly" matches "Adobe
   * Firefly 3" and "ComfyUI" matches "ComfyUI-Manager". A space, hyphen or underscore inside a
   * name stands for any run of them or none ("Stable Diffusion" matches "stable-diffusion-webui"
   * and "StableDiffusion"); other characters ("DALL·E", "v1.5") match themselves.
   *
   * @return the policy's spelling of the name found, or empty
   */
  public Optional<String> genaiSoftwareIn(String value) {
    return genaiSoftware.stream()
        .filter(name -> NAME_PATTERNS.computeIfAbsent(name, ScanPolicy::namePattern).matcher(value).find())
        .findFirst();
  }

  private static final Map<String, Pattern> NAME_PATTERNS = new ConcurrentHashMap<>();

  private static Pattern namePattern(String name) {
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
    StringBuilder literal = new StringBuilder();
    for (char c : name.strip().toCharArray()) {
      if (c == ' ' || c == '-' || c == '_') {
        regex.append(Pattern.quote(literal.toString())).append("[\\s_-]*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString())).append("(?![\\p{L}\\p{N}])");
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static Set<String> copy(Set<String> values) {
    List<String> sorted = values.stream().sorted().toList();
    return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
  }
}
