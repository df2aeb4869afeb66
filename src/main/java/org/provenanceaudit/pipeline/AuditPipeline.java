package org.provenanceaudit.pipeline;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
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
    // AuditCommand resolves "auto" by where the job runs; built otherwise, the files are read by one reader.
    boolean sideBySide = "on".equals(options.getParallelReading());

    PCollection<KV<String, byte[]>> assets =
        pipeline.apply("ReadAssets", read(config, InputKind.ASSETS, new InputRecords<>(ModelCoders.ASSET, Asset::productionId, Asset::assetId, Asset::source), stagingDir, sideBySide));
    PCollection<KV<String, byte[]>> events =
        pipeline.apply(
            "ReadToolEvents",
            read(config, InputKind.TOOL_EVENTS, new InputRecords<>(ModelCoders.TOOL_EVENT, ToolEvent::productionId, ToolEvent::eventId, ToolEvent::source), stagingDir, sideBySide));
    PCollection<KV<String, byte[]>> disclosures =
        pipeline.apply(
            "ReadDisclosures",
            read(config, InputKind.DISCLOSURES, new InputRecords<>(ModelCoders.DISCLOSURE, Disclosure::productionId, Disclosure::disclosureId, Disclosure::source), stagingDir, sideBySide));
    PCollection<KV<String, byte[]>> consents =
        pipeline.apply(
            "ReadConsents",
            read(config, InputKind.CONSENTS, new InputRecords<>(ModelCoders.CONSENT, Consent::productionId, Consent::consentId, Consent::source), stagingDir, sideBySide));
    PCollection<KV<String, byte[]>> productions =
        pipeline.apply(
            "ReadProductions",
            read(config, InputKind.PRODUCTIONS, new InputRecords<>(ModelCoders.PRODUCTION, Production::productionId, Production::productionId, Production::source), stagingDir, sideBySide));
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

    PCollectionTuple.of(WriteReports.AUDITED, audited)
        .and(WriteReports.SCANS, scans)
        .apply(
            new WriteReports(
                stagingDir,
                new ReportSettings(config.asOf(), config.policy().origin(), config.baseline(), config.assetsRoot() != null),
                config.files(),
                config.sourceFormats()));
    return pipeline;
  }

  private static <T> ReadInput<T> read(AuditConfiguration config, InputKind kind, InputRecords<T> records, String stagingDir, boolean sideBySide) {
    return ReadInput.of(kind, files(config, kind), config.sourceFormats(), records, stagingDir, sideBySide);
  }

  private static List<String> files(AuditConfiguration config, InputKind kind) {
    return config.files().get(kind);
  }

}
