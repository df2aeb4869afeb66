package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.DeliverableStatus;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.policy.PolicyLoader;
import org.provenanceaudit.rules.RuleSet;

/**
 * {@link ScanAssets}: a chunk of assets becomes one chunk of their scans, keyed by the same
 * production, so the grouping by production receives as many scan elements as asset chunks (not
 * one per file); an asset without a {@code file_path} gets no scan, and an unsafe path is a file
 * problem with its reason. A C2PA sidecar beside an asset's file is read with it, under the same
 * check as the file.
 */
class ScanAssetsTest {

  private static Asset asset(String id, String filePath) {
    return new Asset(id, "P-1", "V-1", DeliverableStatus.WORKING, null, filePath, null, null, List.of(), List.of(), List.of(), false, false, null, false, new SourcePosition("assets.csv", 2));
  }

  @TempDir Path folder;

  @Test
  void aChunkOfAssetsLeavesAsOneChunkOfTheirScans() throws Exception {
    Path root = Files.createDirectories(folder.resolve("assets"));
    Files.write(root.resolve("a.png"), Files.readAllBytes(Path.of("sample-data/files/concept-storm-clouds.png")));
    Files.writeString(folder.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(root.resolve("escape.png"), folder.resolve("secret.txt"));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());

    PCollection<KV<String, byte[]>> scans =
        pipeline
            .apply(
                Create.of(
                        Chunks.packed(
                            "P-1",
                            List.of(asset("A-1", "a.png"), asset("A-2", "gone.png"), asset("A-3", "escape.png"), asset("A-4", null)),
                            ModelCoders.ASSET))
                    .withCoder(Chunks.PACKED))
            .apply(new ScanAssets(root.toString(), new PolicyLoader(RuleSet.codes()).builtIn()));

    PCollection<String> chunks =
        scans.apply(
            MapElements.into(TypeDescriptors.strings())
                .via(
                    chunk ->
                        chunk.getKey() + ": "
                            + Chunks.unpack(List.of(chunk.getValue()), ModelCoders.ASSET_SCAN).stream()
                                .map(ScanAssetsTest::describe)
                                .sorted()
                                .toList()));
    PAssert.that(chunks)
        .containsInAnyOrder(
            "P-1: [A-1 image/png, A-2 no file at this path under the assets root, "
                + "A-3 file path resolves through a symbolic link to outside the assets root]");
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish());
  }

  @Test
  void aSidecarBesideTheFileIsReadAndOneLeadingOutOfTheRootIsRefused() throws Exception {
    Path root = Files.createDirectories(folder.resolve("assets"));
    Path shots = Files.createDirectories(root.resolve("shots"));
    byte[] png = Files.readAllBytes(Path.of("sample-data/files/concept-storm-clouds.png"));
    Path sidecar = Path.of("../shared/corpus/real-assets/c2pars__manifest_data.c2pa");
    Files.write(shots.resolve("a.png"), png);
    Files.copy(sidecar, shots.resolve("a.c2pa"));
    Files.write(shots.resolve("b.png"), png);
    Files.copy(sidecar, folder.resolve("secret.c2pa"));
    Files.createSymbolicLink(shots.resolve("b.c2pa"), folder.resolve("secret.c2pa"));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());

    PCollection<String> scans =
        pipeline
            .apply(
                Create.of(Chunks.packed("P-1", List.of(asset("A-1", "shots/a.png"), asset("A-2", "shots/b.png")), ModelCoders.ASSET))
                    .withCoder(Chunks.PACKED))
            .apply(new ScanAssets(root.toString(), new PolicyLoader(RuleSet.codes()).builtIn()))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        chunk ->
                            Chunks.unpack(List.of(chunk.getValue()), ModelCoders.ASSET_SCAN).stream()
                                .map(ScanAssetsTest::sidecarOutcome)
                                .sorted()
                                .toList()
                                .toString()));
    // The corpus sidecar's data hash binds other bytes than this PNG's: read, it is a tampered manifest.
    PAssert.that(scans)
        .containsInAnyOrder(
            "[A-1 c2pa from sidecar a.c2pa, binding mismatch, tampering: the C2PA manifest of shots/a.png fails "
                + "assertion.dataHash.mismatch; signed by CN=C2PA Signer, OU=FOR TESTING_ONLY, O=C2PA Test Signing Cert, "
                + "L=Somewhere, ST=CA, C=US; signature valid; content changed since signing; signer not in the trust list, "
                + "A-2 no c2pa, error: sidecar shots/b.c2pa not read: file path resolves through a symbolic link to "
                + "outside the assets root]");
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish());
  }

  private static String sidecarOutcome(AssetScan scan) {
    try {
      JsonNode record = new ObjectMapper().readTree(scan.recordJson());
      if (!record.path("c2pa").asBoolean()) {
        return scan.assetId() + " no c2pa, error: " + record.path("error").asText();
      }
      String store = "";
      for (JsonNode signal : record.path("signals")) {
        if (signal.path("kind").asText().equals("manifest_store")) {
          store = signal.path("location").asText();
        }
      }
      return scan.assetId() + " c2pa from " + store
          + ", binding " + record.path("c2pa_validation").path("binding").asText() + ", tampering: " + scan.tampering();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(AssetScan scan) {
    return scan.assetId() + " " + (scan.fileProblem() == null ? scan.detectedMediaType() : scan.fileProblem());
  }
}
