package org.provenanceaudit.policy;

import java.io.Serializable;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Deployment;

/** A tool the compliance team knows; {@code dataRetention} is null when the registry does not say. */
public record ToolEntry(String name, boolean genai, Deployment deployment, DataRetention dataRetention)
    implements Serializable {}
