package org.provenanceaudit.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The parts of an ISO BMFF file (MP4, MOV, HEIF, AVIF) a {@code c2pa.hash.bmff} assertion hashes,
 * as the C2PA specification's "BMFF-Based Hash" section defines them: every byte of the file but
 * the boxes (or parts of boxes) its exclusions select by xpath, length, version, flags and data;
 * and for versions 2 and 3, before each top-level box not wholly excluded, that box's file
 * offset as 8 big-endian bytes. Only box headers are read here (within the scan's caps); the
 * hashing itself streams the file ({@link ContentDigest}).
 */
final class BmffHashBinding {
  private BmffHashBinding() {}

  /** Boxes whose body is a sequence of boxes (ISO/IEC 14496-12 and 23008-12). */
  private static final Set<String> CONTAINERS = Set.of(
      "moov", "trak", "edts", "mdia", "minf", "dinf", "stbl", "mvex", "moof", "traf", "mfra",
      "udta", "meta", "iprp", "ipco", "sinf", "schi", "tref", "grpl");
  /** Full boxes (ISO/IEC 14496-12): a version byte and 24 bits of flags follow the header. */
  private static final Set<String> FULL_BOXES = Set.of(
      "pdin", "mvhd", "tkhd", "mdhd", "hdlr", "nmhd", "elng", "stsd", "stdp", "stts", "ctts",
      "cslg", "stss", "stsh", "elst", "dref", "stsz", "stz2", "stsc", "stco", "co64", "padb",
      "subs", "saiz", "saio", "mehd", "trex", "mfhd", "tfhd", "trun", "tfra", "mfro", "tfdt",
      "leva", "trep", "assp", "sbgp", "sgpd", "csgp", "cprt", "tsel", "kind", "meta", "xml ",
      "bxml", "iloc", "pitm", "ipro", "infe", "iinf", "iref", "ipma", "schm", "fiin", "fpar",
      "fecr", "gitn", "fire", "stri", "stsg", "stvi", "csch", "sidx", "ssix", "prft", "srpp",
      "vmhd", "smhd", "srat", "chnl", "dmix", "txtC", "mime", "uri ", "uriI", "hmhd", "sthd",
      "vvhd", "medc", "uuid");

  /** A box of the file with its xpath ({@code /moov/trak}) and, for a full box, version and flags. */
  record PathBox(String path, long start, long end, int version, int flags, boolean topLevel) {}

  /** The hashed parts, and whether the file is fragmented ({@code moof} at the top level). */
  record Layout(List<ContentDigest.Part> parts, boolean fragmented) {}

  /**
   * Every box of the file down the container boxes, in file order.
   *
   * @throws MalformedContentException when a box header lies or the caps are passed
   */
  static List<PathBox> boxes(ScanContext ctx, ByteSource source) {
    List<PathBox> out = new ArrayList<>();
    walk(ctx, source, 0, source.size(), "", 0, out);
    return out;
  }

  private static void walk(ScanContext ctx, ByteSource source, long from, long to, String parent,
      int depth, List<PathBox> out) {
    ctx.checkDepth(depth, "ISO BMFF box", from);
    long at = from;
    while (to - at >= 8) {
      BmffBox box = BmffBox.read(ctx, source, at, to);
      String path = parent + "/" + box.name();
      int version = -1;
      int flags = -1;
      long body = box.body();
      if (box.type().equals("uuid")) {
        body += 16;
      }
      if (FULL_BOXES.contains(box.name()) && box.end() - body >= 4) {
        long word = source.u32be(body, "ISO BMFF full box header");
        version = (int) (word >>> 24);
        flags = (int) (word & 0xFFFFFF);
      }
      out.add(new PathBox(path, box.at(), box.end(), version, flags, depth == 0));
      if (CONTAINERS.contains(box.name())) {
        long children = box.name().equals("meta") && version == 0 && isFullMeta(source, box) ? body + 4 : body;
        walk(ctx, source, children, box.end(), path, depth + 1, out);
      }
      at = box.end();
    }
  }

  /** An ISO meta box is a full box; a QuickTime one is not (its first child's size follows). */
  private static boolean isFullMeta(ByteSource source, BmffBox box) {
    return box.end() - box.body() >= 12
        && !Bytes.fourCc(source.read(box.body() + 4, 4, "meta child type"), 0).equals("hdlr");
  }

  /**
   * The parts a BMFF hash assertion covers in this file.
   *
   * @param source the file, for the exclusions' data conditions
   * @param boxes the file's boxes ({@link #boxes})
   * @param assertion the decoded {@code c2pa.hash.bmff} assertion
   * @param version 1, 2 or 3, from the assertion's label
   * @throws MalformedContentException when an exclusion is not shaped as the specification says
   */
  static Layout layout(ByteSource source, List<PathBox> boxes, JsonNode assertion, int version) {
    long size = source.size();
    JsonNode exclusions = assertion.get("exclusions");
    if (exclusions != null && !exclusions.isArray()) {
      throw new MalformedContentException("exclusions is not an array");
    }
    List<Long> topLevel = new ArrayList<>(boxes.stream().filter(PathBox::topLevel).map(PathBox::start).toList());
    List<ContentDigest.Range> excluded = new ArrayList<>();
    for (JsonNode exclusion : exclusions == null ? List.<JsonNode>of() : exclusions) {
      JsonNode xpath = exclusion.get("xpath");
      if (xpath == null || !xpath.isTextual()) {
        throw new MalformedContentException("an exclusion has no xpath");
      }
      for (PathBox box : boxes) {
        if (!box.path().equals(xpath.asText()) || !selects(source, exclusion, box)) {
          continue;
        }
        long length = box.end() - box.start();
        JsonNode subsets = exclusion.get("subset");
        if (subsets != null && subsets.isArray()) {
          for (JsonNode subset : subsets) {
            long offset = subset.path("offset").asLong(-1);
            long subsetLength = subset.path("length").asLong(-1);
            if (offset < 0 || subsetLength < 0) {
              throw new MalformedContentException("a subset of exclusion " + xpath.asText() + " lacks offset or length");
            }
            if (offset > length) {
              continue;
            }
            long kept = subsetLength == 0 ? length - offset : Math.min(subsetLength, length - offset);
            excluded.add(new ContentDigest.Range(box.start() + offset, kept));
          }
        } else {
          excluded.add(new ContentDigest.Range(box.start(), length));
          topLevel.remove(box.start());
        }
      }
    }
    excluded.sort(Comparator.comparingLong(ContentDigest.Range::start));
    List<ContentDigest.Range> included = ContentDigest.complement(size, merge(excluded));
    List<ContentDigest.Part> parts = version >= 2 ? withOffsetMarkers(included, topLevel) : new ArrayList<>(included);
    boolean fragmented = boxes.stream().anyMatch(b -> b.topLevel() && b.path().equals("/moof"));
    return new Layout(parts, fragmented);
  }

  /** Whether the exclusion's length, version, flags and data conditions hold for the box. */
  private static boolean selects(ByteSource source, JsonNode exclusion, PathBox box) {
    JsonNode length = exclusion.get("length");
    if (length != null && !length.isNull() && length.asLong() != box.end() - box.start()) {
      return false;
    }
    JsonNode version = exclusion.get("version");
    if (version != null && !version.isNull() && box.version() >= 0 && version.asInt() != box.version()) {
      return false;
    }
    JsonNode flags = exclusion.get("flags");
    if (flags != null && flags.isBinary() && box.flags() >= 0) {
      byte[] bytes = binary(flags);
      int wanted = bytes.length >= 3 ? ((bytes[0] & 0xFF) << 16) | ((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF) : 0;
      boolean exact = exclusion.path("exact").asBoolean(true);
      if (exact ? wanted != box.flags() : (wanted | box.flags()) != wanted) {
        return false;
      }
    }
    JsonNode data = exclusion.get("data");
    if (data != null && data.isArray()) {
      for (JsonNode entry : data) {
        if (!entry.path("value").isBinary()) {
          throw new MalformedContentException("an exclusion's data entry has no byte-string value");
        }
        if (!dataMatches(source, box, entry.path("offset").asLong(-1), binary(entry.get("value")))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean dataMatches(ByteSource source, PathBox box, long offset, byte[] value) {
    if (offset < 0 || box.start() + offset + value.length > box.end()) {
      return false;
    }
    return Arrays.equals(source.read(box.start() + offset, value.length, "BMFF exclusion data"), value);
  }

  private static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new MalformedContentException("unreadable byte string in a BMFF exclusion");
    }
  }

  private static List<ContentDigest.Range> merge(List<ContentDigest.Range> sorted) {
    List<ContentDigest.Range> merged = new ArrayList<>();
    for (ContentDigest.Range range : sorted) {
      if (range.length() == 0) {
        continue;
      }
      ContentDigest.Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && range.start() <= last.end()) {
        merged.set(merged.size() - 1,
            new ContentDigest.Range(last.start(), Math.max(last.end(), range.end()) - last.start()));
      } else {
        merged.add(range);
      }
    }
    return merged;
  }

  /**
   * Splits the included ranges at each marked offset and puts the marker first; a marker outside
   * every included range (its box partly excluded from its first byte) still counts when it lies
   * between the first and the last included byte, as the reference implementation hashes it.
   */
  private static List<ContentDigest.Part> withOffsetMarkers(List<ContentDigest.Range> included, List<Long> offsets) {
    List<Long> sorted = offsets.stream().sorted().toList();
    List<ContentDigest.Part> parts = new ArrayList<>();
    for (ContentDigest.Range range : included) {
      long start = range.start();
      for (long offset : sorted) {
        if (offset >= start && offset < range.end()) {
          if (offset > start) {
            parts.add(new ContentDigest.Range(start, offset - start));
          }
          parts.add(new ContentDigest.OffsetMarker(offset));
          start = offset;
        }
      }
      parts.add(new ContentDigest.Range(start, range.end() - start));
    }
    if (!included.isEmpty()) {
      long first = included.get(0).start();
      long last = included.get(included.size() - 1).end() - 1;
      for (long offset : sorted) {
        boolean inside = included.stream().anyMatch(r -> offset >= r.start() && offset < r.end());
        if (!inside && offset > first && offset < last) {
          parts.add(new ContentDigest.OffsetMarker(offset));
        }
      }
    }
    parts.sort(Comparator.comparingLong(ContentDigest.Part::position)
        .thenComparing(p -> p instanceof ContentDigest.Range ? 1 : 0));
    return parts;
  }
}
