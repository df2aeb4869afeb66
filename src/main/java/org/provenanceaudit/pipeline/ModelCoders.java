package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.pipeline.RecordCoder.RecordInput;
import org.provenanceaudit.pipeline.RecordCoder.RecordOutput;
import org.provenanceaudit.model.Approval;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.model.AssetScan;
import org.provenanceaudit.model.Consent;
import org.provenanceaudit.model.ConsentScope;
import org.provenanceaudit.model.ContentRole;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Deployment;
import org.provenanceaudit.model.DeliverableStatus;
import org.provenanceaudit.model.Disclosure;
import org.provenanceaudit.model.Finding;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.Production;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.model.ToolEvent;
import org.provenanceaudit.io.SourceFileTally;
import org.provenanceaudit.report.InputTally;
import org.provenanceaudit.report.LineageCycle;

/** The coder of every record type that crosses a shuffle. */
public final class ModelCoders {

  private ModelCoders() {}

  private static void writePosition(RecordOutput out, SourcePosition position) {
    out.shared(position.file());
    out.number(position.line());
  }

  private static SourcePosition readPosition(RecordInput in) throws IOException {
    return new SourcePosition(in.shared(), in.number());
  }

  public static final RecordCoder<Asset> ASSET =
      new RecordCoder<>(Asset.class) {
        @Override
        protected void write(Asset a, RecordOutput out) {
          out.string(a.assetId());
          out.shared(a.productionId());
          out.shared(a.vendorId());
          out.enumValue(a.deliverableStatus());
          out.shared(a.mediaType());
          out.string(a.filePath());
          out.string(a.sha256());
          out.instant(a.createdAt());
          out.strings(a.derivedFrom());
          out.strings(a.talentIds());
          out.strings(a.ipRefs());
          out.flag(a.personalData());
          out.flag(a.unionCovered());
          out.enumValue(a.contentRole());
          out.flag(a.aiLabeled());
          writePosition(out, a.source());
        }

        @Override
        protected Asset read(RecordInput in) throws IOException {
          return new Asset(
              in.string(),
              in.shared(),
              in.shared(),
              in.enumValue(DeliverableStatus.class),
              in.shared(),
              in.string(),
              in.string(),
              in.instant(),
              in.strings(),
              in.strings(),
              in.strings(),
              in.flag(),
              in.flag(),
              in.enumValue(ContentRole.class),
              in.flag(),
              readPosition(in));
        }
      };

  public static final RecordCoder<ToolEvent> TOOL_EVENT =
      new RecordCoder<>(ToolEvent.class) {
        @Override
        protected void write(ToolEvent e, RecordOutput out) {
          out.string(e.eventId());
          out.instant(e.timestamp());
          out.shared(e.productionId());
          out.shared(e.vendorId());
          out.shared(e.toolId());
          out.enumValue(e.operation());
          out.shared(e.userId());
          out.shared(e.model());
          out.strings(e.inputAssetIds());
          out.strings(e.outputAssetIds());
          out.string(e.prompt());
          out.enumValue(e.deployment());
          out.enumValue(e.dataRetention());
          writePosition(out, e.source());
        }

        @Override
        protected ToolEvent read(RecordInput in) throws IOException {
          return new ToolEvent(
              in.string(),
              in.instant(),
              in.shared(),
              in.shared(),
              in.shared(),
              in.enumValue(Operation.class),
              in.shared(),
              in.shared(),
              in.strings(),
              in.strings(),
              in.string(),
              in.enumValue(Deployment.class),
              in.enumValue(DataRetention.class),
              readPosition(in));
        }
      };

  public static final RecordCoder<Disclosure> DISCLOSURE =
      new RecordCoder<>(Disclosure.class) {
        @Override
        protected void write(Disclosure d, RecordOutput out) {
          out.string(d.disclosureId());
          out.shared(d.productionId());
          out.shared(d.vendorId());
          out.strings(d.toolIds());
          out.enumSet(d.operations(), Operation.class);
          out.string(d.purpose());
          out.instant(d.validFrom());
          out.instant(d.validTo());
          out.instant(d.submittedAt());
          out.strings(d.assetScope());
          out.enumSet(d.approvals(), Approval.class);
          out.string(d.approvalRef());
          writePosition(out, d.source());
        }

        @Override
        protected Disclosure read(RecordInput in) throws IOException {
          return new Disclosure(
              in.string(),
              in.shared(),
              in.shared(),
              in.strings(),
              in.enumSet(Operation.class),
              in.string(),
              in.instant(),
              in.instant(),
              in.instant(),
              in.strings(),
              in.enumSet(Approval.class),
              in.string(),
              readPosition(in));
        }
      };

  public static final RecordCoder<Consent> CONSENT =
      new RecordCoder<>(Consent.class) {
        @Override
        protected void write(Consent c, RecordOutput out) {
          out.string(c.consentId());
          out.shared(c.talentId());
          out.shared(c.productionId());
          out.enumSet(c.scope(), ConsentScope.class);
          out.instant(c.validFrom());
          out.instant(c.validTo());
          out.flag(c.revoked());
          writePosition(out, c.source());
        }

        @Override
        protected Consent read(RecordInput in) throws IOException {
          return new Consent(
              in.string(),
              in.shared(),
              in.shared(),
              in.enumSet(ConsentScope.class),
              in.instant(),
              in.instant(),
              in.flag(),
              readPosition(in));
        }
      };

  public static final RecordCoder<Production> PRODUCTION =
      new RecordCoder<>(Production.class) {
        @Override
        protected void write(Production p, RecordOutput out) {
          out.shared(p.productionId());
          out.string(p.title());
          out.flag(p.nonfiction());
          writePosition(out, p.source());
        }

        @Override
        protected Production read(RecordInput in) throws IOException {
          return new Production(in.shared(), in.string(), in.flag(), readPosition(in));
        }
      };

  public static final RecordCoder<Finding> FINDING =
      new RecordCoder<>(Finding.class) {
        @Override
        protected void write(Finding f, RecordOutput out) {
          out.string(f.findingId());
          out.shared(f.rule());
          out.shared(f.principle());
          out.enumValue(f.severity());
          out.shared(f.report());
          out.shared(f.productionId());
          out.shared(f.vendorId());
          out.shared(f.subjectType());
          out.string(f.subjectId());
          out.shared(f.talentId());
          out.strings(f.assetIds());
          out.strings(f.eventIds());
          out.strings(f.disclosureIds());
          out.string(f.evidence());
          out.string(f.remediation());
          out.string(f.promptExcerpt());
          out.strings(f.watchlistHits());
          out.shared(f.toolId());
          out.shared(f.contentRole());
          out.shared(f.deliverableStatus());
          out.instant(f.firstEventAt());
          out.instant(f.lastEventAt());
        }

        @Override
        protected Finding read(RecordInput in) throws IOException {
          return new Finding(
              in.string(),
              in.shared(),
              in.shared(),
              in.enumValue(Severity.class),
              in.shared(),
              in.shared(),
              in.shared(),
              in.shared(),
              in.string(),
              in.shared(),
              in.strings(),
              in.strings(),
              in.strings(),
              in.string(),
              in.string(),
              in.string(),
              in.strings(),
              in.shared(),
              in.shared(),
              in.shared(),
              in.instant(),
              in.instant());
        }
      };

  public static final RecordCoder<RejectedRow> REJECTED_ROW =
      new RecordCoder<>(RejectedRow.class) {
        @Override
        protected void write(RejectedRow r, RecordOutput out) {
          out.shared(r.inputKind());
          out.shared(r.file());
          out.signed(r.line());
          out.string(r.rawText());
          out.string(r.reason());
        }

        @Override
        protected RejectedRow read(RecordInput in) throws IOException {
          return new RejectedRow(in.shared(), in.shared(), in.signed(), in.string(), in.string());
        }
      };

  public static final RecordCoder<AssetScan> ASSET_SCAN =
      new RecordCoder<>(AssetScan.class) {
        @Override
        protected void write(AssetScan s, RecordOutput out) {
          out.string(s.assetId());
          out.shared(s.productionId());
          out.string(s.detectedMediaType());
          out.flag(s.genai());
          out.string(s.genaiSignal());
          out.string(s.fileProblem());
          out.string(s.recordJson());
          out.string(s.tampering());
        }

        @Override
        protected AssetScan read(RecordInput in) throws IOException {
          return new AssetScan(
              in.string(), in.shared(), in.string(), in.flag(), in.string(), in.string(), in.string(), in.string());
        }
      };

  public static final RecordCoder<InputTally> INPUT_TALLY =
      new RecordCoder<>(InputTally.class) {
        @Override
        protected void write(InputTally t, RecordOutput out) {
          out.shared(t.inputKind());
          out.strings(t.files());
          out.signed(t.read());
          out.signed(t.accepted());
          out.signed(t.rejected());
          out.signed(t.skipped());
          out.signed(t.sources().size());
          for (SourceFileTally source : t.sources()) {
            out.string(source.file());
            out.shared(source.format());
            out.signed(source.read());
            out.signed(source.accepted());
            out.signed(source.rejected());
            out.signed(source.skipped());
          }
        }

        @Override
        protected InputTally read(RecordInput in) throws IOException {
          String kind = in.shared();
          List<String> files = in.strings();
          long read = in.signed();
          long accepted = in.signed();
          long rejected = in.signed();
          long skipped = in.signed();
          long count = in.signed();
          List<SourceFileTally> sources = new ArrayList<>();
          for (long i = 0; i < count; i++) {
            sources.add(new SourceFileTally(in.string(), in.shared(), in.signed(), in.signed(), in.signed(), in.signed()));
          }
          return new InputTally(kind, files, read, accepted, rejected, skipped, sources);
        }
      };

  public static final RecordCoder<LineageCycle> LINEAGE_CYCLE =
      new RecordCoder<>(LineageCycle.class) {
        @Override
        protected void write(LineageCycle c, RecordOutput out) {
          out.shared(c.productionId());
          out.strings(c.assetIds());
        }

        @Override
        protected LineageCycle read(RecordInput in) throws IOException {
          return new LineageCycle(in.shared(), in.strings());
        }
      };

  /** A production's findings and cycles, sharing one table of repeated values (rule, report, production). */
  public static final RecordCoder<AuditedProduction> AUDITED_PRODUCTION =
      new RecordCoder<>(AuditedProduction.class) {
        @Override
        protected void write(AuditedProduction a, RecordOutput out) {
          out.shared(a.productionId());
          out.records(a.findings(), FINDING);
          out.records(a.cycles(), LINEAGE_CYCLE);
        }

        @Override
        protected AuditedProduction read(RecordInput in) throws IOException {
          return new AuditedProduction(in.shared(), in.records(FINDING), in.records(LINEAGE_CYCLE));
        }
      };
}
