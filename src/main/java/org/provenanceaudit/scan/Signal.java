package org.provenanceaudit.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of provenance evidence found in a file's bytes.
 *
 * @param source where it was found: {@code c2pa}, {@code xmp}, {@code exif}, {@code png-text},
 *     {@code id3}, {@code riff-info}, {@code quicktime}
 * @param kind what it is: {@code manifest_store}, {@code claim_generator}, {@code action},
 *     {@code training_mining}, {@code digital_source_type}, {@code creator_tool},
 *     {@code software}, {@code generation_record}, {@code c2pa_reference}
 * @param values the details, in a fixed order
 * @param genai whether the policy counts this signal as GenAI use
 */
public record Signal(String source, String kind, Map<String, String> values, boolean genai) {
  public Signal {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
