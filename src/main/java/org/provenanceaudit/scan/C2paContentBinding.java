package org.provenanceaudit.scan;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that a C2PA manifest still describes the file it sits in (C2PA specification,
 * "Validation": "Validate the assertions" and "Validate the asset's content"): each assertion the
 * claim lists hashes to the value of its hashed URI, and the claim's hard binding
 * ({@code c2pa.hash.data}, {@code c2pa.hash.boxes} or {@code c2pa.hash.bmff} v1-v3) matches the
 * file's bytes. The file is hashed by streaming it (never held in memory); the structure reads
 * (box headers, segment markers) stay within the scan's caps. Every outcome is a status code,
 * never an exception.
 */
final class C2paContentBinding {
  private C2paContentBinding() {}

  /** Informational code (not in the specification's list) for a hard binding this audit cannot check. */
  static final String NOT_CHECKED = "org.provenanceaudit.hardBinding.notChecked";

  private static final ObjectMapper CBOR = new ObjectMapper(CBORFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(64).maxStringLength(ScanLimits.MIB * 32).maxNumberLength(64).build())
      .build());
  private static final Pattern INSTANCE_SUFFIX = Pattern.compile("__\\d+$");
  private static final String ASSERTIONS = "c2pa.assertions";
  /** "c2um", the first four bytes of the update manifest's JUMBF type UUID. */
  private static final String UPDATE_MANIFEST_TYPE = "6332756d";

  /** A hard-binding assertion the claim lists, with its decoded content. */
  private record Binding(String label, String url, JsonNode content) {}

  /**
   * The manifest an update manifest updates (its {@code parentOf} ingredient's manifest) and that
   * manifest's claim: its hard binding binds the content for the update manifest.
   */
  record Parent(Jumbf.Box manifest, JsonNode claim) {}

  /**
   * The hashed-URI and hard-binding statuses of one manifest.
   *
   * @param manifest the manifest's JUMBF superbox, as {@link Jumbf#parse} returns it
   * @param claim the manifest's claim, decoded from CBOR
   * @param file the asset file the manifest store was read from (its position is changed)
   * @param limits the scan's caps, for the boxes and segments read to locate hashed parts
   * @return statuses in the order checked: {@code assertion.hashedURI.match} /
   *     {@code .mismatch} or {@code assertion.missing} for each listed assertion, then one
   *     status per hard binding ({@code assertion.dataHash.match}, {@code .mismatch},
   *     {@code .malformed}, the {@code boxesHash} and {@code bmffHash} siblings,
   *     {@code algorithm.unsupported}, {@link #NOT_CHECKED}), or
   *     {@code claim.hardBindings.missing}
   */
  static List<C2paStatus> check(Jumbf.Box manifest, JsonNode claim, SeekableByteChannel file, ScanLimits limits) {
    return check(manifest, claim, null, file, limits);
  }

  /**
   * As {@link #check(Jumbf.Box, JsonNode, SeekableByteChannel, ScanLimits)}, and for an update
   * manifest (C2PA, "Update Manifests"), which has no hard binding of its own, the hard binding of
   * the manifest it updates ({@code parent}): its box and BMFF hashes as they are, and its data
   * hash with the manifest store's current place in the file as the exclusion, as c2pa-rs checks
   * it. The recorded exclusion is where the store was when the parent was signed; the update
   * manifest has since grown the store, so the recorded range no longer covers it. The store's
   * place is known in JPEG and PNG files (its APP11 segments, its {@code caBX} chunk); elsewhere the
   * data hash is {@link #NOT_CHECKED}, as is the binding when {@code parent} is null.
   */
  static List<C2paStatus> check(Jumbf.Box manifest, JsonNode claim, Parent parent, SeekableByteChannel file,
      ScanLimits limits) {
    List<C2paStatus> statuses = new ArrayList<>();
    String manifestLabel = manifest.label() == null ? "" : manifest.label();
    String claimAlg = text(claim.get("alg"));
    List<Binding> bindings = new ArrayList<>();
    for (JsonNode reference : assertionReferences(claim)) {
      String url = text(reference.get("url"));
      if (url == null) {
        statuses.add(new C2paStatus("assertion.missing", null, "a claim assertion reference has no url"));
        continue;
      }
      String absolute = absoluteUrl(manifestLabel, url);
      Optional<Jumbf.Box> box = assertionBox(manifest, manifestLabel, url);
      if (box.isEmpty()) {
        statuses.add(new C2paStatus("assertion.missing", absolute, "the claim lists " + url + " but the manifest has no such assertion"));
        continue;
      }
      statuses.add(hashedUri(reference, box.get(), absolute, claimAlg));
      String label = INSTANCE_SUFFIX.matcher(box.get().label()).replaceFirst("");
      if (label.startsWith("c2pa.hash.data") || label.startsWith("c2pa.hash.boxes") || label.startsWith("c2pa.hash.bmff")) {
        bindings.add(new Binding(label, absolute, decode(box.get())));
      }
    }
    if (bindings.isEmpty() && isUpdateManifest(manifest)) {
      statuses.addAll(parentBindings(parent, file, limits));
    } else if (bindings.isEmpty()) {
      statuses.add(new C2paStatus("claim.hardBindings.missing", null, "the claim lists no hard-binding assertion"));
    }
    for (Binding binding : bindings) {
      statuses.add(hardBinding(binding, claimAlg, file, limits, false));
    }
    return statuses;
  }

  /** The hard-binding statuses of the manifest an update manifest updates, checked in the file as it is now. */
  private static List<C2paStatus> parentBindings(Parent parent, SeekableByteChannel file, ScanLimits limits) {
    if (parent == null) {
      return List.of(new C2paStatus(NOT_CHECKED, null,
          "an update manifest carries no hard binding, and the manifest it updates is not in the store"));
    }
    String parentLabel = parent.manifest().label() == null ? "" : parent.manifest().label();
    List<C2paStatus> statuses = new ArrayList<>();
    for (JsonNode reference : assertionReferences(parent.claim())) {
      String url = text(reference.get("url"));
      Optional<Jumbf.Box> box = url == null ? Optional.empty() : assertionBox(parent.manifest(), parentLabel, url);
      if (box.isEmpty()) {
        continue;
      }
      String label = INSTANCE_SUFFIX.matcher(box.get().label()).replaceFirst("");
      if (label.startsWith("c2pa.hash.data") || label.startsWith("c2pa.hash.boxes") || label.startsWith("c2pa.hash.bmff")) {
        Binding binding = new Binding(label, absoluteUrl(parentLabel, url), decode(box.get()));
        statuses.add(hardBinding(binding, text(parent.claim().get("alg")), file, limits, true));
      }
    }
    if (statuses.isEmpty()) {
      statuses.add(new C2paStatus(NOT_CHECKED, null,
          "an update manifest carries no hard binding, and the manifest it updates has none either"));
    }
    return statuses;
  }

  /** An update manifest (JUMBF type {@code c2um}, C2PA "Update Manifests") has no hard binding of its own. */
  static boolean isUpdateManifest(Jumbf.Box manifest) {
    return manifest.descriptionType() != null && manifest.descriptionType().startsWith(UPDATE_MANIFEST_TYPE);
  }

  /** The claim's assertion references: {@code assertions} (v1) or created and gathered (v2). */
  private static List<JsonNode> assertionReferences(JsonNode claim) {
    List<JsonNode> out = new ArrayList<>();
    for (String field : List.of("assertions", "created_assertions", "gathered_assertions")) {
      JsonNode list = claim.get(field);
      if (list != null && list.isArray()) {
        list.forEach(out::add);
      }
    }
    return out;
  }

  private static String absoluteUrl(String manifestLabel, String url) {
    String path = jumbfPath(url);
    return path.startsWith("/") ? "self#jumbf=" + path : "self#jumbf=/c2pa/" + manifestLabel + "/" + path;
  }

  /** The box path of a JUMBF URI; {@code c2pa/...} (written without its leading slash) is absolute. */
  private static String jumbfPath(String url) {
    String path = url.startsWith("self#jumbf=") ? url.substring("self#jumbf=".length()) : url;
    return path.startsWith("c2pa/") ? "/" + path : path;
  }

  /** The assertion superbox a JUMBF URI names in this manifest (relative, or absolute to it). */
  private static Optional<Jumbf.Box> assertionBox(Jumbf.Box manifest, String manifestLabel, String url) {
    String path = jumbfPath(url);
    String own = "/c2pa/" + manifestLabel + "/";
    if (path.startsWith(own)) {
      path = path.substring(own.length());
    } else if (path.startsWith("/")) {
      return Optional.empty();
    }
    String[] steps = path.split("/");
    if (steps.length != 2 || !steps[0].equals(ASSERTIONS)) {
      return Optional.empty();
    }
    Jumbf.Box store = manifest.childLabelled(ASSERTIONS);
    return store == null ? Optional.empty() : Optional.ofNullable(store.childLabelled(steps[1]));
  }

  /**
   * A hashed URI's hash is over the assertion superbox's contents: its description box and
   * content boxes, without the superbox's own 8-byte header (C2PA, "Hashing JUMBF").
   */
  private static C2paStatus hashedUri(JsonNode reference, Jumbf.Box box, String url, String claimAlg) {
    String alg = Optional.ofNullable(text(reference.get("alg"))).orElse(claimAlg == null ? "sha256" : claimAlg);
    Optional<MessageDigest> digest = ContentDigest.forAlgorithm(alg);
    if (digest.isEmpty()) {
      return new C2paStatus("algorithm.unsupported", url, "hash algorithm '" + alg + "' is not supported");
    }
    byte[] expected = binary(reference.get("hash"));
    digest.get().update(box.data(), box.payloadStart(), box.payloadEnd() - box.payloadStart());
    byte[] actual = digest.get().digest();
    return MessageDigest.isEqual(expected, actual)
        ? new C2paStatus("assertion.hashedURI.match", url, "hashed uri matched: " + url)
        : new C2paStatus("assertion.hashedURI.mismatch", url, "the assertion's " + alg + " hash differs from the claim's");
  }

  /**
   * @param updated whether the binding is an updated manifest's, checked for its update manifest
   *     (a data hash then excludes the store where it is now)
   */
  private static C2paStatus hardBinding(Binding binding, String claimAlg, SeekableByteChannel file, ScanLimits limits,
      boolean updated) {
    String family = binding.label().startsWith("c2pa.hash.data") ? "dataHash"
        : binding.label().startsWith("c2pa.hash.boxes") ? "boxesHash" : "bmffHash";
    String prefix = "assertion." + family + ".";
    if (binding.content() == null || !binding.content().isObject()) {
      return new C2paStatus(prefix + "malformed", binding.url(), "the assertion's CBOR does not decode to a map");
    }
    String alg = Optional.ofNullable(text(binding.content().get("alg"))).orElse(claimAlg == null ? "sha256" : claimAlg);
    try {
      return switch (family) {
        case "dataHash" -> dataHash(binding, alg, file, limits, prefix, updated);
        case "boxesHash" -> boxesHash(binding, alg, file, limits, prefix);
        default -> bmffHash(binding, alg, file, limits, prefix);
      };
    } catch (MalformedContentException e) {
      return new C2paStatus(prefix + "malformed", binding.url(), e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      return new C2paStatus(NOT_CHECKED, binding.url(), "the file could not be read: " + e.getMessage());
    }
  }

  /**
   * {@code c2pa.hash.data}: the file minus the exclusion ranges (C2PA, "Data Hash"); for an updated
   * manifest, minus the manifest store where it now is instead.
   */
  private static C2paStatus dataHash(Binding binding, String alg, SeekableByteChannel file, ScanLimits limits,
      String prefix, boolean updated) throws IOException {
    JsonNode content = binding.content();
    if (text(content.get("url")) != null) {
      return new C2paStatus(NOT_CHECKED, binding.url(), "the data hash binds a remote asset (url), which is not fetched");
    }
    Optional<MessageDigest> digest = ContentDigest.forAlgorithm(alg);
    if (digest.isEmpty()) {
      return new C2paStatus("algorithm.unsupported", binding.url(), "hash algorithm '" + alg + "' is not supported");
    }
    byte[] expected = binary(content.get("hash"));
    List<ContentDigest.Range> exclusions = new ArrayList<>();
    JsonNode list = content.get("exclusions");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new MalformedContentException("exclusions is not an array");
      }
      for (JsonNode exclusion : list) {
        JsonNode start = exclusion.get("start");
        JsonNode length = exclusion.get("length");
        if (start == null || length == null || !start.canConvertToLong() || !length.canConvertToLong()) {
          throw new MalformedContentException("an exclusion lacks a whole-number start or length");
        }
        exclusions.add(new ContentDigest.Range(start.asLong(), length.asLong()));
      }
    }
    if (updated) {
      Optional<ContentDigest.Range> store = storeRange(file, limits);
      if (store.isEmpty()) {
        return new C2paStatus(NOT_CHECKED, binding.url(), "the data hash of the manifest an update manifest updates is"
            + " checked in JPEG and PNG files only, where the manifest store's place in the file is known");
      }
      exclusions.clear();
      exclusions.add(store.get());
    }
    exclusions.sort(Comparator.comparingLong(ContentDigest.Range::start));
    long size = file.size();
    Optional<String> lie = ContentDigest.checkExclusions(size, exclusions);
    if (lie.isPresent()) {
      return new C2paStatus(prefix + "mismatch", binding.url(), lie.get());
    }
    byte[] actual = ContentDigest.hash(file, digest.get(), ContentDigest.complement(size, exclusions));
    return verdict(expected, actual, prefix, binding.url(), "data hash", alg);
  }

  /**
   * Where the manifest store is in a JPEG (its APP11 segments, first to last) or PNG ({@code caBX})
   * file; empty for other formats or a file without one.
   */
  private static Optional<ContentDigest.Range> storeRange(SeekableByteChannel file, ScanLimits limits) throws IOException {
    Optional<List<BoxHashLayout.NamedBox>> layout = BoxHashLayout.of(file, limits.maxElements());
    if (layout.isEmpty()) {
      return Optional.empty();
    }
    List<BoxHashLayout.NamedBox> stores = layout.get().stream().filter(b -> b.name().equals(BoxHashLayout.C2PA)).toList();
    if (stores.isEmpty()) {
      return Optional.empty();
    }
    long start = stores.get(0).start();
    BoxHashLayout.NamedBox last = stores.get(stores.size() - 1);
    return Optional.of(new ContentDigest.Range(start, last.start() + last.length() - start));
  }

  /** {@code c2pa.hash.boxes}: named boxes in file order, each run hashed alone (C2PA, "General Box Hash"). */
  private static C2paStatus boxesHash(Binding binding, String alg, SeekableByteChannel file, ScanLimits limits,
      String prefix) throws IOException {
    JsonNode maps = binding.content().get("boxes");
    if (maps == null || !maps.isArray() || maps.isEmpty()) {
      throw new MalformedContentException("the box hash lists no boxes");
    }
    Optional<List<BoxHashLayout.NamedBox>> layout = BoxHashLayout.of(file, limits.maxElements());
    if (layout.isEmpty()) {
      return new C2paStatus(NOT_CHECKED, binding.url(), "box hashes are checked for JPEG and PNG files only");
    }
    List<BoxHashLayout.NamedBox> boxes = layout.get();
    int next = 0;
    JsonNode firstNames = maps.get(0).get("names");
    if (boxes.get(0).name().equals("PNGh") && (firstNames == null || !"PNGh".equals(text(firstNames.get(0))))) {
      next = 1;
    }
    for (JsonNode map : maps) {
      JsonNode names = map.get("names");
      if (names == null || !names.isArray() || names.isEmpty()) {
        throw new MalformedContentException("a box map has no names");
      }
      long start = -1;
      long end = -1;
      boolean c2pa = false;
      for (JsonNode name : names) {
        if (next >= boxes.size()) {
          return new C2paStatus(prefix + "mismatch", binding.url(), "box '" + name.asText() + "' is not in the file");
        }
        BoxHashLayout.NamedBox box = boxes.get(next++);
        if (!box.name().equals(name.asText())) {
          return new C2paStatus(prefix + "mismatch", binding.url(),
              "box '" + name.asText() + "' expected, '" + box.name() + "' found at offset " + box.start());
        }
        if (start < 0) {
          start = box.start();
          c2pa = box.name().equals(BoxHashLayout.C2PA);
        }
        end = box.start() + box.length();
      }
      if (c2pa) {
        if (names.size() != 1) {
          throw new MalformedContentException("the C2PA box shares a box map with other boxes");
        }
        continue;
      }
      String boxAlg = Optional.ofNullable(text(map.get("alg"))).orElse(alg);
      Optional<MessageDigest> digest = ContentDigest.forAlgorithm(boxAlg);
      if (digest.isEmpty()) {
        return new C2paStatus("algorithm.unsupported", binding.url(), "hash algorithm '" + boxAlg + "' is not supported");
      }
      byte[] actual = ContentDigest.hash(file, digest.get(), List.of(new ContentDigest.Range(start, end - start)));
      if (!MessageDigest.isEqual(binary(map.get("hash")), actual)) {
        return new C2paStatus(prefix + "mismatch", binding.url(),
            "the boxes " + names + " at offset " + start + " no longer hash to the recorded value");
      }
    }
    return new C2paStatus(prefix + "match", binding.url(), "every listed box matches its hash");
  }

  /** {@code c2pa.hash.bmff} v1-v3: the file minus the excluded boxes (C2PA, "BMFF-Based Hash"). */
  private static C2paStatus bmffHash(Binding binding, String alg, SeekableByteChannel file, ScanLimits limits,
      String prefix) throws IOException {
    JsonNode content = binding.content();
    int version = binding.label().endsWith(".v3") ? 3 : binding.label().endsWith(".v2") ? 2 : 1;
    Optional<MessageDigest> digest = ContentDigest.forAlgorithm(alg);
    if (digest.isEmpty()) {
      return new C2paStatus("algorithm.unsupported", binding.url(), "hash algorithm '" + alg + "' is not supported");
    }
    ByteSource source = ByteSource.of(file, limits.maxBytesRead());
    ScanContext ctx = new ScanContext(ScanPolicy.defaults(), limits);
    List<BmffHashBinding.PathBox> boxes = BmffHashBinding.boxes(ctx, source);
    BmffHashBinding.Layout layout = BmffHashBinding.layout(source, boxes, content, version);
    JsonNode hash = content.get("hash");
    if (hash == null || hash.isNull()) {
      String why = layout.fragmented()
          ? "the BMFF hash binds the fragments by Merkle tree, which this audit does not check"
          : "the BMFF hash has only a Merkle tree over fragments that are not in this file"
              + " (an initialization segment without its fragments)";
      if (content.get("merkle") == null) {
        throw new MalformedContentException("the BMFF hash has neither a hash nor a Merkle tree");
      }
      return new C2paStatus(NOT_CHECKED, binding.url(), why);
    }
    byte[] actual = ContentDigest.hash(file, digest.get(), layout.parts());
    return verdict(binary(hash), actual, prefix, binding.url(), "BMFF v" + version + " hash", alg);
  }

  private static C2paStatus verdict(byte[] expected, byte[] actual, String prefix, String url, String what, String alg) {
    return MessageDigest.isEqual(expected, actual)
        ? new C2paStatus(prefix + "match", url, "the file's " + alg + " " + what + " matches the manifest")
        : new C2paStatus(prefix + "mismatch", url, "the file's " + alg + " " + what + " differs from the manifest's: the file changed after signing");
  }

  private static JsonNode decode(Jumbf.Box assertion) {
    Jumbf.Box content = assertion.content();
    if (content == null || !content.type().equals("cbor")) {
      return null;
    }
    try {
      return CBOR.readTree(content.data(), content.payloadStart(), content.payloadEnd() - content.payloadStart());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A CBOR byte string's bytes; anything else is empty (and then matches no digest). */
  private static byte[] binary(JsonNode node) {
    if (node == null || !node.isBinary()) {
      return new byte[0];
    }
    try {
      return node.binaryValue();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
