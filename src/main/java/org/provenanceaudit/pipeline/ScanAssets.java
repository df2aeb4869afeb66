package org.provenanceaudit.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import java.util.List;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.policy.Policy;
import org.provenanceaudit.scan.AssetEvidence;
import org.provenanceaudit.scan.ProvenanceScanner;
import org.provenanceaudit.scan.ScanPolicy;

/**
 * Reads the file of every asset that names one, under {@code --assetsRoot}, for the marks that
 * tools stamp into their outputs. A path that is missing, absolute, or leaves the root is never
 * opened; it becomes the asset's file problem.
 */
public final class ScanAssets extends PTransform<PCollection<KV<String, byte[]>>, PCollection<AssetScan>> {

  private final String assetsRoot;
  private final Policy policy;

  public ScanAssets(String assetsRoot, Policy policy) {
    super("ScanAssetFiles");
    this.assetsRoot = assetsRoot;
    this.policy = policy;
  }

  @Override
  public PCollection<AssetScan> expand(PCollection<KV<String, byte[]>> chunks) {
    return chunks
        .apply(
            "WithFilePath",
            FlatMapElements.into(ModelCoders.ASSET.getEncodedTypeDescriptor())
                .via(
                    (KV<String, byte[]> chunk) ->
                        Chunks.unpack(List.of(chunk.getValue()), ModelCoders.ASSET).stream().filter(a -> a.filePath() != null).toList()))
        .setCoder(ModelCoders.ASSET)
        .apply("SpreadTheFiles", Reshuffle.viaRandomKey())
        .apply("ReadTheBytes", ParDo.of(new ScanFn(assetsRoot, policy)))
        .setCoder(ModelCoders.ASSET_SCAN);
  }

  static final class ScanFn extends DoFn<Asset, AssetScan> {
    private final String assetsRoot;
    private final Policy policy;
    private final Counter scanned = Metrics.counter("scan", "files.scanned");
    private transient ProvenanceScanner scanner;

    ScanFn(String assetsRoot, Policy policy) {
      this.assetsRoot = assetsRoot;
      this.policy = policy;
    }

    @Setup
    public void setUp() {
      scanner =
          new ProvenanceScanner(
              new ScanPolicy(
                  policy.genaiDigitalSourceTypes(), policy.genaiTextKeys(), java.util.Set.copyOf(policy.genaiSoftware())));
    }

    @ProcessElement
    public void process(@Element Asset asset, OutputReceiver<AssetScan> out) {
      Path root = Path.of(assetsRoot);
      Optional<String> unsafe = org.provenanceaudit.scan.AssetPaths.unsafeReason(root, asset.filePath());
      out.output(
          unsafe.isPresent()
              ? AssetEvidence.unreadable(asset.assetId(), asset.productionId(), asset.filePath(), unsafe.get())
              : AssetEvidence.of(
                  asset.assetId(),
                  asset.productionId(),
                  scanner.scan(org.provenanceaudit.scan.AssetPaths.resolve(root, asset.filePath())).withPath(asset.filePath())));
      scanned.inc();
    }
  }
}
