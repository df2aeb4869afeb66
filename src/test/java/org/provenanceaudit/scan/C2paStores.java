package org.provenanceaudit.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Test access to the active manifest of a real file's C2PA store: the store's bytes lifted out of
 * JPEG APP11 segments, a PNG caBX chunk, an ISO BMFF C2PA uuid box or a bare .c2pa store, parsed
 * with {@link Jumbf}.
 */
final class C2paStores {
  private C2paStores() {}

  static final Path CORPUS =
      Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "real-assets");
  private static final byte[] BMFF_C2PA_UUID = HexFormat.of().parseHex("d8fec3d61b0e483c92975828877ec481");
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  /** Only the first 64 MiB are read: every store of the corpus, and of the benchmark's MP4, is in them. */
  private static final int HEAD_BYTES = 64 * ScanLimits.MIB;

  /** The active (last) manifest and its decoded claim. */
  record Active(Jumbf.Box manifest, JsonNode claim) {}

  static Active active(Path file) throws IOException {
    List<Jumbf.Box> manifests = storeBox(file).superboxes();
    Jumbf.Box manifest = manifests.get(manifests.size() - 1);
    Jumbf.Box claimBox = manifest.superboxes().stream()
        .filter(b -> b.label() != null && b.label().startsWith("c2pa.claim")).findFirst().orElseThrow();
    Jumbf.Box content = claimBox.content();
    JsonNode claim = CBOR.readTree(Arrays.copyOfRange(content.data(), content.payloadStart(), content.payloadEnd()));
    return new Active(manifest, claim);
  }

  /** The file's manifest store, the {@code c2pa} superbox, parsed. */
  static Jumbf.Box storeBox(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    byte[] store = store(head);
    ScanContext ctx = new ScanContext(ScanPolicy.defaults(), ScanLimits.defaults());
    return Jumbf.parse(ctx, store, 0, store.length, 0).get(0);
  }

  static byte[] store(byte[] file) {
    if (Bytes.fourCc(file, 4).equals("jumb")) {
      return file;
    }
    if ((file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xD8) {
      return jpeg(file);
    }
    if (file[1] == 'P' && file[2] == 'N' && file[3] == 'G') {
      return png(file);
    }
    return bmff(file);
  }

  private static byte[] jpeg(byte[] file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 2;
    boolean first = true;
    while (at + 4 <= file.length && (file[at] & 0xFF) == 0xFF && (file[at + 1] & 0xFF) != 0xDA) {
      int length = Bytes.u16be(file, at + 2);
      if ((file[at + 1] & 0xFF) == 0xEB && length > 18 && file[at + 4] == 'J' && file[at + 5] == 'P') {
        int payload = at + 4 + 8;
        int skip = first ? 0 : 8;
        out.write(file, payload + skip, length - 2 - 8 - skip);
        first = false;
      }
      at += 2 + length;
    }
    return out.toByteArray();
  }

  private static byte[] png(byte[] file) {
    int at = 8;
    while (at + 8 <= file.length) {
      int length = (int) Bytes.u32be(file, at);
      if (Bytes.fourCc(file, at + 4).equals("caBX")) {
        return Arrays.copyOfRange(file, at + 8, at + 8 + length);
      }
      at += 12 + length;
    }
    throw new IllegalArgumentException("no caBX chunk");
  }

  private static byte[] bmff(byte[] file) {
    int at = 0;
    while (at + 8 <= file.length) {
      long length = Bytes.u32be(file, at);
      String type = Bytes.fourCc(file, at + 4);
      if (type.equals("uuid") && Arrays.equals(Arrays.copyOfRange(file, at + 8, at + 24), BMFF_C2PA_UUID)) {
        int purpose = at + 28;
        int zero = purpose;
        while (file[zero] != 0) {
          zero++;
        }
        String kind = new String(file, purpose, zero - purpose);
        if (kind.equals("manifest")) {
          return Arrays.copyOfRange(file, zero + 1 + 8, at + (int) length);
        }
      }
      at += (int) length;
    }
    throw new IllegalArgumentException("no C2PA manifest uuid box");
  }
}
