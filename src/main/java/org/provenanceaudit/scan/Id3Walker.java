package org.provenanceaudit.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Walks the frames of an ID3v2 tag (MP3, or the {@code id3 } chunk of WAV): {@code GEOB} frames
 * holding a C2PA manifest store, {@code TXXX} user text whose description is a generation-record
 * key, and the encoder frames {@code TSSE}/{@code TENC}. Every frame header is checked, so a
 * compressed frame too short for its size field is reported, not decoded.
 */
final class Id3Walker {
  private Id3Walker() {}

  private static final String C2PA_MIME = "application/x-c2pa-manifest-store";

  static boolean isId3(byte[] head) {
    return head.length >= 10 && head[0] == 'I' && head[1] == 'D' && head[2] == '3';
  }

  static void walk(ScanContext ctx, ByteSource source, String container) {
    byte[] header = source.read(0, 10, "ID3 header");
    if (!isId3(header)) {
      throw new MalformedContentException("not an ID3 tag in " + container);
    }
    int version = header[3];
    int flags = header[5] & 0xFF;
    long tagEnd = 10 + syncsafe(header, 6);
    if (version < 2 || version > 4) {
      ctx.softError("unsupported ID3 version 2." + version + " in " + container);
      return;
    }
    if (tagEnd > source.size()) {
      throw new MalformedContentException("truncated ID3 tag: header claims " + tagEnd + " bytes, " + source.size() + " present");
    }
    boolean unsynchronised = (flags & 0x80) != 0;
    long at = 10;
    if ((flags & 0x40) != 0 && version >= 3) {
      byte[] ext = source.read(at, 4, "ID3 extended header");
      at += version == 4 ? syncsafe(ext, 0) : Bytes.u32be(ext, 0) + 4;
    }
    int headerSize = version == 2 ? 6 : 10;
    while (tagEnd - at >= headerSize) {
      ctx.visit("ID3 frame", at);
      byte[] frame = source.read(at, headerSize, "ID3 frame header");
      if (frame[0] == 0) {
        return;
      }
      String id = Bytes.latin1(frame, 0, version == 2 ? 3 : 4);
      long size = version == 2 ? ((frame[3] & 0xFF) << 16) | ((frame[4] & 0xFF) << 8) | (frame[5] & 0xFF)
          : version == 4 ? syncsafe(frame, 4) : Bytes.u32be(frame, 4);
      long data = at + headerSize;
      if (size > tagEnd - data) {
        throw new MalformedContentException(
            "ID3 frame '" + id + "' at offset " + at + " claims " + size + " bytes, " + (tagEnd - data) + " remain");
      }
      int formatFlags = version == 2 ? 0 : frame[9] & 0xFF;
      boolean compressed = version == 3 ? (formatFlags & 0x80) != 0 : (formatFlags & 0x08) != 0;
      boolean encrypted = version == 3 ? (formatFlags & 0x40) != 0 : (formatFlags & 0x04) != 0;
      boolean lengthIndicator = version == 4 && (formatFlags & 0x01) != 0;
      int skip = (version == 3 && compressed) || lengthIndicator ? 4 : 0;
      if (version == 3 && (formatFlags & 0x20) != 0) {
        skip += 1;
      }
      if (size < skip) {
        throw new MalformedContentException("ID3 frame '" + id + "' at offset " + at
            + " is marked compressed but is shorter than its " + skip + "-byte size field");
      }
      if (!encrypted && interesting(id)) {
        frame(ctx, source, id, data + skip, (int) size - skip, compressed,
            unsynchronised || (version == 4 && (formatFlags & 0x02) != 0), container, at);
      }
      at = data + size;
    }
  }

  private static boolean interesting(String id) {
    return id.equals("GEOB") || id.equals("GEO") || id.equals("TXXX") || id.equals("TXX")
        || id.equals("TSSE") || id.equals("TSS") || id.equals("TENC") || id.equals("TEN");
  }

  private static void frame(ScanContext ctx, ByteSource source, String id, long data, int size,
      boolean compressed, boolean unsynchronised, String container, long at) {
    byte[] body = source.read(data, ctx.checkBlobLength(size, "ID3 frame '" + id + "'", at), "ID3 frame '" + id + "'");
    if (unsynchronised) {
      body = resynchronise(body);
    }
    if (compressed) {
      TextValues.Inflated inflated = TextValues.inflate(body, 0, body.length, ctx.limits.maxInflatedBytes());
      if (inflated.problem() != null) {
        ctx.softError("ID3 frame '" + id + "' at offset " + at + ": " + inflated.problem());
      }
      body = inflated.bytes();
    }
    if (body.length < 1) {
      return;
    }
    Charset charset = charset(body[0]);
    int width = charset == StandardCharsets.UTF_16 || charset == StandardCharsets.UTF_16BE ? 2 : 1;
    switch (id) {
      case "GEOB", "GEO" -> {
        int mimeEnd = Bytes.indexOfZero(body, 1, body.length);
        if (mimeEnd < 0) {
          return;
        }
        String mime = Bytes.latin1(body, 1, mimeEnd);
        if (!mime.equalsIgnoreCase(C2PA_MIME)) {
          return;
        }
        int fileNameEnd = terminator(body, mimeEnd + 1, width);
        int descriptionEnd = fileNameEnd < 0 ? -1 : terminator(body, fileNameEnd + width, width);
        if (descriptionEnd < 0) {
          ctx.softError("truncated ID3 GEOB frame at offset " + at);
          return;
        }
        int start = descriptionEnd + width;
        byte[] store = body;
        ctx.run(() -> C2paManifestStore.report(ctx, store, start, store.length, container + " GEOB frame"));
      }
      case "TXXX", "TXX" -> {
        int descriptionEnd = terminator(body, 1, width);
        if (descriptionEnd < 0) {
          return;
        }
        String description = new String(body, 1, descriptionEnd - 1, charset);
        int valueStart = Math.min(body.length, descriptionEnd + width);
        String value = new String(body, valueStart, body.length - valueStart, charset);
        ctx.textEntry("id3", "ID3 TXXX", description, value.replace("\0", ""));
      }
      default -> ctx.softwareTag("id3", "software", id,
          new String(body, 1, body.length - 1, charset).replace("\0", ""));
    }
  }

  private static Charset charset(byte encoding) {
    return switch (encoding) {
      case 1 -> StandardCharsets.UTF_16;
      case 2 -> StandardCharsets.UTF_16BE;
      case 3 -> StandardCharsets.UTF_8;
      default -> StandardCharsets.ISO_8859_1;
    };
  }

  /** Index of the string terminator (one or two zero bytes, aligned) at or after {@code from}. */
  private static int terminator(byte[] b, int from, int width) {
    if (width == 1) {
      return Bytes.indexOfZero(b, from, b.length);
    }
    for (int i = from; i + 1 < b.length; i += 2) {
      if (b[i] == 0 && b[i + 1] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Undoes ID3 unsynchronisation: every 0xFF 0x00 becomes 0xFF. */
  private static byte[] resynchronise(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      out.write(in[i]);
      if ((in[i] & 0xFF) == 0xFF && i + 1 < in.length && in[i + 1] == 0) {
        i++;
      }
    }
    return out.toByteArray();
  }

  private static long syncsafe(byte[] b, int i) {
    return ((b[i] & 0x7FL) << 21) | ((b[i + 1] & 0x7F) << 14) | ((b[i + 2] & 0x7F) << 7) | (b[i + 3] & 0x7F);
  }
}
