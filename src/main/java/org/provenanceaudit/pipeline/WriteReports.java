package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.report.AuditResults;
import org.provenanceaudit.report.InputTally;
import org.provenanceaudit.report.LineageCycle;
import org.provenanceaudit.report.ReportSettings;
import org.provenanceaudit.report.ReportWriter;

/**
 * Brings the findings, rejected rows, tallies, lineage cycles and scan records to one place and
 * writes the reports into the staging folder. Reports are sorted whole, so this step sees all of
 * them at once; they are a small fraction of the input (one row per finding, not per event).
 */
public final class WriteReports extends PTransform<PCollectionTuple, PDone> {

  public static final TupleTag<List<Finding>> FINDINGS = new TupleTag<>() {};
  public static final TupleTag<RejectedRow> REJECTED = new TupleTag<>() {};
  public static final TupleTag<InputTally> TALLIES = new TupleTag<>() {};
  public static final TupleTag<LineageCycle> CYCLES = new TupleTag<>() {};
  public static final TupleTag<AssetScan> SCANS = new TupleTag<>() {};

  private final String stagingDir;
  private final ReportSettings settings;

  public WriteReports(String stagingDir, ReportSettings settings) {
    super("WriteReports");
    this.stagingDir = stagingDir;
    this.settings = settings;
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    KeyedPCollectionTuple.of(FINDING_PARTS, spill(input.get(FINDINGS), ModelCoders.FINDING.chunks(), "Findings"))
        .and(REJECTED_PARTS, spill(input.get(REJECTED), ModelCoders.REJECTED_ROW, "Rejected"))
        .and(TALLIES, toOnePlace(input.get(TALLIES), ModelCoders.INPUT_TALLY, "Tallies"))
        .and(CYCLES, toOnePlace(input.get(CYCLES), ModelCoders.LINEAGE_CYCLE, "Cycles"))
        .and(SCAN_PARTS, spill(input.get(SCANS), ModelCoders.ASSET_SCAN, "Scans"))
        .apply("GatherResults", CoGroupByKey.create())
        .apply("WriteFiles", ParDo.of(new WriteFn(stagingDir, settings)));
    return PDone.in(input.getPipeline());
  }

  private static final TupleTag<String> FINDING_PARTS = new TupleTag<>() {};
  private static final TupleTag<String> REJECTED_PARTS = new TupleTag<>() {};
  private static final TupleTag<String> SCAN_PARTS = new TupleTag<>() {};

  /** The items, written to part files in the staging folder; what travels on is the parts' paths. */
  private <T> PCollection<KV<Integer, String>> spill(PCollection<T> items, Coder<T> coder, String name) {
    PCollection<String> parts =
        items.apply("Stage" + name, ParDo.of(new StagedParts.SpillFn<>(stagingDir, name.toLowerCase(Locale.ROOT), coder)))
            .setCoder(StringUtf8Coder.of());
    return toOnePlace(parts, StringUtf8Coder.of(), name + "Parts");
  }

  private static <T> PCollection<KV<Integer, T>> toOnePlace(PCollection<T> items, Coder<T> coder, String name) {
    return items.apply("Gather" + name, WithKeys.of(0)).setCoder(KvCoder.of(VarIntCoder.of(), coder));
  }

  static final class WriteFn extends DoFn<KV<Integer, CoGbkResult>, Void> {
    private final String stagingDir;
    private final ReportSettings settings;

    WriteFn(String stagingDir, ReportSettings settings) {
      this.stagingDir = stagingDir;
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> element) throws IOException {
      CoGbkResult all = element.getValue();
      new ReportWriter(Path.of(stagingDir), settings)
          .write(
              new AuditResults(
                  Chunks.flatten(StagedParts.read(all.getAll(FINDING_PARTS), ModelCoders.FINDING.chunks())),
                  StagedParts.read(all.getAll(REJECTED_PARTS), ModelCoders.REJECTED_ROW),
                  list(all.getAll(TALLIES)),
                  list(all.getAll(CYCLES)),
                  StagedParts.read(all.getAll(SCAN_PARTS), ModelCoders.ASSET_SCAN)));
      StagedParts.delete(stagingDir);
    }

    private static <T> List<T> list(Iterable<T> items) {
      List<T> list = new ArrayList<>();
      items.forEach(list::add);
      return list;
    }
  }
}
