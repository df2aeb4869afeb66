package org.provenanceaudit.rules;

import java.io.Serializable;
import org.provenanceaudit.policy.Policy;

/** What every rule needs besides the data: the policy, and whether prompts may appear in full. */
public record AuditSettings(Policy policy, boolean includePrompts) implements Serializable {}
