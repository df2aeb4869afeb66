package org.provenanceaudit.scan;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the byte scan counts as GenAI: IPTC digital source type codes, keys of generation records
 * written by generation front ends, and substrings naming GenAI tools in software tags. Every
 * signal is reported whatever the policy says; the policy only decides each signal's {@code genai}.
 *
 * @param genaiDigitalSourceTypes IPTC codes (last path segment of the newscode IRI)
 * @param genaiTextKeys keys of text entries that hold a generation record, matched ignoring case
 * @param genaiSoftware substrings naming GenAI tools, matched ignoring case
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

  /** The first policy tool name contained in {@code value}, ignoring case. */
  public Optional<String> genaiSoftwareIn(String value) {
    String haystack = value.toLowerCase(Locale.ROOT);
    return genaiSoftware.stream()
        .filter(name -> haystack.contains(name.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  private static Set<String> copy(Set<String> values) {
    List<String> sorted = values.stream().sorted().toList();
    return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
  }
}
