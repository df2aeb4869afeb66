package org.provenanceaudit.pipeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.provenanceaudit.io.RejectedRow;
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
import org.provenanceaudit.report.InputTally;
import org.provenanceaudit.report.LineageCycle;

/** The coder of every record type that crosses a shuffle. */
public final class ModelCoders {

  private ModelCoders() {}

  private static void writePosition(DataOutputStream out, SourcePosition position) throws IOException {
    RecordCoder.writeString(out, position.file());
    out.writeLong(position.line());
  }

  private static SourcePosition readPosition(DataInputStream in) throws IOException {
    return new SourcePosition(RecordCoder.readString(in), in.readLong());
  }

  public static final RecordCoder<Asset> ASSET =
      new RecordCoder<>(Asset.class) {
        @Override
        protected void write(Asset a, DataOutputStream out) throws IOException {
          writeString(out, a.assetId());
          writeString(out, a.productionId());
          writeString(out, a.vendorId());
          writeEnum(out, a.deliverableStatus());
          writeString(out, a.mediaType());
          writeString(out, a.filePath());
          writeString(out, a.sha256());
          writeInstant(out, a.createdAt());
          writeStrings(out, a.derivedFrom());
          writeStrings(out, a.talentIds());
          writeStrings(out, a.ipRefs());
          out.writeBoolean(a.personalData());
          out.writeBoolean(a.unionCovered());
          writeEnum(out, a.contentRole());
          out.writeBoolean(a.aiLabeled());
          writePosition(out, a.source());
        }

        @Override
        protected Asset read(DataInputStream in) throws IOException {
          return new Asset(
              readString(in),
              readString(in),
              readString(in),
              readEnum(in, DeliverableStatus.class),
              readString(in),
              readString(in),
              readString(in),
              readInstant(in),
              readStrings(in),
              readStrings(in),
              readStrings(in),
              in.readBoolean(),
              in.readBoolean(),
              readEnum(in, ContentRole.class),
              in.readBoolean(),
              readPosition(in));
        }
      };

  public static final RecordCoder<ToolEvent> TOOL_EVENT =
      new RecordCoder<>(ToolEvent.class) {
        @Override
        protected void write(ToolEvent e, DataOutputStream out) throws IOException {
          writeString(out, e.eventId());
          writeInstant(out, e.timestamp());
          writeString(out, e.productionId());
          writeString(out, e.vendorId());
          writeString(out, e.toolId());
          writeEnum(out, e.operation());
          writeString(out, e.userId());
          writeString(out, e.model());
          writeStrings(out, e.inputAssetIds());
          writeStrings(out, e.outputAssetIds());
          writeString(out, e.prompt());
          writeEnum(out, e.deployment());
          writeEnum(out, e.dataRetention());
          writePosition(out, e.source());
        }

        @Override
        protected ToolEvent read(DataInputStream in) throws IOException {
          return new ToolEvent(
              readString(in),
              readInstant(in),
              readString(in),
              readString(in),
              readString(in),
              readEnum(in, Operation.class),
              readString(in),
              readString(in),
              readStrings(in),
              readStrings(in),
              readString(in),
              readEnum(in, Deployment.class),
              readEnum(in, DataRetention.class),
              readPosition(in));
        }
      };

  public static final RecordCoder<Disclosure> DISCLOSURE =
      new RecordCoder<>(Disclosure.class) {
        @Override
        protected void write(Disclosure d, DataOutputStream out) throws IOException {
          writeString(out, d.disclosureId());
          writeString(out, d.productionId());
          writeString(out, d.vendorId());
          writeStrings(out, d.toolIds());
          writeEnumSet(out, d.operations(), Operation.class);
          writeString(out, d.purpose());
          writeInstant(out, d.validFrom());
          writeInstant(out, d.validTo());
          writeInstant(out, d.submittedAt());
          writeStrings(out, d.assetScope());
          writeEnumSet(out, d.approvals(), Approval.class);
          writeString(out, d.approvalRef());
          writePosition(out, d.source());
        }

        @Override
        protected Disclosure read(DataInputStream in) throws IOException {
          return new Disclosure(
              readString(in),
              readString(in),
              readString(in),
              readStrings(in),
              readEnumSet(in, Operation.class),
              readString(in),
              readInstant(in),
              readInstant(in),
              readInstant(in),
              readStrings(in),
              readEnumSet(in, Approval.class),
              readString(in),
              readPosition(in));
        }
      };

  public static final RecordCoder<Consent> CONSENT =
      new RecordCoder<>(Consent.class) {
        @Override
        protected void write(Consent c, DataOutputStream out) throws IOException {
          writeString(out, c.consentId());
          writeString(out, c.talentId());
          writeString(out, c.productionId());
          writeEnumSet(out, c.scope(), ConsentScope.class);
          writeInstant(out, c.validFrom());
          writeInstant(out, c.validTo());
          out.writeBoolean(c.revoked());
          writePosition(out, c.source());
        }

        @Override
        protected Consent read(DataInputStream in) throws IOException {
          return new Consent(
              readString(in),
              readString(in),
              readString(in),
              readEnumSet(in, ConsentScope.class),
              readInstant(in),
              readInstant(in),
              in.readBoolean(),
              readPosition(in));
        }
      };

  public static final RecordCoder<Production> PRODUCTION =
      new RecordCoder<>(Production.class) {
        @Override
        protected void write(Production p, DataOutputStream out) throws IOException {
          writeString(out, p.productionId());
          writeString(out, p.title());
          out.writeBoolean(p.nonfiction());
          writePosition(out, p.source());
        }

        @Override
        protected Production read(DataInputStream in) throws IOException {
          return new Production(readString(in), readString(in), in.readBoolean(), readPosition(in));
        }
      };

  public static final RecordCoder<Finding> FINDING =
      new RecordCoder<>(Finding.class) {
        @Override
        protected void write(Finding f, DataOutputStream out) throws IOException {
          writeString(out, f.findingId());
          writeString(out, f.rule());
          writeString(out, f.principle());
          writeEnum(out, f.severity());
          writeString(out, f.report());
          writeString(out, f.productionId());
          writeString(out, f.vendorId());
          writeString(out, f.subjectType());
          writeString(out, f.subjectId());
          writeString(out, f.talentId());
          writeStrings(out, f.assetIds());
          writeStrings(out, f.eventIds());
          writeStrings(out, f.disclosureIds());
          writeString(out, f.evidence());
          writeString(out, f.remediation());
          writeString(out, f.promptExcerpt());
          writeStrings(out, f.watchlistHits());
        }

        @Override
        protected Finding read(DataInputStream in) throws IOException {
          return new Finding(
              readString(in),
              readString(in),
              readString(in),
              readEnum(in, Severity.class),
              readString(in),
              readString(in),
              readString(in),
              readString(in),
              readString(in),
              readString(in),
              readStrings(in),
              readStrings(in),
              readStrings(in),
              readString(in),
              readString(in),
              readString(in),
              readStrings(in));
        }
      };

  public static final RecordCoder<RejectedRow> REJECTED_ROW =
      new RecordCoder<>(RejectedRow.class) {
        @Override
        protected void write(RejectedRow r, DataOutputStream out) throws IOException {
          writeString(out, r.inputKind());
          writeString(out, r.file());
          out.writeLong(r.line());
          writeString(out, r.rawText());
          writeString(out, r.reason());
        }

        @Override
        protected RejectedRow read(DataInputStream in) throws IOException {
          return new RejectedRow(readString(in), readString(in), in.readLong(), readString(in), readString(in));
        }
      };

  public static final RecordCoder<AssetScan> ASSET_SCAN =
      new RecordCoder<>(AssetScan.class) {
        @Override
        protected void write(AssetScan s, DataOutputStream out) throws IOException {
          writeString(out, s.assetId());
          writeString(out, s.productionId());
          writeString(out, s.detectedMediaType());
          out.writeBoolean(s.genai());
          writeString(out, s.genaiSignal());
          writeString(out, s.fileProblem());
          writeString(out, s.recordJson());
        }

        @Override
        protected AssetScan read(DataInputStream in) throws IOException {
          return new AssetScan(
              readString(in), readString(in), readString(in), in.readBoolean(), readString(in), readString(in), readString(in));
        }
      };

  public static final RecordCoder<InputTally> INPUT_TALLY =
      new RecordCoder<>(InputTally.class) {
        @Override
        protected void write(InputTally t, DataOutputStream out) throws IOException {
          writeString(out, t.inputKind());
          writeStrings(out, t.files());
          out.writeLong(t.read());
          out.writeLong(t.accepted());
          out.writeLong(t.rejected());
        }

        @Override
        protected InputTally read(DataInputStream in) throws IOException {
          return new InputTally(readString(in), readStrings(in), in.readLong(), in.readLong(), in.readLong());
        }
      };

  public static final RecordCoder<LineageCycle> LINEAGE_CYCLE =
      new RecordCoder<>(LineageCycle.class) {
        @Override
        protected void write(LineageCycle c, DataOutputStream out) throws IOException {
          writeString(out, c.productionId());
          writeStrings(out, c.assetIds());
        }

        @Override
        protected LineageCycle read(DataInputStream in) throws IOException {
          return new LineageCycle(readString(in), readStrings(in));
        }
      };
}
