package org.provenanceaudit.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One thing the audit found, with the ids that prove it and what would clear it. Its id is derived
 * from the rule, the production and the subject, never from a counter or a clock, so the same
 * finding has the same id in every run and a weekly audit can be compared with the last.
 *
 * <p>The last five components are not written to {@code findings.jsonl}; they place the finding in
 * its case (see {@code report.Cases}): {@code toolId} is the tool of its events ({@code ;}-joined and
 * sorted when they differ, empty when it has none), {@code contentRole} and {@code deliverableStatus}
 * the contract's wire names from the subject asset's inventory row (null for an event, or an asset
 * the inventory lacks), and {@code firstEventAt}/{@code lastEventAt} the earliest and latest
 * timestamps of its events (null when it has none).
 */
public record Finding(
    String findingId,
    String rule,
    String principle,
    Severity severity,
    String report,
    String productionId,
    String vendorId,
    String subjectType,
    String subjectId,
    String talentId,
    List<String> assetIds,
    List<String> eventIds,
    List<String> disclosureIds,
    String evidence,
    String remediation,
    String promptExcerpt,
    List<String> watchlistHits,
    String toolId,
    String contentRole,
    String deliverableStatus,
    Instant firstEventAt,
    Instant lastEventAt) {

  /** The order of every report: most severe first, then production, rule, subject and performer. */
  public static final Comparator<Finding> REPORT_ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::productionId)
          .thenComparing(Finding::rule)
          .thenComparing(Finding::subjectId)
          .thenComparing(f -> Objects.requireNonNullElse(f.talentId(), ""));

  public Finding {
    assetIds = List.copyOf(assetIds);
    eventIds = List.copyOf(eventIds);
    disclosureIds = List.copyOf(disclosureIds);
    watchlistHits = List.copyOf(watchlistHits);
  }

  /** A stable id: {@code F-} and 20 hex digits of SHA-256 over the rule, production and subject. */
  public static String idFor(String rule, String productionId, String subjectType, String subjectId, String talentId) {
    String key = String.join("\u0000", rule, productionId, subjectType, subjectId, Objects.requireNonNullElse(talentId, ""));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "F-" + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
