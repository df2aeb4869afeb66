package org.provenanceaudit.scan;

import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The benchmark behind scripts/bench-c2pa: times {@link C2paContentBinding#check} (hashed URIs and
 * the hard binding) over the corpus and over one large file, and builds that file, an MP4 with a
 * large mdat and a {@code c2pa.hash.bmff.v2} binding whose hash is computed here, independently
 * of the validator, while the file is written. Its manifest is unsigned: the hash timing does not
 * depend on the signature.
 *
 * <p>Usage: {@code corpus DIR ROUNDS} | {@code build-mp4 FILE MIB} | {@code file FILE ROUNDS}.
 */
final class C2paBindingBench {
  private C2paBindingBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "corpus" -> corpus(Path.of(args[1]), Integer.parseInt(args[2]));
      case "build-mp4" -> buildMp4(Path.of(args[1]), Long.parseLong(args[2]));
      case "file" -> file(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void corpus(Path dir, int rounds) throws IOException {
    List<Path> files = new ArrayList<>();
    List<C2paStores.Active> manifests = new ArrayList<>();
    try (var listing = Files.list(dir)) {
      for (Path file : listing.sorted().toList()) {
        try {
          manifests.add(C2paStores.active(file));
          files.add(file);
        } catch (RuntimeException | IOException e) {
          // not a file whose store the test helper lifts out (no store, or a format it does not read)
        }
      }
    }
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    Map<String, Integer> codes = new TreeMap<>();
    run(files, manifests, codes);
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      run(files, manifests, null);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("corpus: %d files with a store (%.1f MB), %d rounds after one warm-up: %.3f s,"
            + " %.0f files/s, %.1f MB/s hashed%n", files.size(), bytes / 1e6, rounds, seconds,
        files.size() * rounds / seconds, bytes * rounds / 1e6 / seconds);
    System.out.println("status codes (one round): " + codes);
  }

  private static void run(List<Path> files, List<C2paStores.Active> manifests, Map<String, Integer> codes)
      throws IOException {
    for (int i = 0; i < files.size(); i++) {
      try (FileChannel channel = FileChannel.open(files.get(i))) {
        List<C2paStatus> statuses = C2paContentBinding.check(manifests.get(i).manifest(),
            manifests.get(i).claim(), channel, ScanLimits.defaults());
        if (codes != null) {
          statuses.forEach(s -> codes.merge(s.code(), 1, Integer::sum));
        }
      }
    }
  }

  private static void file(Path file, int rounds) throws IOException {
    C2paStores.Active active = C2paStores.active(file);
    long size = Files.size(file);
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      List<C2paStatus> statuses;
      try (FileChannel channel = FileChannel.open(file)) {
        statuses = C2paContentBinding.check(active.manifest(), active.claim(), channel, ScanLimits.defaults());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %.1f MB in %.2f s, %.1f MB/s hashed; %s%n", file.getFileName(), size / 1e6,
          seconds, size / 1e6 / seconds, statuses.stream().map(C2paStatus::code).toList());
    }
  }

  /** ftyp | C2PA uuid box | moov | mdat of {@code mib} MiB, bound by a BMFF v2 hash. */
  private static void buildMp4(Path out, long mib) throws IOException, NoSuchAlgorithmException {
    byte[] ftyp = box("ftyp", ascii("isom"), be32(0), ascii("isom"), ascii("mp42"));
    byte[] moov = box("moov", box("free", new byte[64]));
    long mdatLength = mib * ScanLimits.MIB + 8;
    byte[] placeholder = c2paUuidBox(store(new byte[32]));
    long moovAt = ftyp.length + placeholder.length;
    long mdatAt = moovAt + moov.length;

    byte[] chunk = new byte[ScanLimits.MIB];
    new Random(42).nextBytes(chunk);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(ByteBuffer.allocate(8).putLong(0, moovAt));
    digest.update(moov);
    digest.update(ByteBuffer.allocate(8).putLong(0, mdatAt));
    byte[] mdatHeader = concat(be32(mdatLength), ascii("mdat"));
    digest.update(mdatHeader);
    for (long i = 0; i < mib; i++) {
      digest.update(chunk);
    }
    byte[] uuid = c2paUuidBox(store(digest.digest()));
    if (uuid.length != placeholder.length) {
      throw new IllegalStateException("the manifest changed size with its hash");
    }
    try (OutputStream file = Files.newOutputStream(out)) {
      file.write(ftyp);
      file.write(uuid);
      file.write(moov);
      file.write(mdatHeader);
      for (long i = 0; i < mib; i++) {
        file.write(chunk);
      }
    }
    System.out.printf("built %s: %.1f MB, c2pa.hash.bmff.v2 over moov and mdat%n", out, Files.size(out) / 1e6);
  }

  private static byte[] store(byte[] hash) {
    Map<String, Object> bmff = Map.of(
        "exclusions", List.of(
            Map.of("xpath", "/uuid", "data", List.of(Map.of("offset", 8,
                "value", HexFormat.of().parseHex(BmffWalker.C2PA_UUID)))),
            Map.of("xpath", "/ftyp")),
        "alg", "sha256", "hash", hash, "name", "bench mdat");
    byte[] assertion = cborAssertion("c2pa.hash.bmff.v2", bmff);
    byte[] assertionHash = sha256(assertion, 8);
    byte[] claim = superbox(CLAIM_TYPE, "c2pa.claim", jumbfBox("cbor", cbor(Map.of(
        "alg", "sha256",
        "assertions", List.of(Map.of("url", "self#jumbf=c2pa.assertions/c2pa.hash.bmff.v2", "hash", assertionHash))))));
    byte[] manifest = superbox(MANIFEST_TYPE, "urn:c2pa:bench",
        superbox(ASSERTIONS_TYPE, "c2pa.assertions", assertion), claim);
    return superbox(Jumbf.C2PA_STORE_TYPE, "c2pa", manifest);
  }

  private static byte[] sha256(byte[] data, int from) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data, from, data.length - from);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
