package org.provenanceaudit.pipeline;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.report.ReportSettings;
import org.provenanceaudit.rules.AuditSettings;

/**
 * The audit as a Beam pipeline: read each input, audit each production, write the reports. Built
 * from an {@link AuditConfiguration} that was checked before anything runs.
 */
public final class AuditPipeline {

  private AuditPipeline() {}

  public static Pipeline build(AuditOptions options, AuditConfiguration config, String stagingDir) {
    Pipeline pipeline = Pipeline.create(options);

    ReadInput<Asset> assets = ReadInput.of(InputKind.ASSETS, files(config, InputKind.ASSETS), ModelCoders.ASSET, Asset::productionId);
    ReadInput<ToolEvent> events =
        ReadInput.of(InputKind.TOOL_EVENTS, files(config, InputKind.TOOL_EVENTS), ModelCoders.TOOL_EVENT, ToolEvent::productionId);
    ReadInput<Disclosure> disclosures =
        ReadInput.of(InputKind.DISCLOSURES, files(config, InputKind.DISCLOSURES), ModelCoders.DISCLOSURE, Disclosure::productionId);
    ReadInput<Consent> consents =
        ReadInput.of(InputKind.CONSENTS, files(config, InputKind.CONSENTS), ModelCoders.CONSENT, Consent::productionId);
    ReadInput<Production> productions =
        ReadInput.of(InputKind.PRODUCTIONS, files(config, InputKind.PRODUCTIONS), ModelCoders.PRODUCTION, Production::productionId);

    PCollectionTuple assetRows = pipeline.apply("ReadAssets", assets);
    PCollectionTuple eventRows = pipeline.apply("ReadToolEvents", events);
    PCollectionTuple disclosureRows = pipeline.apply("ReadDisclosures", disclosures);
    PCollectionTuple consentRows = pipeline.apply("ReadConsents", consents);
    PCollectionTuple productionRows = pipeline.apply("ReadProductions", productions);
    List<PCollectionTuple> reads = List.of(assetRows, eventRows, disclosureRows, consentRows, productionRows);

    PCollection<AssetScan> scans =
        config.assetsRoot() == null
            ? pipeline.apply("NoAssetFilesToScan", Create.empty(ModelCoders.ASSET_SCAN))
            : assetRows.get(assets.rows()).apply(new ScanAssets(config.assetsRoot(), config.policy()));

    PCollectionTuple audited =
        PCollectionTuple.of(AuditProductions.ASSETS, assetRows.get(assets.rows()))
            .and(AuditProductions.EVENTS, eventRows.get(events.rows()))
            .and(AuditProductions.DISCLOSURES, disclosureRows.get(disclosures.rows()))
            .and(AuditProductions.CONSENTS, consentRows.get(consents.rows()))
            .and(AuditProductions.PRODUCTIONS, productionRows.get(productions.rows()))
            .and(AuditProductions.SCANS, scans)
            .apply(new AuditProductions(new AuditSettings(config.policy(), config.includePrompts()), files(config, InputKind.CONSENTS)));

    PCollectionTuple.of(WriteReports.FINDINGS, audited.get(AuditProductions.FINDINGS))
        .and(WriteReports.REJECTED, flatten(reads, ReadInput.REJECTED, ModelCoders.REJECTED_ROW, "AllRejectedRows"))
        .and(WriteReports.TALLIES, flatten(reads, ReadInput.TALLY, ModelCoders.INPUT_TALLY, "AllTallies"))
        .and(WriteReports.CYCLES, audited.get(AuditProductions.CYCLES))
        .and(WriteReports.SCANS, scans)
        .apply(
            new WriteReports(
                stagingDir,
                new ReportSettings(config.asOf(), config.policy().origin(), config.baseline(), config.assetsRoot() != null)));
    return pipeline;
  }

  private static List<String> files(AuditConfiguration config, InputKind kind) {
    return config.files().get(kind);
  }

  private static <T> PCollection<T> flatten(
      List<PCollectionTuple> reads, org.apache.beam.sdk.values.TupleTag<T> tag, Coder<T> coder, String name) {
    PCollectionList<T> all = PCollectionList.empty(reads.get(0).getPipeline());
    for (PCollectionTuple read : reads) {
      all = all.and(read.get(tag));
    }
    return all.apply(name, Flatten.pCollections()).setCoder(coder);
  }
}
