package org.provenanceaudit.scan;

import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The benchmark behind scripts/bench-c2pa. Two measures, each over the corpus and over one large
 * file: {@link C2paContentBinding#check} alone (hashed URIs and the hard binding: the hashing), and
 * the full validation {@link C2paValidator#validate} (claim signature, certificate profile and
 * path to the anchors, time-stamp, hard binding, ingredients) with trust anchors configured. It
 * also builds the large file: an MP4 with a large mdat and a {@code c2pa.hash.bmff.v2} binding whose
 * hash is computed here, independently of the validator, while the file is written, in a manifest
 * signed with a throwaway key ({@link ThrowawaySigner}) whose root is written beside it as {@code
 * FILE.roots.pem}.
 *
 * <p>Usage: {@code corpus DIR ROUNDS} | {@code validate-corpus DIR ROUNDS ANCHORS_PEM} | {@code
 * build-mp4 FILE MIB} | {@code file FILE ROUNDS} | {@code validate-file FILE ROUNDS}.
 */
final class C2paBindingBench {
  private C2paBindingBench() {}

  /** Inside the throwaway certificates' validity ({@link ThrowawaySigner}). */
  private static final Instant THROWAWAY_AS_OF = Instant.parse("2026-01-15T00:00:00Z");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "corpus" -> corpus(Path.of(args[1]), Integer.parseInt(args[2]));
      case "validate-corpus" -> validateCorpus(Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
      case "build-mp4" -> buildMp4(Path.of(args[1]), Long.parseLong(args[2]));
      case "file" -> file(Path.of(args[1]), Integer.parseInt(args[2]));
      case "validate-file" -> validateFile(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** Full validation of every corpus file with a store, judged at the time of the run against {@code anchors}. */
  private static void validateCorpus(Path dir, int rounds, String anchors) throws Exception {
    C2paValidator validator = new C2paValidator(C2paTrust.load(anchors, null), null);
    List<Path> files = new ArrayList<>();
    List<Jumbf.Box> stores = new ArrayList<>();
    try (var listing = Files.list(dir)) {
      for (Path file : listing.sorted().toList()) {
        try {
          stores.add(C2paStores.storeBox(file));
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
    Map<String, Integer> verdicts = new TreeMap<>();
    validateAll(validator, files, stores, verdicts);
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      validateAll(validator, files, stores, null);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("corpus, full validation (signature, certificate path, time-stamp, binding): %d files"
            + " (%.1f MB), %d rounds after one warm-up: %.3f s, %.0f files/s, %.1f MB/s hashed%n", files.size(),
        bytes / 1e6, rounds, seconds, files.size() * rounds / seconds, bytes * rounds / 1e6 / seconds);
    System.out.println("verdicts signature/binding/trust (one round): " + verdicts);
  }

  private static void validateAll(C2paValidator validator, List<Path> files, List<Jumbf.Box> stores,
      Map<String, Integer> verdicts) throws IOException {
    for (int i = 0; i < files.size(); i++) {
      try (FileChannel channel = FileChannel.open(files.get(i))) {
        C2paValidation v = validator.validate(stores.get(i), channel, ScanLimits.defaults()).validation();
        if (verdicts != null) {
          verdicts.merge(v.signature() + "/" + v.binding() + "/" + v.trust(), 1, Integer::sum);
        }
      }
    }
  }

  /** Full validation of the built MP4, its throwaway root ({@code FILE.roots.pem}) as the anchor. */
  private static void validateFile(Path file, int rounds) throws Exception {
    C2paValidator validator = new C2paValidator(
        C2paTrust.load(file + ".roots.pem", null), THROWAWAY_AS_OF);
    Jumbf.Box store = C2paStores.storeBox(file);
    long size = Files.size(file);
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      C2paValidation v;
      try (FileChannel channel = FileChannel.open(file)) {
        v = validator.validate(store, channel, ScanLimits.defaults()).validation();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s, full validation: %.1f MB in %.2f s, %.1f MB/s hashed; %s/%s/%s %s%n", file.getFileName(),
          size / 1e6, seconds, size / 1e6 / seconds, v.signature(), v.binding(), v.trust(), v.statusCodes());
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

  /**
   * ftyp | C2PA uuid box | moov | mdat of {@code mib} MiB, bound by a BMFF v2 hash, the manifest
   * signed by a throwaway signer whose root goes to {@code out.roots.pem}.
   */
  private static void buildMp4(Path out, long mib) throws Exception {
    KeyPair rootKey = ThrowawaySigner.ecKey();
    KeyPair signerKey = ThrowawaySigner.ecKey();
    X509Certificate root = ThrowawaySigner.certificate("O=Bench,CN=Bench Root", "O=Bench,CN=Bench Root",
        rootKey.getPublic(), rootKey.getPrivate(), true);
    X509Certificate signer = ThrowawaySigner.certificate("O=Bench,CN=Bench Signer", "O=Bench,CN=Bench Root",
        signerKey.getPublic(), rootKey.getPrivate(), false);
    Signing signing = new Signing(signer, signerKey.getPrivate());
    Files.writeString(Path.of(out + ".roots.pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    byte[] ftyp = box("ftyp", ascii("isom"), be32(0), ascii("isom"), ascii("mp42"));
    byte[] moov = box("moov", box("free", new byte[64]));
    long mdatLength = mib * ScanLimits.MIB + 8;
    byte[] placeholder = c2paUuidBox(store(new byte[32], signing));
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
    byte[] uuid = c2paUuidBox(store(digest.digest(), signing));
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
    System.out.printf("built %s: %.1f MB, c2pa.hash.bmff.v2 over moov and mdat, signed by %s%n", out,
        Files.size(out) / 1e6, signer.getSubjectX500Principal());
  }

  /** The throwaway signing certificate and key of the built file. */
  private record Signing(X509Certificate certificate, PrivateKey key) {}

  private static byte[] store(byte[] hash, Signing signing) throws Exception {
    Map<String, Object> bmff = Map.of(
        "exclusions", List.of(
            Map.of("xpath", "/uuid", "data", List.of(Map.of("offset", 8,
                "value", HexFormat.of().parseHex(BmffWalker.C2PA_UUID)))),
            Map.of("xpath", "/ftyp")),
        "alg", "sha256", "hash", hash, "name", "bench mdat");
    byte[] assertion = cborAssertion("c2pa.hash.bmff.v2", bmff);
    byte[] assertionHash = sha256(assertion, 8);
    byte[] claimCbor = cbor(Map.of(
        "alg", "sha256", "signature", "self#jumbf=c2pa.signature",
        "assertions", List.of(Map.of("url", "self#jumbf=c2pa.assertions/c2pa.hash.bmff.v2", "hash", assertionHash))));
    byte[] claim = superbox(CLAIM_TYPE, "c2pa.claim", jumbfBox("cbor", claimCbor));
    byte[] signature = superbox(ThrowawaySigner.SIGNATURE_TYPE, "c2pa.signature",
        jumbfBox("cbor", ThrowawaySigner.cose(claimCbor, signing.certificate(), signing.key())));
    byte[] manifest = superbox(MANIFEST_TYPE, "urn:c2pa:bench",
        superbox(ASSERTIONS_TYPE, "c2pa.assertions", assertion), claim, signature);
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
