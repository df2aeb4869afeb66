package org.provenanceaudit.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
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
 * production ({@code *}) are few and reach every production as a side input.
 */
public final class AuditProductions extends PTransform<PCollectionTuple, PCollectionTuple> {

  public static final TupleTag<Asset> ASSETS = new TupleTag<>() {};
  public static final TupleTag<ToolEvent> EVENTS = new TupleTag<>() {};
  public static final TupleTag<Disclosure> DISCLOSURES = new TupleTag<>() {};
  public static final TupleTag<Consent> CONSENTS = new TupleTag<>() {};
  public static final TupleTag<Production> PRODUCTIONS = new TupleTag<>() {};
  public static final TupleTag<AssetScan> SCANS = new TupleTag<>() {};

  public static final TupleTag<Finding> FINDINGS = new TupleTag<>() {};
  public static final TupleTag<LineageCycle> CYCLES = new TupleTag<>() {};

  private final AuditSettings settings;

  public AuditProductions(AuditSettings settings) {
    super("AuditEachProduction");
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<Consent> consents = input.get(CONSENTS);
    PCollectionView<List<Consent>> anyProduction =
        consents
            .apply("ConsentsForEveryProduction", Filter.by(Consent::appliesToEveryProduction))
            .apply("AsSideInput", View.asList());
    PCollection<Consent> perProduction = consents.apply("ConsentsForOneProduction", Filter.by(c -> !c.appliesToEveryProduction()));

    PCollection<KV<String, CoGbkResult>> grouped =
        KeyedPCollectionTuple.of(ASSETS, byProduction(input.get(ASSETS), Asset::productionId, ModelCoders.ASSET, "Assets"))
            .and(EVENTS, byProduction(input.get(EVENTS), ToolEvent::productionId, ModelCoders.TOOL_EVENT, "Events"))
            .and(DISCLOSURES, byProduction(input.get(DISCLOSURES), Disclosure::productionId, ModelCoders.DISCLOSURE, "Disclosures"))
            .and(CONSENTS, byProduction(perProduction, Consent::productionId, ModelCoders.CONSENT, "Consents"))
            .and(PRODUCTIONS, byProduction(input.get(PRODUCTIONS), Production::productionId, ModelCoders.PRODUCTION, "Productions"))
            .and(SCANS, byProduction(input.get(SCANS), AssetScan::productionId, ModelCoders.ASSET_SCAN, "Scans"))
            .apply("GroupByProduction", CoGroupByKey.create());

    PCollectionTuple out =
        grouped.apply(
            "ApplyRules",
            ParDo.of(new ApplyRulesFn(settings, anyProduction))
                .withSideInputs(anyProduction)
                .withOutputTags(FINDINGS, TupleTagList.of(CYCLES)));
    out.get(FINDINGS).setCoder(ModelCoders.FINDING);
    out.get(CYCLES).setCoder(ModelCoders.LINEAGE_CYCLE);
    return out;
  }

  private static <T> PCollection<KV<String, T>> byProduction(
      PCollection<T> items, SerializableFunction<T, String> key, RecordCoder<T> coder, String name) {
    return items
        .apply(
            "Key" + name + "ByProduction",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), coder.getEncodedTypeDescriptor()))
                .via((T item) -> KV.of(key.apply(item), item)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
  }

  /** Builds one production's {@link ProductionAudit} and runs every rule over it. */
  static final class ApplyRulesFn extends DoFn<KV<String, CoGbkResult>, Finding> {
    private final AuditSettings settings;
    private final PCollectionView<List<Consent>> anyProduction;
    private final Counter productions = Metrics.counter("audit", "productions.audited");
    private final Counter findings = Metrics.counter("audit", "findings");

    ApplyRulesFn(AuditSettings settings, PCollectionView<List<Consent>> anyProduction) {
      this.settings = settings;
      this.anyProduction = anyProduction;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      String productionId = context.element().getKey();
      CoGbkResult joined = context.element().getValue();
      List<Consent> consents = list(joined.getAll(CONSENTS));
      consents.addAll(context.sideInput(anyProduction));
      Iterator<Production> production = joined.getAll(PRODUCTIONS).iterator();
      ProductionAudit audit =
          new ProductionAudit(
              productionId,
              production.hasNext() ? production.next() : null,
              list(joined.getAll(ASSETS)),
              list(joined.getAll(EVENTS)),
              list(joined.getAll(DISCLOSURES)),
              consents,
              list(joined.getAll(SCANS)),
              settings);
      for (Finding finding : RuleSet.evaluate(audit)) {
        context.output(finding);
        findings.inc();
      }
      for (List<String> cycle : audit.lineageCycles()) {
        context.output(CYCLES, new LineageCycle(productionId, cycle));
      }
      productions.inc();
    }

    private static <T> List<T> list(Iterable<T> items) {
      List<T> list = new ArrayList<>();
      items.forEach(list::add);
      return list;
    }
  }
}
