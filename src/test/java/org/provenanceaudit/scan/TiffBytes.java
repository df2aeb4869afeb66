package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a TIFF (TIFF 6.0 §2) or BigTIFF file with IFD0 and, when given entries, an Exif IFD that
 * IFD0 points to (tag 0x8769). Values that fit in an entry are stored inline, others after the
 * directories, as writers lay them out.
 */
final class TiffBytes {
  /** One directory entry: its tag, field type and value bytes (counted as one byte per item). */
  record Entry(int tag, int type, byte[] value) {}

  private final boolean little;
  private final boolean big;
  private final List<Entry> ifd0 = new ArrayList<>();
  private final List<Entry> exif = new ArrayList<>();

  private TiffBytes(boolean little, boolean big) {
    this.little = little;
    this.big = big;
  }

  static TiffBytes classic(boolean little) {
    return new TiffBytes(little, false);
  }

  static TiffBytes bigTiff(boolean little) {
    return new TiffBytes(little, true);
  }

  TiffBytes ifd0(int tag, int type, byte[] value) {
    ifd0.add(new Entry(tag, type, value));
    return this;
  }

  TiffBytes exif(int tag, int type, byte[] value) {
    exif.add(new Entry(tag, type, value));
    return this;
  }

  byte[] build() {
    int offsetSize = big ? 8 : 4;
    int header = big ? 16 : 8;
    int ifd0Entries = ifd0.size() + (exif.isEmpty() ? 0 : 1);
    int ifd0Size = directorySize(ifd0Entries);
    int exifAt = header + ifd0Size;
    int dataAt = exifAt + (exif.isEmpty() ? 0 : directorySize(exif.size()));
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(little ? CraftedBytes.ascii("II") : CraftedBytes.ascii("MM"));
    out.writeBytes(uint(big ? 43 : 42, 2));
    if (big) {
      out.writeBytes(uint(8, 2));
      out.writeBytes(uint(0, 2));
    }
    out.writeBytes(uint(header, offsetSize));
    List<Entry> first = new ArrayList<>(ifd0);
    if (!exif.isEmpty()) {
      first.add(new Entry(0x8769, big ? 18 : 4, uint(exifAt, offsetSize)));
    }
    out.writeBytes(directory(first, dataAt, data, true));
    if (!exif.isEmpty()) {
      out.writeBytes(directory(exif, dataAt, data, false));
    }
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }

  private int directorySize(int entries) {
    return big ? 8 + entries * 20 + 8 : 2 + entries * 12 + 4;
  }

  private byte[] directory(List<Entry> entries, int dataAt, ByteArrayOutputStream data, boolean pointer) {
    int inline = big ? 8 : 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(uint(entries.size(), big ? 8 : 2));
    for (Entry entry : entries) {
      out.writeBytes(uint(entry.tag(), 2));
      out.writeBytes(uint(entry.type(), 2));
      boolean isPointer = pointer && entry.tag() == 0x8769;
      out.writeBytes(uint(isPointer ? 1 : entry.value().length, inline));
      if (isPointer || entry.value().length <= inline) {
        byte[] field = new byte[inline];
        System.arraycopy(entry.value(), 0, field, 0, Math.min(inline, entry.value().length));
        out.writeBytes(field);
      } else {
        out.writeBytes(uint(dataAt + data.size(), inline));
        data.writeBytes(entry.value());
      }
    }
    out.writeBytes(uint(0, big ? 8 : 4));
    return out.toByteArray();
  }

  /** An unsigned integer of {@code size} bytes in this file's byte order. */
  byte[] uint(long value, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      int shift = 8 * (little ? i : size - 1 - i);
      b[i] = (byte) (value >>> shift);
    }
    return b;
  }
}
