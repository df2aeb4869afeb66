package org.provenanceaudit.scan;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * Reads the generation parameters the AUTOMATIC1111 "stealth pnginfo" extension hides in the
 * least significant bits of a PNG's pixels, where they survive tools that strip text chunks.
 * The bits run column by column (x outer, y inner), one per pixel from alpha ({@code
 * stealth_pnginfo}, {@code stealth_pngcomp}) or three per pixel from red, green and blue ({@code
 * stealth_rgbinfo}, {@code stealth_rgbcomp}), most significant bit of each byte first: the 15-byte
 * signature, a 32-bit big-endian payload length in bits, then the payload (UTF-8 text, gzip
 * compressed for the {@code comp} signatures). This is the only part of the scan that decodes
 * pixels: the JDK's PNG decoder is given the image header and {@code IDAT} chunks only (never the
 * text chunks), and asked first for the pixels holding the signature; the rest is decoded only
 * when a signature matches. Decoding is bounded by {@link ScanLimits#maxDecodedPixels} and the
 * read budget; payloads are cut at {@link ScanLimits#maxInflatedBytes}.
 */
final class StealthPngInfo {
  private StealthPngInfo() {}

  static final String SOURCE = "png-stealth";
  /** The PNG text key whose value the extension hides: it copies A1111's {@code parameters}. */
  static final String KEY = "parameters";
  private static final int SIGNATURE_BITS = 15 * 8;
  private static final int HEADER_BITS = SIGNATURE_BITS + 32;
  private static final int COLOR_TRUECOLOR = 2;
  private static final int COLOR_TRUECOLOR_ALPHA = 6;
  private static final int BLOCK = 64 * 1024;

  /** The PNG {@code IHDR} fields (PNG spec §11.2.2). */
  record ImageHeader(long width, long height, int bitDepth, int colorType, int interlace) {
    static ImageHeader of(byte[] ihdr) {
      return new ImageHeader(Bytes.u32be(ihdr, 0), Bytes.u32be(ihdr, 4), ihdr[8] & 0xFF, ihdr[9] & 0xFF, ihdr[12] & 0xFF);
    }
  }

  /** Where one {@code IDAT} chunk lies in the file: its offset (length field) and data length. */
  record ChunkSpan(long offset, long dataLength) {}

  /** How bits are taken: from alpha (one per pixel) or from red, green and blue (three). */
  private enum Mode {
    ALPHA("alpha", 1, "stealth_pnginfo", "stealth_pngcomp"),
    RGB("RGB", 3, "stealth_rgbinfo", "stealth_rgbcomp");

    final String channel;
    final int bitsPerPixel;
    final String plain;
    final String compressed;

    Mode(String channel, int bitsPerPixel, String plain, String compressed) {
      this.channel = channel;
      this.bitsPerPixel = bitsPerPixel;
      this.plain = plain;
      this.compressed = compressed;
    }

    /** Pixels holding the first {@code bits} bits. */
    long pixelsFor(long bits) {
      return (bits + bitsPerPixel - 1) / bitsPerPixel;
    }
  }

  /**
   * Looks for stealth parameters in an 8-bit truecolor PNG (with alpha for the alpha variants) and
   * reports a found payload through {@link ScanContext#textEntry} (source {@code png-stealth}).
   * Other images are left alone. A payload that cannot be read (pixels over the cap, undecodable
   * image data, a length larger than the image, corrupt gzip) is a soft error; a signature that
   * does not match is no signal and no error.
   *
   * @param header the image's {@code IHDR}
   * @param idat the image's {@code IDAT} chunks in file order
   */
  static void look(ScanContext ctx, ByteSource source, ImageHeader header, List<ChunkSpan> idat) {
    boolean alpha = header.colorType() == COLOR_TRUECOLOR_ALPHA;
    if (header.bitDepth() != 8 || !(alpha || header.colorType() == COLOR_TRUECOLOR) || idat.isEmpty()
        || header.width() <= 0 || header.height() <= 0) {
      return;
    }
    Pixels first = decode(ctx, source, header, idat, alpha ? HEADER_BITS : Mode.RGB.pixelsFor(HEADER_BITS));
    if (first == null) {
      return;
    }
    for (Mode mode : alpha ? List.of(Mode.ALPHA, Mode.RGB) : List.of(Mode.RGB)) {
      if (first.pixels() < mode.pixelsFor(HEADER_BITS)) {
        continue;
      }
      String signature = new String(first.bytes(mode, 0, SIGNATURE_BITS / 8), StandardCharsets.ISO_8859_1);
      if (signature.equals(mode.plain) || signature.equals(mode.compressed)) {
        payload(ctx, source, header, idat, first, mode, signature);
        return;
      }
    }
  }

  private static void payload(ScanContext ctx, ByteSource source, ImageHeader header, List<ChunkSpan> idat,
      Pixels first, Mode mode, String signature) {
    String where = "PNG " + mode.channel + " low bits (" + signature + ")";
    long lengthBits = Bytes.u32be(first.bytes(mode, SIGNATURE_BITS, 4), 0);
    long room = header.width() * header.height() * mode.bitsPerPixel - HEADER_BITS;
    if (lengthBits > room) {
      ctx.softError(where + " declares " + lengthBits + " bits, more than the " + Math.max(0, room) + " the image holds");
      return;
    }
    long declaredBytes = lengthBits / 8;
    int cap = ctx.limits.maxInflatedBytes();
    int readBytes = (int) Math.min(declaredBytes, cap);
    if (declaredBytes > cap) {
      ctx.softError(where + ": payload of " + declaredBytes + " bytes cut at the cap of " + cap + " bytes");
    }
    Pixels pixels = decode(ctx, source, header, idat, mode.pixelsFor(HEADER_BITS + 8L * readBytes));
    if (pixels == null) {
      return;
    }
    byte[] payload = pixels.bytes(mode, HEADER_BITS, readBytes);
    byte[] text = signature.equals(mode.compressed) ? gunzip(ctx, payload, cap, where) : payload;
    String value = TextValues.utf8OrNull(text, 0, text.length);
    if (value == null) {
      ctx.softError("invalid UTF-8 in " + where);
      value = TextValues.utf8Lenient(text, 0, text.length);
    }
    ctx.textEntry(SOURCE, where, KEY, value);
  }

  private static byte[] gunzip(ScanContext ctx, byte[] gzip, int cap, String where) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer, 0, Math.min(buffer.length, cap + 1 - out.size()))) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > cap) {
          ctx.softError(where + ": inflates past the cap of " + cap + " bytes");
          return Arrays.copyOf(out.toByteArray(), cap);
        }
      }
    } catch (EOFException e) {
      ctx.softError(where + ": compressed data ends early");
    } catch (IOException e) {
      ctx.softError(where + ": corrupt compressed data");
    }
    return out.toByteArray();
  }

  /** The first pixels of the image in the extension's column-major order, as decoded. */
  private record Pixels(Raster raster, long height, long pixels) {
    /** {@code count} bytes of the bit stream starting at bit {@code fromBit}. */
    byte[] bytes(Mode mode, long fromBit, int count) {
      byte[] out = new byte[count];
      long bit = fromBit;
      for (int i = 0; i < count; i++) {
        int b = 0;
        for (int k = 0; k < 8; k++, bit++) {
          b = b << 1 | bit(mode, bit);
        }
        out[i] = (byte) b;
      }
      return out;
    }

    private int bit(Mode mode, long bit) {
      long pixel = bit / mode.bitsPerPixel;
      int band = mode == Mode.ALPHA ? 3 : (int) (bit % mode.bitsPerPixel);
      return raster.getSample((int) (pixel / height), (int) (pixel % height), band) & 1;
    }
  }

  /**
   * Decodes the first {@code wanted} pixels in column-major order (whole columns, or the first
   * rows of column 0), or returns null after a soft error saying why they were not decoded.
   */
  private static Pixels decode(ScanContext ctx, ByteSource source, ImageHeader header, List<ChunkSpan> idat, long wanted) {
    long width = header.width();
    long height = header.height();
    long pixels = Math.min(wanted, width * height);
    long rows = Math.min(pixels, height);
    long columns = (pixels + height - 1) / height;
    boolean interlaced = header.interlace() != 0;
    // An interlaced image must be decoded whole; otherwise rows past those needed are never read.
    long decodedRows = interlaced ? height : rows;
    long cost = width * Math.max(decodedRows, HEADER_BITS);
    if (cost > ctx.limits.maxDecodedPixels() || columns > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
      ctx.softError("PNG of " + width + "x" + height + " pixels not checked for stealth parameters: decoding "
          + width + "x" + decodedRows + " pixels is over the cap of " + ctx.limits.maxDecodedPixels());
      return null;
    }
    byte[] ihdr = new byte[13];
    writeU32(ihdr, 0, width);
    writeU32(ihdr, 4, decodedRows);
    ihdr[8] = (byte) header.bitDepth();
    ihdr[9] = (byte) header.colorType();
    ihdr[12] = (byte) header.interlace();
    ImageReader reader = null;
    try (IdatStream stream = new IdatStream(source, chunk("IHDR", ihdr), idat)) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
      if (!readers.hasNext()) {
        ctx.softError("PNG pixels not checked for stealth parameters: no PNG decoder in this Java runtime");
        return null;
      }
      reader = readers.next();
      reader.setInput(stream, true, true);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceRegion(new Rectangle(0, 0, (int) columns, (int) rows));
      Raster raster = reader.read(0, param).getRaster();
      if (raster.getNumBands() < (header.colorType() == COLOR_TRUECOLOR_ALPHA ? 4 : 3)) {
        ctx.softError("PNG pixels not checked for stealth parameters: decoded with " + raster.getNumBands() + " bands");
        return null;
      }
      return new Pixels(raster, rows, pixels);
    } catch (IOException | RuntimeException e) {
      // The JDK decoder reports corrupt image data with assorted runtime exceptions.
      ctx.softError("PNG image data not decoded for stealth parameters: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return null;
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  private static byte[] chunk(String type, byte[] data) {
    byte[] out = new byte[12 + data.length];
    writeU32(out, 0, data.length);
    System.arraycopy(Bytes.ascii(type), 0, out, 4, 4);
    System.arraycopy(data, 0, out, 8, data.length);
    CRC32 crc = new CRC32();
    crc.update(out, 4, 4 + data.length);
    writeU32(out, 8 + data.length, crc.getValue());
    return out;
  }

  private static void writeU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >> 24);
    b[at + 1] = (byte) (v >> 16);
    b[at + 2] = (byte) (v >> 8);
    b[at + 3] = (byte) v;
  }

  /**
   * A PNG made of the signature, a given {@code IHDR}, the file's {@code IDAT} chunks (read from
   * the source only as the decoder asks, in blocks, so each byte counts once against the budget)
   * and {@code IEND}.
   */
  private static final class IdatStream extends ImageInputStreamImpl {
    private final ByteSource source;
    private final long[] starts;
    private final long[] fileOffsets;
    private final byte[][] inline;
    private final long length;
    private byte[] block = new byte[0];
    private long blockStart;

    IdatStream(ByteSource source, byte[] ihdrChunk, List<ChunkSpan> idat) {
      this.source = source;
      int n = idat.size() + 3;
      starts = new long[n];
      fileOffsets = new long[n];
      inline = new byte[n][];
      inline[0] = PngWalker.SIGNATURE;
      inline[1] = ihdrChunk;
      long at = PngWalker.SIGNATURE.length;
      starts[1] = at;
      at += ihdrChunk.length;
      for (int i = 0; i < idat.size(); i++) {
        starts[i + 2] = at;
        fileOffsets[i + 2] = idat.get(i).offset();
        at += idat.get(i).dataLength() + 12;
      }
      inline[n - 1] = chunk("IEND", new byte[0]);
      starts[n - 1] = at;
      length = at + inline[n - 1].length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      checkClosed();
      bitOffset = 0;
      if (len == 0) {
        return 0;
      }
      if (streamPos >= length) {
        return -1;
      }
      int segment = Arrays.binarySearch(starts, streamPos);
      segment = segment >= 0 ? segment : -segment - 2;
      long segmentEnd = segment + 1 < starts.length ? starts[segment + 1] : length;
      long into = streamPos - starts[segment];
      int n = (int) Math.min(len, segmentEnd - streamPos);
      if (inline[segment] != null) {
        System.arraycopy(inline[segment], (int) into, b, off, n);
      } else {
        long filePosition = fileOffsets[segment] + into;
        if (filePosition < blockStart || filePosition >= blockStart + block.length) {
          block = source.read(filePosition, (int) Math.min(BLOCK, segmentEnd - streamPos), "PNG IDAT chunk");
          blockStart = filePosition;
        }
        n = (int) Math.min(n, blockStart + block.length - filePosition);
        System.arraycopy(block, (int) (filePosition - blockStart), b, off, n);
      }
      streamPos += n;
      return n;
    }
  }
}
