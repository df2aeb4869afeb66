package org.provenanceaudit.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hashes the parts of a file a C2PA hard binding covers, streaming them through a JDK
 * {@link MessageDigest} one buffer at a time: the file is never held in memory, and the digest
 * reads at disk speed. The parts are byte ranges, plus for BMFF hashes v2 and v3 the 8-byte
 * big-endian offset markers the C2PA specification ("BMFF-Based Hash") hashes before each
 * top-level box.
 */
final class ContentDigest {
  private ContentDigest() {}

  /** The read buffer: 1 MiB, large enough that each read is one sequential disk request. */
  static final int BUFFER_BYTES = ScanLimits.MIB;

  /** One piece of the hashed stream, in file order. */
  sealed interface Part permits Range, OffsetMarker {
    long position();
  }

  /** The file's bytes {@code [start, start + length)}. */
  record Range(long start, long length) implements Part {
    @Override
    public long position() {
      return start;
    }

    long end() {
      return start + length;
    }
  }

  /** The offset itself, as 8 big-endian bytes, hashed in place of nothing (BMFF v2/v3). */
  record OffsetMarker(long offset) implements Part {
    @Override
    public long position() {
      return offset;
    }
  }

  /**
   * The digest for a C2PA algorithm name ({@code sha256}, {@code sha384}, {@code sha512}), or
   * empty for any other name (status {@code algorithm.unsupported}).
   */
  static Optional<MessageDigest> forAlgorithm(String c2paName) {
    String jdkName = switch (c2paName == null ? "" : c2paName) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> null;
    };
    if (jdkName == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MessageDigest.getInstance(jdkName));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jdkName, e);
    }
  }

  /**
   * The ranges of a file of {@code size} bytes left after removing {@code exclusions}, which must
   * be sorted by start, non-overlapping and inside the file ({@link #checkExclusions}).
   */
  static List<Range> complement(long size, List<Range> exclusions) {
    List<Range> kept = new ArrayList<>();
    long at = 0;
    for (Range exclusion : exclusions) {
      if (exclusion.start() > at) {
        kept.add(new Range(at, exclusion.start() - at));
      }
      at = Math.max(at, exclusion.end());
    }
    if (at < size) {
      kept.add(new Range(at, size - at));
    }
    return kept;
  }

  /**
   * Why {@code exclusions} (sorted by start) cannot be applied to a file of {@code size} bytes, or
   * empty when each lies inside the file and none overlaps the next.
   */
  static Optional<String> checkExclusions(long size, List<Range> exclusions) {
    long previousEnd = 0;
    for (Range exclusion : exclusions) {
      if (exclusion.start() < 0 || exclusion.length() < 0 || exclusion.end() < exclusion.start()
          || exclusion.end() > size) {
        return Optional.of("exclusion range at " + exclusion.start() + " of " + exclusion.length()
            + " bytes lies outside the file of " + size + " bytes");
      }
      if (exclusion.start() < previousEnd) {
        return Optional.of("exclusion range at " + exclusion.start() + " overlaps the previous one");
      }
      previousEnd = exclusion.end();
    }
    return Optional.empty();
  }

  /**
   * Feeds {@code parts} (in file order, ranges inside the file) to {@code digest} and returns the
   * digest value.
   *
   * @throws IOException when the file cannot be read, or ends before a range does
   */
  static byte[] hash(SeekableByteChannel file, MessageDigest digest, List<? extends Part> parts)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    ByteBuffer marker = ByteBuffer.allocate(Long.BYTES);
    for (Part part : parts) {
      if (part instanceof OffsetMarker m) {
        marker.clear();
        marker.putLong(m.offset()).flip();
        digest.update(marker);
        continue;
      }
      Range range = (Range) part;
      file.position(range.start());
      long left = range.length();
      while (left > 0) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), left));
        int read = file.read(buffer);
        if (read < 0) {
          throw new IOException("file ended inside the hashed range at " + range.start());
        }
        buffer.flip();
        digest.update(buffer);
        left -= read;
      }
    }
    return digest.digest();
  }
}
