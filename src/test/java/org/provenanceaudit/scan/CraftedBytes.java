package org.provenanceaudit.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds small container files byte by byte, so each test shows exactly what it feeds the scan. */
final class CraftedBytes {
  private CraftedBytes() {}

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] be16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  static byte[] be32(long v) {
    return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
  }

  static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  static byte[] cbor(Object value) {
    try {
      return CBOR.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // PNG

  static byte[] png(byte[]... chunks) {
    return concat(PngWalker.SIGNATURE, concat(chunks), pngChunk("IEND", new byte[0]));
  }

  static byte[] pngChunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(ascii(type));
    crc.update(data);
    return concat(be32(data.length), ascii(type), data, be32(crc.getValue()));
  }

  static byte[] tEXt(String key, String value) {
    return pngChunk("tEXt", concat(ascii(key), new byte[] {0}, ascii(value)));
  }

  // JPEG

  static byte[] jpeg(byte[]... segments) {
    return concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, concat(segments),
        new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2, (byte) 0xFF, (byte) 0xD9});
  }

  static byte[] jpegSegment(int marker, byte[] payload) {
    return concat(new byte[] {(byte) 0xFF, (byte) marker}, be16(payload.length + 2), payload);
  }

  /** APP11 segments carrying {@code box}, split into pieces of at most {@code piece} box bytes. */
  static List<byte[]> app11(byte[] box, int instance, int piece) {
    List<byte[]> segments = new java.util.ArrayList<>();
    byte[] header = java.util.Arrays.copyOf(box, 8);
    int at = 0;
    int sequence = 1;
    while (at < box.length) {
      int n = Math.min(piece, box.length - at);
      byte[] body = java.util.Arrays.copyOfRange(box, at, at + n);
      byte[] payload = concat(ascii("JP"), be16(instance), be32(sequence), sequence == 1 ? body : concat(header, body));
      segments.add(jpegSegment(0xEB, payload));
      at += n;
      sequence++;
    }
    return segments;
  }

  // RIFF

  static byte[] riff(String form, byte[]... chunks) {
    byte[] body = concat(chunks);
    return concat(ascii("RIFF"), le32(body.length + 4), ascii(form), body);
  }

  static byte[] riffChunk(String id, byte[] data) {
    return concat(ascii(id), le32(data.length), data, data.length % 2 == 1 ? new byte[1] : new byte[0]);
  }

  // ISO BMFF

  static byte[] box(String type, byte[]... payload) {
    byte[] body = concat(payload);
    return concat(be32(body.length + 8), ascii(type), body);
  }

  static byte[] c2paUuidBox(byte[] store) {
    return box("uuid", HexFormat.of().parseHex(BmffWalker.C2PA_UUID), new byte[4], ascii("manifest\0"),
        new byte[8], store);
  }

  // JUMBF and C2PA

  static byte[] jumbfBox(String type, byte[] payload) {
    return concat(be32(payload.length + 8), ascii(type), payload);
  }

  static byte[] superbox(String typeHex, String label, byte[]... children) {
    byte[] description = jumbfBox("jumd", concat(HexFormat.of().parseHex(typeHex), new byte[] {3},
        utf8(label), new byte[] {0}));
    return jumbfBox("jumb", concat(description, concat(children)));
  }

  static final String MANIFEST_TYPE = "63326d6100110010800000aa00389b71";
  static final String ASSERTIONS_TYPE = "6332617300110010800000aa00389b71";
  static final String CLAIM_TYPE = "6332636c00110010800000aa00389b71";
  static final String CBOR_TYPE = "63626f7200110010800000aa00389b71";

  static byte[] cborAssertion(String label, Object value) {
    return superbox(CBOR_TYPE, label, jumbfBox("cbor", cbor(value)));
  }

  /** A manifest store with one manifest: a claim naming {@code generator}, and the assertions. */
  static byte[] c2paStore(String generator, byte[]... assertions) {
    byte[] claim = superbox(CLAIM_TYPE, "c2pa.claim.v2", jumbfBox("cbor",
        cbor(Map.of("claim_generator_info", Map.of("name", generator)))));
    byte[] manifest = superbox(MANIFEST_TYPE, "urn:c2pa:test",
        superbox(ASSERTIONS_TYPE, "c2pa.assertions", concat(assertions)), claim);
    return superbox(Jumbf.C2PA_STORE_TYPE, "c2pa", manifest);
  }

  /** A store whose active manifest records one created action by {@code agent}, of {@code sourceType}. */
  static byte[] c2paCreatedBy(String agent, String sourceType) {
    return c2paStore("Test Generator",
        cborAssertion("c2pa.actions.v2", Map.of("actions", List.of(Map.of(
            "action", "c2pa.created",
            "digitalSourceType", "http://cv.iptc.org/newscodes/digitalsourcetype/" + sourceType,
            "softwareAgent", Map.of("name", agent, "version", "1.0"))))));
  }

  // XMP

  static String xmp(String properties) {
    return "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\""
        + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" " + properties + "/>"
        + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
  }

  // Running a walk the way the scanner does

  interface Walk {
    void walk(ScanContext ctx, ByteSource source);
  }

  /** The result of one walk over crafted bytes: what a record would say, and the bytes read. */
  record Walked(ScanContext ctx, long bytesRead) {
    List<Signal> signals() {
      return ctx.signals();
    }

    String error() {
      return ctx.error();
    }

    boolean genai() {
      return ctx.signals().stream().anyMatch(Signal::genai);
    }
  }

  static Walked walk(Walk walk, byte[] data) {
    return walk(walk, data, ScanLimits.defaults());
  }

  /** Walks with no head buffer, so every byte the walk asks for is counted. */
  static Walked walk(Walk walk, byte[] data, ScanLimits limits) {
    ScanContext ctx = new ScanContext(ScanPolicy.defaults(), limits);
    ByteSource source = ByteSource.of(data, limits.maxBytesRead(), 0);
    ctx.run(() -> walk.walk(ctx, source));
    return new Walked(ctx, source.bytesRead());
  }

  static Signal only(List<Signal> signals, String kind) {
    List<Signal> matching = signals.stream().filter(s -> s.kind().equals(kind)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + kind + " signal, got " + signals);
    }
    return matching.get(0);
  }
}
