package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileTypeBrandsTest {

  /** An ftyp box with these brands (the first is the major brand), then an empty mdat. */
  static byte[] ftyp(String major, String... compatible) {
    return concat(box("ftyp", ascii(major), be32(0), ascii(String.join("", compatible))), box("mdat"));
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(delimiter = '|', value = {
      // ffmpeg's default MP4, DASH and AVC brands: Tika called these video/quicktime.
      "isom | isom iso2 avc1 mp41 | video/mp4",
      "isom | '' | video/mp4",
      "iso5 | iso5 dash | video/mp4",
      "iso6 | iso6 dash | video/mp4",
      "dash | iso6 mp41 | video/mp4",
      "avc1 | isom | video/mp4",
      "iso2 | isom iso2 | video/mp4",
      "mp71 | isom | video/mp4",
      "mp41 | mp41 | video/mp4",
      "mp42 | mp42 isom | video/mp4",
      "M4V  | M4V mp42 isom | video/mp4",
      "qt   | qt   | video/quicktime",
      "heic | mif1 heic | image/heic",
      "heix | mif1 heix | image/heic",
      "heim | mif1 heim | image/heic",
      "heis | mif1 heis | image/heic",
      "mif1 | mif1 heic | image/heic",
      "mif1 | mif1 | image/heif",
      "msf1 | msf1 | image/heif-sequence",
      "msf1 | msf1 hevc | image/heic-sequence",
      "hevc | msf1 hevc | image/heic-sequence",
      "hevx | msf1 | image/heic-sequence",
      "avif | avif mif1 miaf MA1A | image/avif",
      "avis | avis msf1 | image/avif",
      "mif1 | mif1 avif | image/avif",
      "isom | isom avif | image/avif",
      "3gp4 | isom 3gp4 | video/3gpp",
      "3gp5 | 3gp5 | video/3gpp",
      "3gp6 | isom 3gp6 | video/3gpp",
      "isom | isom 3gp6 | video/3gpp",
      "3g2a | 3g2a | video/3gpp2",
      "M4A  | M4A mp42 isom | audio/mp4",
      "M4B  | M4B mp42 isom | audio/mp4",
      "M4P  | M4P mp42 isom | audio/mp4",
      "mjp2 | mjp2 | video/mj2",
      // The major brand decides when it names a format: an MP4 that lists a 3GP brand is MP4.
      "mp42 | isom 3gp4 | video/mp4",
      "qt   | isom mp41 | video/quicktime",
  })
  void brandsDecideTheType(String major, String compatible, String expected) {
    String[] brands = compatible.isEmpty() ? new String[0]
        : Arrays.stream(compatible.split(" (?=\\S)")).map(b -> (b + "    ").substring(0, 4)).toArray(String[]::new);
    assertEquals(expected, MediaTypes.detect(ftyp((major + "    ").substring(0, 4), brands)));
  }

  @Test
  void jpeg2000BrandsAreReadAfterTheSignatureBox() {
    byte[] signature = concat(be32(12), ascii("jP  "), new byte[] {0x0D, 0x0A, (byte) 0x87, 0x0A});
    assertEquals("image/jp2", MediaTypes.detect(concat(signature, ftyp("jp2 ", "jp2 "))));
    assertEquals("image/jpx", MediaTypes.detect(concat(signature, ftyp("jpx ", "jp2 ", "jpx "))));
    assertEquals("image/jpm", MediaTypes.detect(concat(signature, ftyp("jpm ", "jpm "))));
  }

  @Test
  void unknownBrandsCutBoxesAndOtherFilesAreLeftToTika() {
    assertTrue(FileTypeBrands.mediaType(ftyp("XAVC", "XAVC")).isEmpty());
    assertFalse(FileTypeBrands.mediaType(ftyp("XAVC", "XAVC", "mp42")).isEmpty());
    assertTrue(FileTypeBrands.mediaType(Arrays.copyOf(ftyp("isom", "isom", "avc1"), 20)).isEmpty());
    assertTrue(FileTypeBrands.mediaType(concat(be32(4), ascii("ftypisom"), new byte[8])).isEmpty());
    assertTrue(FileTypeBrands.mediaType(concat(box("moov"), ftyp("isom"))).isEmpty());
    assertTrue(FileTypeBrands.mediaType(png()).isEmpty());
    assertEquals("image/png", MediaTypes.detect(png()));
    // QuickTime files from before ftyp start with other atoms; Tika's magic still names them.
    assertEquals("video/quicktime", MediaTypes.detect(concat(box("wide"), box("mdat", new byte[8]))));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "real-assets/c2pars__video1.mp4 | video/mp4",
      "real-assets/c2pars__legacy.mp4 | video/mp4",
      "real-assets/c2pars__dashinit.mp4 | video/mp4",
      "real-assets/c2pars__c.mov | video/quicktime",
      "real-assets/c2papy__sample1.heic | image/heic",
      "real-assets/c2pats__trustnxt-icon-signed-v2-bmff.heic | image/heic",
      "real-assets/c2pars__sample1.avif | image/avif",
      "wild/repro__comfyui-vhs-comment.mp4 | video/mp4",
  })
  void realFilesAreTypedByTheirBrands(String name, String expected) throws IOException {
    Path file = Path.of(System.getProperty("shared.dir", "../shared"), "corpus", name);
    assumeTrue(Files.isRegularFile(file), "corpus file not found: " + file);
    assertEquals(expected, new ProvenanceScanner(ScanPolicy.defaults()).scan(file).mediaType());
  }
}
