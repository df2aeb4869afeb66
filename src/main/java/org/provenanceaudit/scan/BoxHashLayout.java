package org.provenanceaudit.scan;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The boxes a C2PA {@code c2pa.hash.boxes} assertion names, in file order, for the formats whose
 * box names the C2PA specification ("General Box Hash") and the reference implementation define:
 * JPEG marker segments ({@code SOI}, {@code APP0}..{@code APP15}, {@code DQT}, {@code SOF0}, ...,
 * {@code SOS} with its entropy-coded data, {@code EOI}) and PNG chunks ({@code PNGh} for the
 * signature, then each chunk by its type). The APP11 segments (JPEG) or {@code caBX} chunk (PNG)
 * that carry the manifest store are one box named {@code C2PA}, whose hash is not checked.
 */
final class BoxHashLayout {
  private BoxHashLayout() {}

  static final String C2PA = "C2PA";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** One box: its name and the bytes {@code [start, start + length)} of the file it spans. */
  record NamedBox(String name, long start, long length) {}

  /**
   * The boxes of a JPEG or PNG file, or empty for any other format.
   *
   * @throws MalformedContentException when the segments or chunks do not parse, or there are more
   *     than {@code maxBoxes}
   * @throws IOException when the file cannot be read
   */
  static Optional<List<NamedBox>> of(SeekableByteChannel file, int maxBoxes) throws IOException {
    byte[] head = new byte[8];
    file.position(0);
    int n = Channels.newInputStream(file).readNBytes(head, 0, head.length);
    if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
      return Optional.of(jpeg(file, maxBoxes));
    }
    if (n == 8 && Arrays.equals(head, PNG_SIGNATURE)) {
      return Optional.of(png(file, maxBoxes));
    }
    return Optional.empty();
  }

  /** Reads the file in order through a 1 MiB buffer, counting the position. */
  private static final class Cursor {
    private final InputStream in;
    long position;

    Cursor(SeekableByteChannel file) throws IOException {
      file.position(0);
      in = new BufferedInputStream(Channels.newInputStream(file), ContentDigest.BUFFER_BYTES);
    }

    int next() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      position++;
      return b;
    }

    /** The next byte, or -1 at the end of the file. */
    int peek() throws IOException {
      in.mark(1);
      int b = in.read();
      in.reset();
      return b;
    }

    byte[] bytes(int count) throws IOException {
      byte[] out = in.readNBytes(count);
      if (out.length < count) {
        throw new EOFException();
      }
      position += count;
      return out;
    }

    /** The byte after the next one, or -1 at the end of the file. */
    int peekSecond() throws IOException {
      in.mark(2);
      in.read();
      int b = in.read();
      in.reset();
      return b;
    }

    void skip(long count) throws IOException {
      in.skipNBytes(count);
      position += count;
    }
  }

  private static List<NamedBox> jpeg(SeekableByteChannel file, int maxBoxes) throws IOException {
    List<NamedBox> boxes = new ArrayList<>();
    Cursor in = new Cursor(file);
    try {
      in.skip(2);
      boxes.add(new NamedBox("SOI", 0, 2));
      int c2paIndex = -1;
      byte[] c2paInstance = null;
      while (in.peek() >= 0) {
        if (boxes.size() > maxBoxes) {
          throw new MalformedContentException("more than " + maxBoxes + " JPEG segments");
        }
        long start = in.position;
        if (in.next() != 0xFF) {
          throw new MalformedContentException("no JPEG marker at offset " + start);
        }
        int marker = in.next();
        while (marker == 0xFF) {
          start++;
          marker = in.next();
        }
        if (marker == 0xD9) {
          boxes.add(new NamedBox("EOI", start, 2));
          break;
        }
        if (marker >= 0xD0 && marker <= 0xD7) {
          continue;
        }
        int length = (in.next() << 8) | in.next();
        if (length < 2) {
          throw new MalformedContentException("JPEG segment at offset " + start + " declares length " + length);
        }
        if (marker == 0xEB) {
          byte[] payload = in.bytes(length - 2);
          if (payload.length <= 16) {
            continue;
          }
          byte[] instance = Arrays.copyOfRange(payload, 2, 4);
          if (c2paIndex >= 0 && Arrays.equals(instance, c2paInstance)) {
            NamedBox first = boxes.get(c2paIndex);
            boxes.set(c2paIndex, new NamedBox(C2PA, first.start(), first.length() + payload.length + 4));
            continue;
          }
          boolean isC2pa = payload.length >= 28 && payload[24] == 'c' && payload[25] == '2'
              && payload[26] == 'p' && payload[27] == 'a';
          if (isC2pa) {
            c2paIndex = boxes.size();
            c2paInstance = instance;
            boxes.add(new NamedBox(C2PA, start, payload.length + 4L));
          } else {
            boxes.add(new NamedBox("APP11", start, length + 2L));
          }
          continue;
        }
        in.skip(length - 2);
        if (marker == 0xDA) {
          long entropy = entropyCodedLength(in);
          boxes.add(new NamedBox("SOS", start, length + 2L + entropy));
        } else {
          boxes.add(new NamedBox(jpegName(marker, start), start, length + 2L));
        }
      }
    } catch (EOFException e) {
      throw new MalformedContentException("JPEG cut short at offset " + in.position);
    }
    return boxes;
  }

  /** Bytes of entropy-coded data up to the next marker that is not a stuffed 0x00 or a restart. */
  private static long entropyCodedLength(Cursor in) throws IOException {
    long start = in.position;
    while (true) {
      int b = in.peek();
      if (b < 0) {
        return in.position - start;
      }
      if (b == 0xFF) {
        int following = in.peekSecond();
        boolean marker = following >= 0 && following != 0x00 && (following < 0xD0 || following > 0xD7);
        if (marker) {
          return in.position - start;
        }
      }
      in.next();
    }
  }

  private static String jpegName(int marker, long at) {
    if (marker >= 0xE0 && marker <= 0xEF) {
      return "APP" + (marker - 0xE0);
    }
    if (marker >= 0xF0 && marker <= 0xFD) {
      return "JPG" + (marker - 0xF0);
    }
    return switch (marker) {
      case 0xFE -> "COM";
      case 0xC4 -> "DHT";
      case 0xDB -> "DQT";
      case 0xDD -> "DRI";
      case 0xCC -> "DAC";
      case 0xC0, 0xC1, 0xC2 -> "SOF" + (marker - 0xC0);
      default -> throw new MalformedContentException(
          "JPEG marker 0x" + Integer.toHexString(marker) + " at offset " + at + " has no box-hash name");
    };
  }

  private static List<NamedBox> png(SeekableByteChannel file, int maxBoxes) throws IOException {
    List<NamedBox> boxes = new ArrayList<>();
    boxes.add(new NamedBox("PNGh", 0, 8));
    long size = file.size();
    long at = 8;
    byte[] header = new byte[8];
    while (at < size) {
      if (boxes.size() > maxBoxes) {
        throw new MalformedContentException("more than " + maxBoxes + " PNG chunks");
      }
      file.position(at);
      if (Channels.newInputStream(file).readNBytes(header, 0, 8) < 8) {
        throw new MalformedContentException("PNG chunk header cut short at offset " + at);
      }
      long length = Bytes.u32be(header, 0);
      String type = Bytes.fourCc(header, 4);
      long total = length + 12;
      if (at + total > size) {
        throw new MalformedContentException("PNG chunk '" + type + "' at offset " + at + " runs past the file");
      }
      boxes.add(new NamedBox(type.equals("caBX") ? C2PA : type, at, total));
      at += total;
      if (type.equals("IEND")) {
        break;
      }
    }
    return boxes;
  }
}
