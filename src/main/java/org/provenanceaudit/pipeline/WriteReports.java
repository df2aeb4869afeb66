package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
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
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.report.AuditResults;
import org.provenanceaudit.report.LineageCycle;
import org.provenanceaudit.report.ReportSettings;
import org.provenanceaudit.report.ReportWriter;

/**
 * Brings the findings, lineage cycles and scan records to one place, with the rejected rows and
 * tallies the readers staged (first settling the duplicates between an input's files, see {@link
 * SettleDuplicates}), and writes the reports into the staging folder. Reports are sorted whole, so this step sees all of
 * them at once; they are a small fraction of the input (one row per finding, not per event).
 */
public final class WriteReports extends PTransform<PCollectionTuple, PDone> {

  public static final TupleTag<AuditedProduction> AUDITED = new TupleTag<>() {};
  /** The scans of the assets' files, in packed chunks keyed by production (see {@link ScanAssets}). */
  public static final TupleTag<KV<String, byte[]>> SCANS = new TupleTag<>() {};
  private final String stagingDir;
  private final ReportSettings settings;
  private final InputFiles files;

  /**
   * @param files each input's files: the report writer looks for each file's rejected rows and
   *     tally in the staging folder, and settles the duplicates between an input's files
   * @param formats how each file is read, to read a file that holds duplicates a second time
   */
  public WriteReports(String stagingDir, ReportSettings settings, Map<InputKind, List<String>> files, SourceFormats formats) {
    super("WriteReports");
    this.stagingDir = stagingDir;
    this.settings = settings;
    this.files = new InputFiles(files, formats);
  }

  /** Each input's files in path order, and how each is read: what the report writer needs of the inputs. */
  static final class InputFiles implements Serializable {
    private final TreeMap<String, List<String>> byInput = new TreeMap<>();
    private final SourceFormats formats;

    InputFiles(Map<InputKind, List<String>> files, SourceFormats formats) {
      files.forEach((kind, list) -> byInput.put(kind.contractName(), new ArrayList<>(list.stream().sorted().toList())));
      this.formats = formats;
    }

    /** Each input's number of files, by contract name. */
    Map<String, Integer> counts() {
      Map<String, Integer> counts = new TreeMap<>();
      byInput.forEach((input, list) -> counts.put(input, list.size()));
      return counts;
    }

    /** Settles the duplicates between the files of every input of several ({@link SettleDuplicates#rewriteRejectedRows}). */
    void settleDuplicates(String stagingDir) throws IOException {
      for (InputKind kind : InputKind.values()) {
        List<String> list = byInput.getOrDefault(kind.contractName(), List.of());
        if (list.size() > 1) {
          SettleDuplicates.rewriteRejectedRows(stagingDir, kind, list, formats);
        }
      }
    }
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    KeyedPCollectionTuple.of(AUDITED_PARTS, spill(input.get(AUDITED), ModelCoders.AUDITED_PRODUCTION, "Findings"))
        .and(SCAN_PARTS, spill(input.get(SCANS), Chunks.PACKED, "Scans"))
        .and(
            ALWAYS,
            input
                .getPipeline()
                .apply("OneReport", Create.of(KV.of(0, "reports")).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))))
        .apply("GatherResults", CoGroupByKey.create())
        .apply("WriteFiles", ParDo.of(new WriteFn(stagingDir, settings, files)));
    return PDone.in(input.getPipeline());
  }

  private static final TupleTag<String> AUDITED_PARTS = new TupleTag<>() {};
  private static final TupleTag<String> SCAN_PARTS = new TupleTag<>() {};
  /**
   * One element that is always there: when no row was accepted there is no production, no finding
   * part and no scan part, and the reports (every rejected row, the tallies) must still be written.
   */
  private static final TupleTag<String> ALWAYS = new TupleTag<>() {};

  /** The items, written to part files in the staging folder; what travels on is the parts' paths. */
  private <T> PCollection<KV<Integer, String>> spill(PCollection<T> items, Coder<T> coder, String name) {
    PCollection<String> parts =
        items.apply("Stage" + name, ParDo.of(new StagedParts.SpillFn<>(stagingDir, name.toLowerCase(Locale.ROOT), coder)))
            .setCoder(StringUtf8Coder.of());
    return parts.apply("Gather" + name + "Parts", WithKeys.of(0)).setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
  }

  static final class WriteFn extends DoFn<KV<Integer, CoGbkResult>, Void> {
    private final String stagingDir;
    private final ReportSettings settings;
    private final InputFiles files;

    WriteFn(String stagingDir, ReportSettings settings, InputFiles files) {
      this.stagingDir = stagingDir;
      this.settings = settings;
      this.files = files;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> element) throws IOException {
      CoGbkResult all = element.getValue();
      files.settleDuplicates(stagingDir);
      List<Finding> findings = new ArrayList<>();
      List<LineageCycle> cycles = new ArrayList<>();
      for (AuditedProduction audited : StagedParts.read(all.getAll(AUDITED_PARTS), ModelCoders.AUDITED_PRODUCTION)) {
        findings.addAll(audited.findings());
        cycles.addAll(audited.cycles());
      }
      new ReportWriter(Path.of(stagingDir), settings)
          .write(
              new AuditResults(
                  findings,
                  StagedParts.rejectedRows(stagingDir, files.counts()),
                  StagedParts.readTallies(stagingDir, files.counts()),
                  cycles,
                  Chunks.unpack(
                      StagedParts.read(all.getAll(SCAN_PARTS), Chunks.PACKED).stream().map(KV::getValue).toList(),
                      ModelCoders.ASSET_SCAN)));
      StagedParts.delete(stagingDir);
    }
  }
}
