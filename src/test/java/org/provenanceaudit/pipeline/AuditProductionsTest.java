package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.DeliverableStatus;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.policy.PolicyLoader;
import org.provenanceaudit.report.LineageCycle;
import org.provenanceaudit.rules.AuditSettings;
import org.provenanceaudit.rules.RuleSet;

/**
 * The wiring of {@link AuditProductions}: inputs of two productions meet in their own production,
 * a consent for every production ({@code *}) reaches both, and lineage cycles come out once.
 */
class AuditProductionsTest {

  private static final SourcePosition HERE = new SourcePosition("test", 1);

  private static Asset asset(String id, String production, String... parents) {
    return new Asset(id, production, "V-1", DeliverableStatus.WORKING, null, null, null, null, List.of(parents), List.of("T-1"), List.of(), false, false, null, false, HERE);
  }

  private static ToolEvent faceSwap(String id, String production, String input) {
    return new ToolEvent(id, Instant.parse("2026-03-02T10:00:00Z"), production, "V-1", "faceswap-onprem", Operation.FACE_SWAP, null, null, List.of(input), List.of(), null, null, null, HERE);
  }

  @TempDir Path folder;

  @Test
  void eachProductionIsJudgedWithItsOwnDisclosuresAndTheConsentsForEveryProduction() throws Exception {
    Path consents = folder.resolve("consents.csv");
    Files.writeString(
        consents,
        "consent_id,talent_id,production_id,scope,valid_from,valid_to,revoked\n"
            + "C-1,T-1,*,likeness,,,false\n");
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    AuditSettings settings = new AuditSettings(new PolicyLoader(RuleSet.codes()).builtIn(), false);
    Disclosure disclosesP1 =
        new Disclosure("D-1", "P-1", "V-1", List.of("*"), Set.of(), null, null, null, null, List.of(), Set.of(org.provenanceaudit.model.Approval.TALENT_LIKENESS), "L-1", HERE);
    Consent anyProduction = new Consent("C-1", "T-1", "*", Set.of(ConsentScope.LIKENESS), null, null, false, HERE);

    PCollection<AuditedProduction> out =
        PCollectionTuple.of(
                AuditProductions.ASSETS,
                pipeline.apply(
                    "Assets",
                    Create.of(
                            Chunks.packed("P-1", List.of(asset("A-1", "P-1")), ModelCoders.ASSET),
                            Chunks.packed("P-2", List.of(asset("A-2", "P-2", "A-3")), ModelCoders.ASSET),
                            Chunks.packed("P-2", List.of(asset("A-3", "P-2", "A-2")), ModelCoders.ASSET))
                        .withCoder(Chunks.PACKED)))
            .and(
                AuditProductions.EVENTS,
                pipeline.apply(
                    "Events",
                    Create.of(
                            Chunks.packed("P-1", List.of(faceSwap("E-1", "P-1", "A-1")), ModelCoders.TOOL_EVENT),
                            Chunks.packed("P-2", List.of(faceSwap("E-2", "P-2", "A-2")), ModelCoders.TOOL_EVENT))
                        .withCoder(Chunks.PACKED)))
            .and(AuditProductions.DISCLOSURES, pipeline.apply("Disclosures", Create.of(Chunks.packed("P-1", List.of(disclosesP1), ModelCoders.DISCLOSURE)).withCoder(Chunks.PACKED)))
            .and(AuditProductions.CONSENTS, pipeline.apply("Consents", Create.of(Chunks.packed("*", List.of(anyProduction), ModelCoders.CONSENT)).withCoder(Chunks.PACKED)))
            .and(AuditProductions.PRODUCTIONS, pipeline.apply("Productions", Create.empty(Chunks.PACKED)))
            .and(AuditProductions.SCANS, pipeline.apply("Scans", Create.empty(Chunks.PACKED)))
            .apply(new AuditProductions(settings, List.of(consents.toString())));

    PCollection<String> findings =
        out.apply(FlatMapElements.into(ModelCoders.FINDING.getEncodedTypeDescriptor()).via(AuditedProduction::findings))
            .setCoder(ModelCoders.FINDING)
            .apply(MapElements.into(TypeDescriptors.strings()).via(f -> f.rule() + " " + f.subjectId() + " " + f.talentId()));
    PAssert.that(findings)
        .containsInAnyOrder("GENAI_UNDISCLOSED E-2 null", "LIKENESS_WITHOUT_CONSENT E-2 T-1");
    PCollection<LineageCycle> cycles =
        out.apply(FlatMapElements.into(ModelCoders.LINEAGE_CYCLE.getEncodedTypeDescriptor()).via(AuditedProduction::cycles))
            .setCoder(ModelCoders.LINEAGE_CYCLE);
    PAssert.that(cycles).containsInAnyOrder(new LineageCycle("P-2", List.of("A-2", "A-3")));
    assertEquals(org.apache.beam.sdk.PipelineResult.State.DONE, pipeline.run().waitUntilFinish());
  }
}
