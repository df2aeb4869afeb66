package org.provenanceaudit.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.model.Asset;
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

    PCollectionTuple assetsRead =
        pipeline.apply("ReadAssets", read(config, InputKind.ASSETS, new InputRecords<>(ModelCoders.ASSET, Asset::productionId, Asset::assetId, Asset::source), stagingDir));
    PCollectionTuple eventsRead =
        pipeline.apply(
            "ReadToolEvents",
            read(config, InputKind.TOOL_EVENTS, new InputRecords<>(ModelCoders.TOOL_EVENT, ToolEvent::productionId, ToolEvent::eventId, ToolEvent::source), stagingDir));
    PCollectionTuple disclosuresRead =
        pipeline.apply(
            "ReadDisclosures",
            read(config, InputKind.DISCLOSURES, new InputRecords<>(ModelCoders.DISCLOSURE, Disclosure::productionId, Disclosure::disclosureId, Disclosure::source), stagingDir));
    PCollectionTuple consentsRead =
        pipeline.apply(
            "ReadConsents",
            read(config, InputKind.CONSENTS, new InputRecords<>(ModelCoders.CONSENT, Consent::productionId, Consent::consentId, Consent::source), stagingDir));
    PCollectionTuple productionsRead =
        pipeline.apply(
            "ReadProductions",
            read(config, InputKind.PRODUCTIONS, new InputRecords<>(ModelCoders.PRODUCTION, Production::productionId, Production::productionId, Production::source), stagingDir));
    PCollection<KV<String, byte[]>> assets = assetsRead.get(ReadInput.RECORDS);
    PCollection<KV<String, byte[]>> events = eventsRead.get(ReadInput.RECORDS);
    PCollection<KV<String, byte[]>> disclosures = disclosuresRead.get(ReadInput.RECORDS);
    PCollection<KV<String, byte[]>> consents = consentsRead.get(ReadInput.RECORDS);
    PCollection<KV<String, byte[]>> productions = productionsRead.get(ReadInput.RECORDS);
    PCollection<String> settled =
        PCollectionList.of(
                List.of(
                    assetsRead.get(ReadInput.SETTLED),
                    eventsRead.get(ReadInput.SETTLED),
                    disclosuresRead.get(ReadInput.SETTLED),
                    consentsRead.get(ReadInput.SETTLED),
                    productionsRead.get(ReadInput.SETTLED)))
            .apply("AllSettledParts", Flatten.pCollections());

    PCollection<KV<String, byte[]>> scans =
        config.assetsRoot() == null
            ? pipeline.apply("NoAssetFilesToScan", Create.empty(Chunks.PACKED))
            : assets.apply(new ScanAssets(config.assetsRoot(), config.policy(), config.c2paTrust(), config.asOf()));

    PCollection<AuditedProduction> audited =
        PCollectionTuple.of(AuditProductions.ASSETS, assets)
            .and(AuditProductions.EVENTS, events)
            .and(AuditProductions.DISCLOSURES, disclosures)
            .and(AuditProductions.CONSENTS, consents)
            .and(AuditProductions.PRODUCTIONS, productions)
            .and(AuditProductions.SCANS, scans)
            .apply(new AuditProductions(new AuditSettings(config.policy(), config.includePrompts()), files(config, InputKind.CONSENTS), config.sourceFormats()));

    Map<String, Integer> filesPerInput = new TreeMap<>();
    for (InputKind kind : InputKind.values()) {
      filesPerInput.put(kind.contractName(), files(config, kind).size());
    }
    PCollectionTuple.of(WriteReports.AUDITED, audited)
        .and(WriteReports.SCANS, scans)
        .and(WriteReports.SETTLED, settled)
        .apply(
            new WriteReports(
                stagingDir,
                new ReportSettings(config.asOf(), config.policy().origin(), config.baseline(), config.assetsRoot() != null),
                filesPerInput));
    return pipeline;
  }

  private static <T> ReadInput<T> read(AuditConfiguration config, InputKind kind, InputRecords<T> records, String stagingDir) {
    return ReadInput.of(kind, files(config, kind), config.sourceFormats(), records, stagingDir);
  }

  private static List<String> files(AuditConfiguration config, InputKind kind) {
    return config.files().get(kind);
  }

}
