package org.provenanceaudit.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Severity;

/**
 * Groups findings into cases: the findings of one rule, production, vendor and tool that a
 * compliance team settles in one conversation. For the asset rules the case also splits on the
 * one property of the asset that decides what must be done, {@link #ASSET_PART}: this map is the
 * only place that choice is made.
 */
public final class Cases {

  public static final String JSONL = "cases.jsonl";
  public static final String CSV = "cases.csv";

  /** How many finding ids a case lists as examples: the first ones in findings order. */
  public static final int EXAMPLES = 5;

  /**
   * The asset property each asset rule splits its cases on. The deliverable status decides the
   * remedy for most of them (a final deliverable must be replaced or cleared, a working file only
   * documented); GENERATED_IN_FINAL only ever finds final assets, so there the content role is
   * what differs. GENERATED_UNTRACKED is about outputs the inventory lacks, and the event rules
   * have no subject asset: they split on nothing more.
   */
  static final Map<String, AssetPart> ASSET_PART =
      Map.of(
          "GENERATED_IN_FINAL", AssetPart.CONTENT_ROLE,
          "KEY_CREATIVE_GENERATED", AssetPart.DELIVERABLE_STATUS,
          "SYNTHETIC_ARCHIVAL", AssetPart.DELIVERABLE_STATUS,
          "UNION_WORK_REPLACED", AssetPart.DELIVERABLE_STATUS,
          "PROVENANCE_UNLOGGED", AssetPart.DELIVERABLE_STATUS,
          "PROVENANCE_TAMPERED", AssetPart.DELIVERABLE_STATUS,
          "MEDIA_TYPE_MISMATCH", AssetPart.DELIVERABLE_STATUS,
          "ASSET_FILE_MISSING", AssetPart.DELIVERABLE_STATUS);

  /** The asset property a case key may carry, by its contract field name. */
  public enum AssetPart {
    CONTENT_ROLE("content_role"),
    DELIVERABLE_STATUS("deliverable_status");

    private final String field;

    AssetPart(String field) {
      this.field = field;
    }

    /** The contract's name of the asset field, as written in cases.jsonl and cases.csv. */
    public String field() {
      return field;
    }

    String of(Finding finding) {
      return this == CONTENT_ROLE ? finding.contentRole() : finding.deliverableStatus();
    }
  }

  /** What a case is keyed by; {@code assetPart} and {@code assetValue} are null where the rule splits on nothing more. */
  public record Key(String rule, String productionId, String vendorId, String toolId, AssetPart assetPart, String assetValue) {

    /** The key of the case {@code finding} belongs to. */
    public static Key of(Finding finding) {
      AssetPart part = ASSET_PART.get(finding.rule());
      return new Key(
          finding.rule(),
          finding.productionId(),
          Objects.requireNonNullElse(finding.vendorId(), ""),
          Objects.requireNonNullElse(finding.toolId(), ""),
          part,
          part == null ? null : Objects.requireNonNullElse(part.of(finding), ""));
    }

    /**
     * A stable id: {@code C-} and 20 hex digits of SHA-256 over the key's parts, as finding ids
     * are derived ({@link Finding#idFor}); the same case has the same id in every run.
     */
    public String caseId() {
      String key =
          String.join(
              "\u0000",
              rule,
              productionId,
              vendorId,
              toolId,
              assetPart == null ? "" : assetPart.field(),
              Objects.requireNonNullElse(assetValue, ""));
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return "C-" + HexFormat.of().formatHex(digest, 0, 10);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    }
  }

  /**
   * One case. {@code severity} is the highest of its findings', {@code bySeverity} counts them
   * per severity present, most severe first, {@code firstEventAt}/{@code lastEventAt} span its
   * findings' events (null when none has events), {@code exampleFindingIds} are its first
   * {@link #EXAMPLES} findings in findings order, and {@code persisting} counts the findings the
   * baseline already held (the rest of {@code findings} are new).
   */
  public record Case(
      String caseId,
      Key key,
      String principle,
      Severity severity,
      long findings,
      Map<Severity, Long> bySeverity,
      Instant firstEventAt,
      Instant lastEventAt,
      List<String> exampleFindingIds,
      long persisting) {

    /** The number of its findings the baseline did not hold. */
    public long added() {
      return findings - persisting;
    }
  }

  /** The order of cases.jsonl and cases.csv: most severe first, then production, rule, vendor, tool, asset part, id. */
  public static final Comparator<Case> ORDER =
      Comparator.comparing(Case::severity)
          .thenComparing(c -> c.key().productionId())
          .thenComparing(c -> c.key().rule())
          .thenComparing(c -> c.key().vendorId())
          .thenComparing(c -> c.key().toolId())
          .thenComparing(c -> c.key().assetPart() == null ? "" : c.key().assetPart().field())
          .thenComparing(c -> Objects.requireNonNullElse(c.key().assetValue(), ""))
          .thenComparing(Case::caseId);

  private Cases() {}

  /**
   * The cases of {@code findings}, which must be in findings order (so the examples are the first
   * ones), sorted by {@link #ORDER}. {@code persisting} says which findings the baseline held.
   */
  public static List<Case> of(List<Finding> findings, Predicate<Finding> persisting) {
    Map<Key, Builder> byKey = new HashMap<>();
    for (Finding finding : findings) {
      byKey.computeIfAbsent(Key.of(finding), Builder::new).add(finding, persisting.test(finding));
    }
    List<Case> cases = new ArrayList<>(byKey.size());
    byKey.values().forEach(builder -> cases.add(builder.build()));
    cases.sort(ORDER);
    return cases;
  }

  private static final class Builder {
    private final Key key;
    private String principle;
    private long findings;
    private long persisting;
    private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    private Instant first;
    private Instant last;
    private final List<String> examples = new ArrayList<>(EXAMPLES);

    Builder(Key key) {
      this.key = key;
    }

    void add(Finding finding, boolean persisted) {
      if (principle == null) {
        principle = finding.principle();
      }
      findings++;
      persisting += persisted ? 1 : 0;
      bySeverity.merge(finding.severity(), 1L, Long::sum);
      if (finding.firstEventAt() != null && (first == null || finding.firstEventAt().isBefore(first))) {
        first = finding.firstEventAt();
      }
      if (finding.lastEventAt() != null && (last == null || finding.lastEventAt().isAfter(last))) {
        last = finding.lastEventAt();
      }
      if (examples.size() < EXAMPLES) {
        examples.add(finding.findingId());
      }
    }

    Case build() {
      return new Case(
          key.caseId(),
          key,
          principle,
          bySeverity.keySet().iterator().next(),
          findings,
          Collections.unmodifiableMap(new EnumMap<>(bySeverity)),
          first,
          last,
          List.copyOf(examples),
          persisting);
    }
  }
}
