package org.provenanceaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.provenanceaudit.io.InvalidRowException;
import org.provenanceaudit.io.RowValues;
import org.provenanceaudit.io.SourceRow;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.DeliverableStatus;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.policy.Policy;
import org.provenanceaudit.policy.PolicyException;
import org.provenanceaudit.policy.PolicyLoader;
import org.provenanceaudit.policy.ToolEntry;

/**
 * One production's exports, written one line per row with the defaults every test shares
 * (production P-1, vendor V-1, the built-in policy), audited by the real rule set. Times are read
 * by the input parser's own rules, so a plain-date {@code valid_to} covers that whole day.
 */
public final class AuditFixture {

  public static final String PRODUCTION = "P-1";
  public static final String VENDOR = "V-1";
  public static final String EVENT_TIME = "2026-03-02T10:00:00Z";

  private static final Policy BUILT_IN = loadBuiltIn();

  private final List<Part> parts = new ArrayList<>();
  private final List<AssetScan> scans = new ArrayList<>();
  private Policy policy = BUILT_IN;
  private boolean nonfiction;
  private boolean includePrompts;

  /** Anything a test can put into the production. */
  public interface Part {
    void addTo(Rows rows);
  }

  /** The rows of the production, as the pipeline would hand them to {@link ProductionAudit}. */
  public static final class Rows {
    final List<Asset> assets = new ArrayList<>();
    final List<ToolEvent> events = new ArrayList<>();
    final List<Disclosure> disclosures = new ArrayList<>();
    final List<Consent> consents = new ArrayList<>();
  }

  public static AuditFixture production(Part... parts) {
    AuditFixture fixture = new AuditFixture();
    fixture.parts.addAll(Arrays.asList(parts));
    return fixture;
  }

  public AuditFixture with(Part... more) {
    parts.addAll(Arrays.asList(more));
    return this;
  }

  public AuditFixture nonfiction() {
    nonfiction = true;
    return this;
  }

  public AuditFixture policy(Policy policy) {
    this.policy = policy;
    return this;
  }

  public AuditFixture includePrompts() {
    includePrompts = true;
    return this;
  }

  /** The byte scan found a GenAI signal in the asset's file. */
  public AuditFixture bytesSayGenerated(String assetId, String signal) {
    scans.add(new AssetScan(assetId, PRODUCTION, "image/png", true, signal, null, "{}"));
    return this;
  }

  /** What the byte scan made of the asset's file: the detected type, a GenAI signal (or null), a file problem (or null). */
  public AuditFixture scanned(String assetId, String detectedType, String genaiSignal, String fileProblem) {
    scans.add(new AssetScan(assetId, PRODUCTION, detectedType, genaiSignal != null, genaiSignal, fileProblem, "{}"));
    return this;
  }

  /** The asset's file carries a C2PA manifest altered after signing, as {@code tampering} says. */
  public AuditFixture tampered(String assetId, String genaiSignal, String tampering) {
    scans.add(new AssetScan(assetId, PRODUCTION, "image/jpeg", genaiSignal != null, genaiSignal, null, "{}", tampering));
    return this;
  }

  public ProductionAudit audit() {
    Rows rows = new Rows();
    parts.forEach(p -> p.addTo(rows));
    return new ProductionAudit(
        PRODUCTION,
        new Production(PRODUCTION, "Test title", nonfiction, null),
        rows.assets,
        rows.events,
        rows.disclosures,
        rows.consents,
        scans,
        new AuditSettings(policy, includePrompts));
  }

  /** Every finding of one rule, in the order the rule gave them. */
  public List<Finding> findings(String rule) {
    return RuleSet.evaluate(audit()).stream().filter(f -> f.rule().equals(rule)).toList();
  }

  /** The one finding of {@code rule}; fails when there is none or more than one. */
  public Finding only(String rule) {
    List<Finding> found = findings(rule);
    assertEquals(1, found.size(), () -> "findings of " + rule + ": " + found);
    return found.get(0);
  }

  // ---- policies ----

  public static Policy builtInPolicy() {
    return BUILT_IN;
  }

  /** The built-in policy with {@code rule}'s severity overridden, as a policy file's {@code severity} does. */
  public static Policy severityOverride(String rule, Severity severity) {
    Policy p = BUILT_IN;
    return new Policy(
        "test policy", p.tools(), p.ipWatchlist(), p.likenessOperations(), Map.of(rule, severity),
        p.genaiDigitalSourceTypes(), p.genaiTextKeys(), p.genaiSoftware());
  }

  /** The built-in policy with one more (or one replaced) tool in the registry. */
  public static Policy withTool(String toolId, ToolEntry entry) {
    Policy p = BUILT_IN;
    TreeMap<String, ToolEntry> tools = new TreeMap<>(p.tools());
    tools.put(toolId, entry);
    return new Policy(
        "test policy", tools, p.ipWatchlist(), p.likenessOperations(), p.severity(),
        p.genaiDigitalSourceTypes(), p.genaiTextKeys(), p.genaiSoftware());
  }

  private static Policy loadBuiltIn() {
    try {
      return new PolicyLoader(RuleSet.codes()).builtIn();
    } catch (PolicyException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- times, read as the parser reads them ----

  /** A timestamp or a plain date (that day's start, UTC). */
  public static Instant instant(String text) {
    return read(text, false);
  }

  /** The inclusive end of a window: a plain date is the last instant of that day. */
  public static Instant windowEnd(String text) {
    return read(text, true);
  }

  private static Instant read(String text, boolean end) {
    if (text == null) {
      return null;
    }
    SourceRow row =
        new SourceRow() {
          @Override
          public SourcePosition position() {
            return new SourcePosition("fixture", 1);
          }

          @Override
          public String rawText() {
            return text;
          }

          @Override
          public String text(String field) {
            return text;
          }

          @Override
          public List<String> list(String field) {
            return List.of(text);
          }
        };
    try {
      return end ? new RowValues(row).windowEnd("valid_to") : new RowValues(row).instant("timestamp");
    } catch (InvalidRowException e) {
      throw new IllegalArgumentException(e);
    }
  }

  // ---- rows ----

  public static AssetRow asset(String id) {
    return new AssetRow(id);
  }

  public static EventRow event(String id) {
    return new EventRow(id);
  }

  public static DisclosureRow disclosure(String id) {
    return new DisclosureRow(id);
  }

  public static ConsentRow consent(String id) {
    return new ConsentRow(id);
  }

  /** An asset of P-1 by V-1, status {@code temp}, no lineage, talent, IP or flags unless given. */
  public static final class AssetRow implements Part {
    private final String id;
    private String vendor = VENDOR;
    private DeliverableStatus status = DeliverableStatus.TEMP;
    private List<String> derivedFrom = List.of();
    private List<String> talent = List.of();
    private List<String> ipRefs = List.of();
    private boolean personalData;
    private boolean union;
    private ContentRole role;
    private boolean labelled;
    private String mediaType;
    private String filePath;

    AssetRow(String id) {
      this.id = id;
    }

    /** The inventory names a file for the asset and declares its type. */
    public AssetRow file(String path, String declaredType) {
      filePath = path;
      mediaType = declaredType;
      return this;
    }

    public AssetRow fin() {
      status = DeliverableStatus.FINAL;
      return this;
    }

    public AssetRow vendor(String vendorId) {
      vendor = vendorId;
      return this;
    }

    public AssetRow from(String... parents) {
      derivedFrom = List.of(parents);
      return this;
    }

    public AssetRow talent(String... ids) {
      talent = List.of(ids);
      return this;
    }

    public AssetRow ip(String... refs) {
      ipRefs = List.of(refs);
      return this;
    }

    public AssetRow personalData() {
      personalData = true;
      return this;
    }

    public AssetRow union() {
      union = true;
      return this;
    }

    public AssetRow role(ContentRole contentRole) {
      role = contentRole;
      return this;
    }

    public AssetRow aiLabeled() {
      labelled = true;
      return this;
    }

    public Asset build() {
      return new Asset(
          id, PRODUCTION, vendor, status, mediaType, filePath, null, null, derivedFrom, talent, ipRefs, personalData, union,
          role, labelled, null);
    }

    @Override
    public void addTo(Rows rows) {
      rows.assets.add(build());
    }
  }

  /** A {@code generate} run of enterprise tool firefly-ent by V-1 at {@link #EVENT_TIME}, naming no asset. */
  public static final class EventRow implements Part {
    private final String id;
    private String production = PRODUCTION;
    private String vendor = VENDOR;
    private String tool = "firefly-ent";
    private Operation operation = Operation.GENERATE;
    private Instant at = instant(EVENT_TIME);
    private List<String> inputs = List.of();
    private List<String> outputs = List.of();
    private String prompt;
    private Deployment deployment;
    private DataRetention retention;

    EventRow(String id) {
      this.id = id;
    }

    public EventRow production(String productionId) {
      production = productionId;
      return this;
    }

    public EventRow vendor(String vendorId) {
      vendor = vendorId;
      return this;
    }

    public EventRow tool(String toolId) {
      tool = toolId;
      return this;
    }

    public EventRow op(Operation op) {
      operation = op;
      return this;
    }

    public EventRow at(String time) {
      at = instant(time);
      return this;
    }

    public EventRow inputs(String... ids) {
      inputs = List.of(ids);
      return this;
    }

    public EventRow outputs(String... ids) {
      outputs = List.of(ids);
      return this;
    }

    public EventRow prompt(String text) {
      prompt = text;
      return this;
    }

    public EventRow deployment(Deployment logged) {
      deployment = logged;
      return this;
    }

    public EventRow retention(DataRetention logged) {
      retention = logged;
      return this;
    }

    public ToolEvent build() {
      return new ToolEvent(
          id, at, production, vendor, tool, operation, null, null, inputs, outputs, prompt, deployment, retention, null);
    }

    @Override
    public void addTo(Rows rows) {
      rows.events.add(build());
    }
  }

  /** A disclosure of P-1 by V-1 for any tool ({@code *}), any operation, any time, any asset, no approvals. */
  public static final class DisclosureRow implements Part {
    private final String id;
    private String production = PRODUCTION;
    private String vendor = VENDOR;
    private List<String> tools = List.of(Disclosure.ANY);
    private Set<Operation> operations = Set.of();
    private Instant from;
    private Instant to;
    private Instant submitted;
    private List<String> scope = List.of();
    private Set<Approval> approvals = Set.of();
    private String ref;

    DisclosureRow(String id) {
      this.id = id;
    }

    public DisclosureRow production(String productionId) {
      production = productionId;
      return this;
    }

    public DisclosureRow vendor(String vendorId) {
      vendor = vendorId;
      return this;
    }

    public DisclosureRow tools(String... toolIds) {
      tools = List.of(toolIds);
      return this;
    }

    public DisclosureRow ops(Operation... ops) {
      operations = EnumSet.copyOf(Arrays.asList(ops));
      return this;
    }

    /** {@code valid_from} and {@code valid_to} as written in the export; null leaves that end open. */
    public DisclosureRow window(String validFrom, String validTo) {
      from = instant(validFrom);
      to = windowEnd(validTo);
      return this;
    }

    public DisclosureRow submitted(String time) {
      submitted = instant(time);
      return this;
    }

    public DisclosureRow scope(String... assetIds) {
      scope = List.of(assetIds);
      return this;
    }

    public DisclosureRow approvals(Approval... granted) {
      approvals = EnumSet.copyOf(Arrays.asList(granted));
      return this;
    }

    public DisclosureRow ref(String approvalRef) {
      ref = approvalRef;
      return this;
    }

    public Disclosure build() {
      return new Disclosure(id, production, vendor, tools, operations, null, from, to, submitted, scope, approvals, ref, null);
    }

    @Override
    public void addTo(Rows rows) {
      rows.disclosures.add(build());
    }
  }

  /** A consent of talent T-1 for P-1, scope {@code likeness}, open window, not revoked. */
  public static final class ConsentRow implements Part {
    private final String id;
    private String talent = "T-1";
    private String production = PRODUCTION;
    private Set<ConsentScope> scope = Set.of(ConsentScope.LIKENESS);
    private Instant from;
    private Instant to;
    private boolean revoked;

    ConsentRow(String id) {
      this.id = id;
    }

    public ConsentRow talent(String talentId) {
      talent = talentId;
      return this;
    }

    public ConsentRow production(String productionId) {
      production = productionId;
      return this;
    }

    public ConsentRow scope(ConsentScope... scopes) {
      scope = EnumSet.copyOf(Arrays.asList(scopes));
      return this;
    }

    public ConsentRow window(String validFrom, String validTo) {
      from = instant(validFrom);
      to = windowEnd(validTo);
      return this;
    }

    public ConsentRow revoked() {
      revoked = true;
      return this;
    }

    public Consent build() {
      return new Consent(id, talent, production, scope, from, to, revoked, null);
    }

    @Override
    public void addTo(Rows rows) {
      rows.consents.add(build());
    }
  }

  private AuditFixture() {}
}
