package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.RejectedRow;
import org.provenanceaudit.io.SourceFileTally;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.SourcePosition;
import org.provenanceaudit.report.InputTally;

/**
 * Settles "the first occurrence of an id wins" between the files of an input that were read side
 * by side ({@link ReadInput}), so that the records, the rejected rows and the tallies are, byte for
 * byte, those of one reader reading the files one after the other in path order.
 *
 * <p>Each file's reader has already rejected the repeats within its file. It also sends every id
 * it accepted, with the line and the production, in packed chunks keyed by the id's {@link
 * #bucket} (a fixed number of buckets, and Java's specified {@link String#hashCode}, so the same on
 * every runner and machine). Per bucket, an id accepted in several files keeps its occurrence in
 * the first file in path order; each later one is a <em>duplicate</em>. Then:
 *
 * <ul>
 *   <li>the duplicates leave the records: each production's chunks meet that production's
 *       duplicates in one grouping, and a chunk that holds none passes unopened;
 *   <li>each file that holds duplicates is read a second time, to rebuild its rejected rows in file
 *       order with each duplicate where its line is, its raw text, and the reason naming the
 *       winning occurrence; a repeat within the file of such an id now names that same first
 *       occurrence, as one reader would have. Its tally moves the duplicates from accepted to
 *       rejected. Both go to "settled" part files that the report writer takes instead of the
 *       reader's ({@link StagedParts}).
 * </ul>
 *
 * A file is read a second time only when it holds a duplicate, which a clean export never does:
 * the cost of the check on a clean input is one grouping of its ids (about 40 bytes per row).
 */
final class SettleDuplicates<T> {

  /** Buckets the ids are grouped in: enough to spread the work over a cluster's workers, few enough to keep chunks full. */
  static final int BUCKETS = 64;

  /** Ids a reader holds per bucket before the chunk leaves. */
  private static final int IDS_PER_CHUNK = 2048;

  /** The coder of a packed chunk of ids keyed by bucket. */
  static final KvCoder<Integer, byte[]> IDS = KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /** An id a file's reader accepted: the file's number in path order, the id, its line, its record's production. */
  record IdSeen(int file, String id, long line, String production) {}

  static final RecordCoder<IdSeen> ID_SEEN =
      new RecordCoder<>(IdSeen.class) {
        @Override
        protected void write(IdSeen seen, RecordOutput out) {
          out.number(seen.file());
          out.string(seen.id());
          out.number(seen.line());
          out.shared(seen.production());
        }

        @Override
        protected IdSeen read(RecordInput in) throws IOException {
          return new IdSeen((int) in.number(), in.string(), in.number(), in.shared());
        }
      };

  /**
   * A later occurrence of an id: the file's number, the id, its line and production, and where the
   * id was first accepted.
   */
  record Duplicate(int file, String id, long line, String production, String firstFile, long firstLine) {
    SourcePosition first() {
      return new SourcePosition(firstFile, firstLine);
    }
  }

  static final RecordCoder<Duplicate> DUPLICATE =
      new RecordCoder<>(Duplicate.class) {
        @Override
        protected void write(Duplicate d, RecordOutput out) {
          out.number(d.file());
          out.string(d.id());
          out.number(d.line());
          out.shared(d.production());
          out.shared(d.firstFile());
          out.number(d.firstLine());
        }

        @Override
        protected Duplicate read(RecordInput in) throws IOException {
          return new Duplicate((int) in.number(), in.string(), in.number(), in.shared(), in.shared(), in.number());
        }
      };

  /** The bucket of {@code id}: its {@link String#hashCode}, which the Java language specifies, modulo {@link #BUCKETS}. */
  static int bucket(String id) {
    return Math.floorMod(id.hashCode(), BUCKETS);
  }

  private static final TupleTag<byte[]> CHUNKS = new TupleTag<>() {};
  private static final TupleTag<Duplicate> DROPPED = new TupleTag<>() {};

  private final InputKind kind;
  private final List<String> files;
  private final SourceFormats formats;
  private final InputRecords<T> records;
  private final String stagingDir;

  /** @param files the input's files in path order: a file's number is its place in this list */
  SettleDuplicates(InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records, String stagingDir) {
    this.kind = kind;
    this.files = List.copyOf(files);
    this.formats = formats;
    this.records = records;
    this.stagingDir = stagingDir;
  }

  /**
   * The records without the duplicates between files ({@link ReadInput#RECORDS}), and the settled
   * part files ({@link ReadInput#SETTLED}), from the readers' records and ids.
   */
  PCollectionTuple settle(PCollection<KV<String, byte[]>> read, PCollection<KV<Integer, byte[]>> ids) {
    PCollection<Duplicate> duplicates =
        ids.apply("GroupIdsByBucket", GroupByKey.create())
            .apply("FindDuplicates", ParDo.of(new FindDuplicatesFn(files)))
            .setCoder(DUPLICATE);
    PCollection<KV<String, Duplicate>> byProduction =
        duplicates
            .apply("KeyByProduction", ParDo.of(new KeyFn<>(Duplicate::production)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), DUPLICATE));
    PCollection<KV<String, byte[]>> kept =
        KeyedPCollectionTuple.of(CHUNKS, read)
            .and(DROPPED, byProduction)
            .apply("MeetDuplicates", CoGroupByKey.create())
            .apply("DropDuplicates", ParDo.of(new DropDuplicatesFn<>(files, records)))
            .setCoder(Chunks.PACKED);
    PCollection<String> settled =
        duplicates
            .apply("KeyByFile", ParDo.of(new KeyFn<>(Duplicate::file)))
            .setCoder(KvCoder.of(VarIntCoder.of(), DUPLICATE))
            .apply("GroupByFile", GroupByKey.create())
            .apply("RewriteRejectedRows", ParDo.of(new RewriteRejectedFn<>(kind, files, formats, records, stagingDir)))
            .setCoder(StringUtf8Coder.of());
    return PCollectionTuple.of(ReadInput.RECORDS, kept).and(ReadInput.SETTLED, settled);
  }

  /** Collects a reader's accepted ids per bucket and sends each bucket's chunk when it is full, and the rest at the end. */
  static final class IdSender {
    private final int file;
    private final DoFn.OutputReceiver<KV<Integer, byte[]>> out;
    private final List<List<IdSeen>> buckets = new ArrayList<>(BUCKETS);

    IdSender(int file, DoFn.OutputReceiver<KV<Integer, byte[]>> out) {
      this.file = file;
      this.out = out;
      for (int i = 0; i < BUCKETS; i++) {
        buckets.add(new ArrayList<>());
      }
    }

    void add(String id, long line, String production) {
      int bucket = bucket(id);
      List<IdSeen> chunk = buckets.get(bucket);
      chunk.add(new IdSeen(file, id, line, production));
      if (chunk.size() == IDS_PER_CHUNK) {
        send(bucket);
      }
    }

    void flushAll() {
      for (int bucket = 0; bucket < BUCKETS; bucket++) {
        send(bucket);
      }
    }

    private void send(int bucket) {
      List<IdSeen> chunk = buckets.get(bucket);
      if (chunk.isEmpty()) {
        return;
      }
      try {
        out.output(KV.of(bucket, ID_SEEN.chunks().pack(chunk)));
      } catch (CoderException e) {
        throw new IllegalStateException("a chunk of ids cannot be written", e);
      }
      chunk.clear();
    }
  }

  /** Keys each element by a function of it. */
  private static final class KeyFn<K, V> extends DoFn<V, KV<K, V>> {
    private final SerializableFunction<V, K> key;

    KeyFn(SerializableFunction<V, K> key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element V element, OutputReceiver<KV<K, V>> out) {
      out.output(KV.of(key.apply(element), element));
    }
  }

  /** One bucket's ids: every occurrence after the first file's is a {@link Duplicate}. */
  static final class FindDuplicatesFn extends DoFn<KV<Integer, Iterable<byte[]>>, Duplicate> {
    private final List<String> files;

    FindDuplicatesFn(List<String> files) {
      this.files = files;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> bucket, OutputReceiver<Duplicate> out) throws CoderException {
      Map<String, IdSeen> first = new HashMap<>();
      List<IdSeen> later = new ArrayList<>();
      for (byte[] chunk : bucket.getValue()) {
        for (IdSeen seen : ID_SEEN.chunks().unpack(chunk)) {
          IdSeen held = first.putIfAbsent(seen.id(), seen);
          if (held == null) {
            continue;
          }
          if (seen.file() < held.file()) {
            first.put(seen.id(), seen);
            later.add(held);
          } else {
            later.add(seen);
          }
        }
      }
      for (IdSeen seen : later) {
        IdSeen winner = first.get(seen.id());
        out.output(new Duplicate(seen.file(), seen.id(), seen.line(), seen.production(), files.get(winner.file()), winner.line()));
      }
    }
  }

  /** One production's chunks without the production's duplicates; chunks holding none pass as they came. */
  static final class DropDuplicatesFn<T> extends DoFn<KV<String, CoGbkResult>, KV<String, byte[]>> {
    private final List<String> files;
    private final InputRecords<T> records;

    DropDuplicatesFn(List<String> files, InputRecords<T> records) {
      this.files = files;
      this.records = records;
    }

    /** A record as the duplicates name it: within one file's accepted records an id is unique. */
    private static String occurrence(String file, String id) {
      return file + '\n' + id;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> production, OutputReceiver<KV<String, byte[]>> out) {
      String key = production.getKey();
      Set<String> dropped = new HashSet<>();
      for (Duplicate duplicate : production.getValue().getAll(DROPPED)) {
        dropped.add(occurrence(files.get(duplicate.file()), duplicate.id()));
      }
      int left = dropped.size();
      for (byte[] chunk : production.getValue().getAll(CHUNKS)) {
        if (dropped.isEmpty()) {
          out.output(KV.of(key, chunk));
          continue;
        }
        List<T> rows = Chunks.unpack(List.of(chunk), records.coder());
        List<T> kept = new ArrayList<>(rows.size());
        for (T row : rows) {
          if (dropped.contains(occurrence(records.source().apply(row).file(), records.id().apply(row)))) {
            left--;
          } else {
            kept.add(row);
          }
        }
        if (kept.size() == rows.size()) {
          out.output(KV.of(key, chunk));
        } else if (!kept.isEmpty()) {
          out.output(Chunks.packed(key, kept, records.coder()));
        }
      }
      if (left != 0) {
        throw new IllegalStateException(
            "production " + key + ": " + left + " duplicate rows between files were not found among its records");
      }
    }
  }

  /**
   * Reads a file that holds duplicates a second time and stages its rejected rows and tally as one
   * reader of every file in path order would have made them; outputs the settled rejected part's
   * path.
   */
  static final class RewriteRejectedFn<T> extends DoFn<KV<Integer, Iterable<Duplicate>>, String> {
    private final InputKind kind;
    private final List<String> files;
    private final SourceFormats formats;
    private final InputRecords<T> records;
    private final String stagingDir;

    RewriteRejectedFn(InputKind kind, List<String> files, SourceFormats formats, InputRecords<T> records, String stagingDir) {
      this.kind = kind;
      this.files = files;
      this.formats = formats;
      this.records = records;
      this.stagingDir = stagingDir;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Duplicate>> duplicates, OutputReceiver<String> out) throws IOException {
      int number = duplicates.getKey();
      String file = files.get(number);
      Map<String, SourcePosition> firstById = new HashMap<>();
      for (Duplicate duplicate : duplicates.getValue()) {
        firstById.put(duplicate.id(), duplicate.first());
      }
      InputReader<T> reader = ReadInput.reader(kind, records.coder().type(), formats);
      long[] found = {0};
      try (StagedParts.ReadReport report = StagedParts.settledReport(stagingDir, kind, number)) {
        reader.readAll(
            List.of(file),
            new InputReader.Rows<T>() {
              @Override
              public void accepted(T record, String id, SourcePosition at, Supplier<String> rawText) {
                SourcePosition first = firstById.get(id);
                if (first != null) {
                  found[0]++;
                  report.rejected(
                      new RejectedRow(kind.contractName(), file, at.line(), rawText.get(), InputReader.duplicateReason(kind, id, first)));
                }
              }

              @Override
              public void rejected(RejectedRow row, String repeatedId) {
                SourcePosition first = repeatedId == null ? null : firstById.get(repeatedId);
                report.rejected(
                    first == null
                        ? row
                        : new RejectedRow(row.inputKind(), row.file(), row.line(), row.rawText(), InputReader.duplicateReason(kind, repeatedId, first)));
              }
            });
        if (found[0] != firstById.size()) {
          throw new IllegalStateException(
              "input file " + file + " changed after the run started: " + firstById.size() + " of its ids were accepted in an earlier"
                  + " file, " + found[0] + " of them are there now");
        }
        long moved = found[0];
        List<SourceFileTally> sources = new ArrayList<>();
        for (SourceFileTally source : reader.sources()) {
          sources.add(
              new SourceFileTally(source.file(), source.format(), source.read(), source.accepted() - moved, source.rejected() + moved, source.skipped()));
        }
        report.tally(
            new InputTally(
                kind.contractName(), List.of(file), reader.read(), reader.accepted() - moved, reader.rejected() + moved, reader.skipped(), sources));
        out.output(report.rejectedPart());
      } catch (MissingColumnException e) {
        throw ReadInput.changedSinceStart(e);
      }
    }
  }
}
