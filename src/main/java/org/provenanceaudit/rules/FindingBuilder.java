package org.provenanceaudit.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.ToolEvent;

/**
 * Assembles a {@link Finding} for a rule: ids are collected sorted and once each, the severity
 * goes through the policy's override, and a prompt enters only as a redacted excerpt unless the
 * user asked for prompts in full.
 */
public final class FindingBuilder {

  static final int PROMPT_EXCERPT_LENGTH = 60;

  private final Rule rule;
  private final ProductionAudit audit;
  private final String subjectType;
  private final String subjectId;
  private Severity severity;
  private String vendorId = "";
  private String talentId;
  private final TreeSet<String> assetIds = new TreeSet<>();
  private final TreeSet<String> eventIds = new TreeSet<>();
  private final TreeSet<String> disclosureIds = new TreeSet<>();
  private String evidence;
  private String remediation;
  private String promptExcerpt;
  private List<String> watchlistHits = List.of();
  private String contentRole;
  private String deliverableStatus;

  FindingBuilder(Rule rule, ProductionAudit audit, String subjectType, String subjectId) {
    this.rule = rule;
    this.audit = audit;
    this.subjectType = subjectType;
    this.subjectId = subjectId;
    this.severity = rule.defaultSeverity();
  }

  /** A finding about a tool event: its vendor, its assets, and its prompt as an excerpt. */
  static FindingBuilder aboutEvent(Rule rule, ProductionAudit audit, ToolEvent event) {
    FindingBuilder builder = new FindingBuilder(rule, audit, "event", event.eventId());
    builder.vendorId = event.vendorId();
    builder.eventIds.add(event.eventId());
    builder.assetIds.addAll(event.allAssetIds());
    if (event.prompt() != null) {
      builder.promptExcerpt = excerpt(event.prompt(), audit.settings().includePrompts());
      builder.watchlistHits = audit.watchlist().hits(event.prompt());
    }
    return builder;
  }

  /** A finding about an asset: its vendor, and the asset among the ids. */
  static FindingBuilder aboutAsset(Rule rule, ProductionAudit audit, Asset asset) {
    FindingBuilder builder = new FindingBuilder(rule, audit, "asset", asset.assetId());
    builder.vendorId = asset.vendorId();
    builder.assetIds.add(asset.assetId());
    builder.contentRole = asset.contentRole() == null ? null : asset.contentRole().wireName();
    builder.deliverableStatus = asset.deliverableStatus() == null ? null : asset.deliverableStatus().wireName();
    return builder;
  }

  static String excerpt(String prompt, boolean whole) {
    if (whole || prompt.codePointCount(0, prompt.length()) <= PROMPT_EXCERPT_LENGTH) {
      return prompt;
    }
    return prompt.substring(0, prompt.offsetByCodePoints(0, PROMPT_EXCERPT_LENGTH)) + "…";
  }

  FindingBuilder severity(Severity severity) {
    this.severity = severity;
    return this;
  }

  FindingBuilder vendor(String vendorId) {
    this.vendorId = vendorId;
    return this;
  }

  FindingBuilder talent(String talentId) {
    this.talentId = talentId;
    return this;
  }

  FindingBuilder assets(Collection<String> ids) {
    assetIds.addAll(ids);
    return this;
  }

  FindingBuilder events(Collection<String> ids) {
    eventIds.addAll(ids);
    return this;
  }

  FindingBuilder disclosures(Collection<String> ids) {
    disclosureIds.addAll(ids);
    return this;
  }

  FindingBuilder evidence(String sentence) {
    this.evidence = sentence;
    return this;
  }

  FindingBuilder remediation(String sentence) {
    this.remediation = sentence;
    return this;
  }

  Finding build() {
    String subjectKind = talentId == null ? subjectType : "event_talent";
    TreeSet<String> tools = new TreeSet<>();
    Instant firstEventAt = null;
    Instant lastEventAt = null;
    for (String eventId : eventIds) {
      ToolEvent event = audit.event(eventId).orElse(null);
      if (event == null) {
        continue;
      }
      tools.add(event.toolId());
      if (event.timestamp() != null) {
        firstEventAt = firstEventAt == null || event.timestamp().isBefore(firstEventAt) ? event.timestamp() : firstEventAt;
        lastEventAt = lastEventAt == null || event.timestamp().isAfter(lastEventAt) ? event.timestamp() : lastEventAt;
      }
    }
    return new Finding(
        Finding.idFor(rule.code(), audit.productionId(), subjectKind, subjectId, talentId),
        rule.code(),
        rule.principle(),
        audit.policy().severityFor(rule.code(), severity),
        rule.report().fileName(),
        audit.productionId(),
        vendorId,
        subjectKind,
        subjectId,
        talentId,
        List.copyOf(assetIds),
        List.copyOf(eventIds),
        List.copyOf(disclosureIds),
        evidence,
        remediation,
        promptExcerpt,
        watchlistHits,
        String.join(";", tools),
        contentRole,
        deliverableStatus,
        firstEventAt,
        lastEventAt);
  }
}
