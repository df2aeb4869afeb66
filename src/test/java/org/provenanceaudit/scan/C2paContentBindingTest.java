package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard bindings and hashed URIs of real C2PA files, as the reference implementation judges them
 * (docs/c2pa-crosscheck.md), and of copies altered by one byte inside or outside what the
 * binding excludes.
 */
class C2paContentBindingTest {

  @TempDir
  Path temp;

  private static List<C2paStatus> check(Path file) throws IOException {
    C2paStores.Active active = C2paStores.active(file);
    try (FileChannel channel = FileChannel.open(file)) {
      return C2paContentBinding.check(active.manifest(), active.claim(), channel, ScanLimits.defaults());
    }
  }

  private static List<String> codes(List<C2paStatus> statuses) {
    return statuses.stream().map(C2paStatus::code).toList();
  }

  private static C2paStatus only(List<C2paStatus> statuses, String code) {
    List<C2paStatus> found = statuses.stream().filter(s -> s.code().equals(code)).toList();
    assertEquals(1, found.size(), () -> code + " in " + statuses);
    return found.get(0);
  }

  private Path alteredCopy(String name, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(C2paStores.CORPUS.resolve(name));
    bytes[(int) offset] ^= 0x01;
    Path copy = temp.resolve(name);
    Files.write(copy, bytes);
    return copy;
  }

  @Test
  void anUnalteredJpegMatchesItsDataHashAndEveryAssertionHash() throws IOException {
    List<C2paStatus> statuses = check(C2paStores.CORPUS.resolve("c2pars__C.jpg"));
    assertEquals(List.of("assertion.hashedURI.match", "assertion.hashedURI.match", "assertion.hashedURI.match",
        "assertion.hashedURI.match", "assertion.dataHash.match"), codes(statuses));
    assertTrue(only(statuses, "assertion.dataHash.match").url().endsWith("/c2pa.assertions/c2pa.hash.data"));
  }

  @Test
  void theTamperedJpegOfTheCorpusMismatchesItsDataHash() throws IOException {
    List<C2paStatus> statuses = check(C2paStores.CORPUS.resolve("c2pars__XCA.jpg"));
    only(statuses, "assertion.dataHash.mismatch");
    assertEquals(6, codes(statuses).stream().filter("assertion.hashedURI.match"::equals).count());
  }

  @Test
  void anAssertionWhoseBytesChangedAfterSigningMismatchesItsHashedUri() throws IOException {
    List<C2paStatus> statuses = check(C2paStores.CORPUS.resolve("c2pars__adobe-20220124-E-clm-CAICAI.jpg"));
    C2paStatus mismatch = only(statuses, "assertion.hashedURI.mismatch");
    assertTrue(mismatch.url().endsWith("/c2pa.assertions/c2pa.ingredient__1"), mismatch.url());
    only(statuses, "assertion.dataHash.match");
  }

  @Test
  void oneByteChangedOutsideTheExclusionsMismatchesAndInsideThePaddingStillMatches() throws IOException {
    byte[] original = Files.readAllBytes(C2paStores.CORPUS.resolve("c2pars__C.jpg"));
    only(check(alteredCopy("c2pars__C.jpg", original.length - 3)), "assertion.dataHash.mismatch");

    // The COSE signature's "pad" is slack inside the excluded manifest store: no hash covers it.
    int signature = indexOf(original, "c2pa.signature".getBytes(StandardCharsets.US_ASCII), 0);
    int pad = indexOf(original, new byte[] {0x63, 'p', 'a', 'd'}, signature);
    assertTrue(signature > 0 && pad > signature);
    List<C2paStatus> inside = check(alteredCopy("c2pars__C.jpg", pad + 6));
    only(inside, "assertion.dataHash.match");
    assertEquals(4, codes(inside).stream().filter("assertion.hashedURI.match"::equals).count());
  }

  @Test
  void anExclusionRangePastTheEndOfTheFileIsAMismatchNotAnError() throws IOException {
    C2paStatus status = only(check(C2paStores.CORPUS.resolve("c2pars__manifest_data.c2pa")),
        "assertion.dataHash.mismatch");
    assertTrue(status.explanation().contains("outside the file"), status.explanation());
  }

  @Test
  void bmffHashesV1AndV2MatchOnUnalteredMp4AndHeic() throws IOException {
    only(check(C2paStores.CORPUS.resolve("c2pars__video1.mp4")), "assertion.bmffHash.match");
    only(check(C2paStores.CORPUS.resolve("c2pars__legacy.mp4")), "assertion.bmffHash.match");
    only(check(C2paStores.CORPUS.resolve("c2pats__trustnxt-icon-signed-v2-bmff.heic")), "assertion.bmffHash.match");
  }

  @Test
  void oneByteChangedInTheMediaDataMismatchesTheBmffHashAndInTheExcludedFtypStillMatches() throws IOException {
    long size = Files.size(C2paStores.CORPUS.resolve("c2pars__video1.mp4"));
    only(check(alteredCopy("c2pars__video1.mp4", size - 10)), "assertion.bmffHash.mismatch");
    // /ftyp is excluded by xpath: its minor version (bytes 12-15) is not hashed.
    only(check(alteredCopy("c2pars__video1.mp4", 15)), "assertion.bmffHash.match");
  }

  @Test
  void aMerkleTreeOverFragmentsNotInTheFileIsNotCheckedAndSaysWhy() throws IOException {
    C2paStatus status = only(check(C2paStores.CORPUS.resolve("c2pars__dashinit.mp4")), C2paContentBinding.NOT_CHECKED);
    assertTrue(status.explanation().contains("Merkle"), status.explanation());
    assertTrue(status.url().endsWith("c2pa.hash.bmff.v2"), status.url());
  }

  @Test
  void anUpdateManifestIsNotBlamedForHavingNoHardBinding() throws IOException {
    List<C2paStatus> statuses = check(C2paStores.CORPUS.resolve("c2pars__update_manifest.jpg"));
    assertTrue(statuses.stream().noneMatch(s -> s.code().equals("claim.hardBindings.missing")), statuses::toString);
    only(statuses, C2paContentBinding.NOT_CHECKED);
  }

  @Test
  void anAssertionTheClaimListsButTheStoreLacksIsMissingAndSoIsTheHardBinding() throws IOException {
    byte[] file = Files.readAllBytes(C2paStores.CORPUS.resolve("c2pars__C.jpg"));
    // Relabel the data hash assertion's box: the claim still names c2pa.hash.data.
    int label = indexOf(file, "c2pa.hash.data\0".getBytes(StandardCharsets.US_ASCII), 0);
    file[label + 13] = 'x';
    Path copy = temp.resolve("relabelled.jpg");
    Files.write(copy, file);

    List<C2paStatus> statuses = check(copy);
    assertTrue(only(statuses, "assertion.missing").url().endsWith("/c2pa.assertions/c2pa.hash.data"));
    only(statuses, "claim.hardBindings.missing");
  }

  private static int indexOf(byte[] data, byte[] wanted, int from) {
    outer:
    for (int i = from; i <= data.length - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (data[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
