package org.provenanceaudit.mapping;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A loaded, checked mapping file: the sources it maps onto the contract's inputs, in the order the
 * file gives them, and the OpenTelemetry span attribute names a studio uses in place of the
 * defaults (contract field of a tool event to attribute name; empty when the file has no {@code
 * otlp_attributes} section). The OTLP reader takes those as overrides of its default attribute
 * table (CONTRACT.md section 2b).
 *
 * @param origin the mapping file as the user named it, for messages and format labels
 */
public record Mapping(String origin, List<MappedSource> sources, Map<String, String> otlpAttributes) implements Serializable {

  public Mapping {
    sources = List.copyOf(sources);
    otlpAttributes = Map.copyOf(otlpAttributes);
  }
}
