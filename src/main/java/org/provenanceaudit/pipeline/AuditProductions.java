package org.provenanceaudit.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.report.LineageCycle;
import org.provenanceaudit.rules.AuditSettings;
import org.provenanceaudit.rules.ProductionAudit;
import org.provenanceaudit.rules.RuleSet;

/**
 * Joins every input by production and applies the rules to each production whole. Every rule is
 * scoped to one production (disclosures, consents and lineage all are), so the production is the
 * natural join key: a few hundred keys at most, where a join by asset or event id would shuffle
 * millions of keys (which the DirectRunner cannot do in reasonable time). Consents for any
 * production ({@code *}) are few and each rules worker reads them itself (see {@link
 * ApplyRulesFn}). Rows, and the scans of the assets' files, arrive in packed chunks already keyed
 * by production (see {@link ReadInput} and {@link ScanAssets}); a production's findings and
 * lineage cycles leave as one value.
 */
public final class AuditProductions extends PTransform<PCollectionTuple, PCollection<AuditedProduction>> {

  public static final TupleTag<KV<String, byte[]>> ASSETS = new TupleTag<>() {};
  public static final TupleTag<KV<String, byte[]>> EVENTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, byte[]>> DISCLOSURES = new TupleTag<>() {};
  public static final TupleTag<KV<String, byte[]>> CONSENTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, byte[]>> PRODUCTIONS = new TupleTag<>() {};
  public static final TupleTag<KV<String, byte[]>> SCANS = new TupleTag<>() {};

  /** The rules step's metrics: productions whose rules ended, tool events they judged, findings. */
  static final String PRODUCTIONS_AUDITED = "productions.audited";
  static final String EVENTS_JUDGED = "events.judged";
  static final String FINDINGS = "findings";

  private static final TupleTag<byte[]> JOINED_ASSETS = new TupleTag<>() {};
  private static final TupleTag<byte[]> JOINED_EVENTS = new TupleTag<>() {};
  private static final TupleTag<byte[]> JOINED_DISCLOSURES = new TupleTag<>() {};
  private static final TupleTag<byte[]> JOINED_CONSENTS = new TupleTag<>() {};
  private static final TupleTag<byte[]> JOINED_PRODUCTIONS = new TupleTag<>() {};
  private static final TupleTag<byte[]> JOINED_SCANS = new TupleTag<>() {};

  private final AuditSettings settings;
  private final List<String> consentFiles;
  private final SourceFormats formats;

  /**
   * @param consentFiles the consent input's files: each rules worker reads the consents for every
   *     production from them when it starts (see {@link ApplyRulesFn})
   */
  public AuditProductions(AuditSettings settings, List<String> consentFiles) {
    this(settings, consentFiles, SourceFormats.CONTRACT);
  }

  /**
   * @param consentFiles the consent input's files, as above
   * @param formats how each consent file is read (a mapping file may claim some)
   */
  public AuditProductions(AuditSettings settings, List<String> consentFiles, SourceFormats formats) {
    super("AuditEachProduction");
    this.settings = settings;
    this.consentFiles = List.copyOf(consentFiles);
    this.formats = formats;
  }

  @Override
  public PCollection<AuditedProduction> expand(PCollectionTuple input) {
    PCollection<KV<String, byte[]>> perProduction =
        input
            .get(CONSENTS)
            .apply("ConsentsForOneProduction", Filter.by(chunk -> !Consent.ANY_PRODUCTION.equals(chunk.getKey())));

    PCollection<KV<String, CoGbkResult>> grouped =
        KeyedPCollectionTuple.of(JOINED_ASSETS, input.get(ASSETS))
            .and(JOINED_EVENTS, input.get(EVENTS))
            .and(JOINED_DISCLOSURES, input.get(DISCLOSURES))
            .and(JOINED_CONSENTS, perProduction)
            .and(JOINED_PRODUCTIONS, input.get(PRODUCTIONS))
            .and(JOINED_SCANS, input.get(SCANS))
            .apply("GroupByProduction", CoGroupByKey.create());

    return grouped.apply("ApplyRules", ParDo.of(new ApplyRulesFn(settings, consentFiles, formats))).setCoder(ModelCoders.AUDITED_PRODUCTION);
  }

  /** Builds one production's {@link ProductionAudit} and runs every rule over it. */
  static final class ApplyRulesFn extends DoFn<KV<String, CoGbkResult>, AuditedProduction> {
    private final AuditSettings settings;
    private final List<String> consentFiles;
    private final SourceFormats formats;
    private final Counter productions = Metrics.counter("audit", PRODUCTIONS_AUDITED);
    private final Counter eventsJudged = Metrics.counter("audit", EVENTS_JUDGED);
    private final Counter findings = Metrics.counter("audit", FINDINGS);
    private transient List<Consent> anyProduction;

    ApplyRulesFn(AuditSettings settings, List<String> consentFiles, SourceFormats formats) {
      this.settings = settings;
      this.consentFiles = consentFiles;
      this.formats = formats;
    }

    /**
     * The consents for every production ({@code *}) reach every production's audit. They are read
     * here, with the same reader as the consent input (so the same duplicates resolve the same way),
     * rather than arriving as a Beam side input: on Flink a side input keeps this step from running
     * in the same task as the grouping before it, and every production's rows were then written
     * out and read back once more between the two (measured in the README). Consents are few; each
     * worker reads them once.
     */
    @Setup
    public void readConsentsForEveryProduction() {
      List<Consent> any = new ArrayList<>();
      InputReader<Consent> reader = ReadInput.reader(InputKind.CONSENTS, Consent.class, formats);
      try {
        reader.readAll(
            consentFiles,
            consent -> {
              if (Consent.ANY_PRODUCTION.equals(consent.productionId())) {
                any.add(consent);
              }
            },
            rejected -> {});
      } catch (MissingColumnException e) {
        throw ReadInput.changedSinceStart(e);
      }
      anyProduction = List.copyOf(any);
    }

    @ProcessElement
    public void process(ProcessContext context) {
      ProgressReporter.RULES_STEP.productionStarted();
      String productionId = context.element().getKey();
      CoGbkResult joined = context.element().getValue();
      List<Consent> consents = Chunks.unpack(joined.getAll(JOINED_CONSENTS), ModelCoders.CONSENT);
      consents.addAll(anyProduction);
      List<Production> production = Chunks.unpack(joined.getAll(JOINED_PRODUCTIONS), ModelCoders.PRODUCTION);
      ProductionAudit audit =
          new ProductionAudit(
              productionId,
              production.isEmpty() ? null : production.get(0),
              Chunks.unpack(joined.getAll(JOINED_ASSETS), ModelCoders.ASSET),
              Chunks.unpack(joined.getAll(JOINED_EVENTS), ModelCoders.TOOL_EVENT),
              Chunks.unpack(joined.getAll(JOINED_DISCLOSURES), ModelCoders.DISCLOSURE),
              consents,
              Chunks.unpack(joined.getAll(JOINED_SCANS), ModelCoders.ASSET_SCAN),
              settings);
      List<Finding> found = RuleSet.evaluate(audit);
      List<LineageCycle> cycles = new ArrayList<>();
      for (List<String> cycle : audit.lineageCycles()) {
        cycles.add(new LineageCycle(productionId, cycle));
      }
      context.output(new AuditedProduction(productionId, found, cycles));
      findings.inc(found.size());
      eventsJudged.inc(audit.events().size());
      productions.inc();
      ProgressReporter.RULES_STEP.productionAudited(audit.events().size(), found.size());
    }
  }
}
