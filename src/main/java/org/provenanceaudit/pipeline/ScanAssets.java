package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.policy.Policy;
import org.provenanceaudit.scan.AssetEvidence;
import org.provenanceaudit.scan.AssetPaths;
import org.provenanceaudit.scan.C2paTrust;
import org.provenanceaudit.scan.ProvenanceScanner;
import org.provenanceaudit.scan.ScanLimits;
import org.provenanceaudit.scan.ScanPolicy;

/**
 * Reads the file of every asset that names one, under {@code --assetsRoot}, for the marks that
 * tools stamp into their outputs. A path that is missing, absolute, or leaves the root is never
 * opened; it becomes the asset's file problem (see {@link AssetPaths}).
 *
 * <p>Assets arrive in the readers' packed chunks, keyed by production, and their scans leave the
 * same way: one chunk of scans per chunk of assets that name a file. Sent one by one, the scans
 * reached the grouping by production as one element each, and the DirectRunner copied a
 * production's growing group for every element that joined it: 10,000 files took the audit from 8
 * s to 110 s, and 100,000 (an ordinary production) stalled it. The chunks are spread over the
 * workers ({@link Reshuffle}) because one worker emits all of them.
 */
public final class ScanAssets extends PTransform<PCollection<KV<String, byte[]>>, PCollection<KV<String, byte[]>>> {

  private final String assetsRoot;
  private final Policy policy;
  private final C2paTrust trust;
  private final String asOf;

  /** Scans with no C2PA trust list, judging certificates without a time-stamp at the time of the scan. */
  public ScanAssets(String assetsRoot, Policy policy) {
    this(assetsRoot, policy, C2paTrust.none(), null);
  }

  /**
   * @param trust the C2PA trust anchors and allowed signers ({@code --trustAnchors}, {@code --trustedSigners})
   * @param asOf the audit date (YYYY-MM-DD) a signing certificate without a verified time-stamp is
   *     judged at, or null for the time of the scan
   */
  public ScanAssets(String assetsRoot, Policy policy, C2paTrust trust, String asOf) {
    super("ScanAssetFiles");
    this.assetsRoot = assetsRoot;
    this.policy = policy;
    this.trust = trust;
    this.asOf = asOf;
  }

  /**
   * @param chunks packed {@link ModelCoders#ASSET} chunks keyed by production, as {@link ReadInput}
   *     emits them
   * @return packed {@link ModelCoders#ASSET_SCAN} chunks keyed by production: one scan per asset
   *     that names a {@code file_path}
   */
  @Override
  public PCollection<KV<String, byte[]>> expand(PCollection<KV<String, byte[]>> chunks) {
    return chunks
        .apply("WithFilePath", ParDo.of(new WithFilePathFn()))
        .setCoder(Chunks.PACKED)
        .apply("SpreadTheFiles", Reshuffle.viaRandomKey())
        .apply("ReadTheBytes", ParDo.of(new ScanFn(assetsRoot, policy, trust, asOf)))
        .setCoder(Chunks.PACKED);
  }

  /** Keeps, of each chunk, the assets that name a file; a chunk left with none goes no further. */
  static final class WithFilePathFn extends DoFn<KV<String, byte[]>, KV<String, byte[]>> {
    @ProcessElement
    public void process(@Element KV<String, byte[]> chunk, OutputReceiver<KV<String, byte[]>> out) {
      List<Asset> withFile =
          Chunks.unpack(List.of(chunk.getValue()), ModelCoders.ASSET).stream().filter(a -> a.filePath() != null).toList();
      if (!withFile.isEmpty()) {
        out.output(Chunks.packed(chunk.getKey(), withFile, ModelCoders.ASSET));
      }
    }
  }

  /** Scans every asset of one chunk: a chunk of assets in, the chunk of their scans out. */
  static final class ScanFn extends DoFn<KV<String, byte[]>, KV<String, byte[]>> {
    private final String assetsRoot;
    private final Policy policy;
    private final C2paTrust trust;
    private final String asOf;
    private final Counter scanned = Metrics.counter("scan", "files.scanned");
    private transient ProvenanceScanner scanner;

    ScanFn(String assetsRoot, Policy policy, C2paTrust trust, String asOf) {
      this.assetsRoot = assetsRoot;
      this.policy = policy;
      this.trust = trust;
      this.asOf = asOf;
    }

    @Setup
    public void setUp() {
      scanner =
          new ProvenanceScanner(
              new ScanPolicy(policy.genaiDigitalSourceTypes(), policy.genaiTextKeys(), Set.copyOf(policy.genaiSoftware())),
              ScanLimits.defaults(),
              trust,
              asOf == null ? null : LocalDate.parse(asOf).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @ProcessElement
    public void process(@Element KV<String, byte[]> chunk, OutputReceiver<KV<String, byte[]>> out) {
      Path root = Path.of(assetsRoot);
      List<AssetScan> scans = new ArrayList<>();
      for (Asset asset : Chunks.unpack(List.of(chunk.getValue()), ModelCoders.ASSET)) {
        scans.add(scan(root, asset));
        scanned.inc();
      }
      out.output(Chunks.packed(chunk.getKey(), scans, ModelCoders.ASSET_SCAN));
    }

    /**
     * Opens the asset's file as checked ({@link AssetPaths}) and scans what was opened, with its
     * sidecar manifest store ({@code NAME.c2pa} beside it under the root) opened the same way when
     * there is one; a sidecar refused by the check is the record's error, and the asset is scanned
     * without it.
     */
    private AssetScan scan(Path root, Asset asset) {
      String path = asset.filePath();
      SeekableByteChannel channel;
      try {
        channel = AssetPaths.check(root, path).open();
      } catch (AssetPaths.UnsafePathException e) {
        return AssetEvidence.unreadable(asset.assetId(), asset.productionId(), path, e.getMessage());
      }
      try (channel) {
        return AssetEvidence.of(
            asset.assetId(), asset.productionId(), scanner.scan(path, channel, root, ProvenanceScanner.sidecarName(path)));
      } catch (IOException e) {
        return AssetEvidence.unreadable(
            asset.assetId(), asset.productionId(), path, "file could not be closed after reading: " + e.getClass().getSimpleName());
      }
    }
  }
}
