package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XMP and EXIF held as HEIF/AVIF items, as libheif and exiftool write them. */
class HeifItemsTest {

  static final byte[] XMP = utf8(xmp(
      "Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\""));
  static final byte[] EXIF = concat(be32(6), ascii("Exif\0\0"), RiffWalkerTest.tiffWithAscii(0x0131, "Midjourney v6"));

  /** One item: its infe (version 2) and where its data goes. */
  record Item(int id, String type, String contentType, byte[] data) {
    byte[] infe() {
      byte[] mime = type.equals("mime") ? concat(utf8(contentType), new byte[1]) : new byte[0];
      return box("infe", new byte[] {2, 0, 0, 0}, be16(id), be16(0), ascii(type), new byte[1], mime);
    }
  }

  /**
   * A HEIF file: ftyp, meta (hdlr pict, iinf, iloc of {@code ilocVersion} with 4-byte offsets and
   * lengths, construction method {@code method}), then mdat holding each item's data in order.
   */
  static byte[] heif(String brand, int ilocVersion, int method, Item... items) {
    byte[] probe = heif(brand, ilocVersion, method, 0, items);
    return heif(brand, ilocVersion, method, probe.length - mdatLength(items) + 8, items);
  }

  private static int mdatLength(Item... items) {
    return 8 + java.util.Arrays.stream(items).mapToInt(i -> i.data().length).sum();
  }

  private static byte[] heif(String brand, int ilocVersion, int method, int mdatBody, Item... items) {
    byte[] infes = concat(java.util.Arrays.stream(items).map(Item::infe).toArray(byte[][]::new));
    byte[] iinf = box("iinf", new byte[4], be16(items.length), infes);
    byte[] entries = new byte[0];
    int offset = mdatBody;
    for (Item item : items) {
      byte[] cm = ilocVersion == 0 ? new byte[0] : be16(method);
      byte[] id = ilocVersion == 2 ? be32(item.id()) : be16(item.id());
      entries = concat(entries, id, cm, be16(0), be16(1), be32(offset), be32(item.data().length));
      offset += item.data().length;
    }
    byte[] count = ilocVersion == 2 ? be32(items.length) : be16(items.length);
    byte[] iloc = box("iloc", new byte[] {(byte) ilocVersion, 0, 0, 0}, new byte[] {0x44, 0x00}, count, entries);
    byte[] hdlr = box("hdlr", new byte[8], ascii("pict"), new byte[13]);
    byte[] meta = box("meta", new byte[4], hdlr, box("pitm", new byte[4], be16(1)), iloc, iinf);
    byte[] mdat = box("mdat", concat(java.util.Arrays.stream(items).map(Item::data).toArray(byte[][]::new)));
    return concat(box("ftyp", ascii(brand), be32(0), ascii("mif1" + brand)), meta, mdat);
  }

  static Item image(int id) {
    return new Item(id, "hvc1", "", new byte[64]);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void xmpAndExifItemsAreReadThroughEachIlocVersion(int version) {
    byte[] file = heif("heic", version, 0, image(1),
        new Item(2, "mime", "application/rdf+xml", XMP), new Item(3, "Exif", "", EXIF));
    Walked walked = walk(BmffWalker::walk, file);

    assertNull(walked.error());
    Signal source = only(walked.signals(), "digital_source_type");
    assertTrue(source.genai());
    assertEquals("ISO BMFF XMP item", source.values().get("where"));
    assertEquals("Midjourney", only(walked.signals(), "software").values().get("matched"));
    assertEquals("image/heic", MediaTypes.detect(file));
  }

  @Test
  void avifXmpItemWithAlgorithmicMediaIsReportedButNotGenai() {
    byte[] xmp = utf8(xmp(
        "Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia\""));
    Walked walked = walk(BmffWalker::walk,
        heif("avif", 0, 0, image(1), new Item(2, "mime", "application/rdf+xml; charset=utf-8", xmp)));
    assertFalse(only(walked.signals(), "digital_source_type").genai());
  }

  @Test
  void anXmpPacketInAnItemOfAnotherContentTypeIsNotRead() {
    Walked walked = walk(BmffWalker::walk, heif("heic", 1, 0, image(1), new Item(2, "mime", "text/plain", XMP)));
    assertEquals(List.of(), walked.signals());
    assertNull(walked.error());
  }

  @Test
  void itemsInIdatAreReportedNotRead() {
    Walked walked = walk(BmffWalker::walk,
        heif("heic", 1, 1, image(1), new Item(2, "mime", "application/rdf+xml", XMP)));
    assertEquals(List.of(), walked.signals());
    assertTrue(walked.error().contains("HEIF XMP item 2 uses construction method 1 (not a file offset); not read"),
        walked.error());
  }

  @Test
  void anUnknownIlocVersionIsReportedNotRead() {
    byte[] file = heif("heic", 2, 0, new Item(2, "Exif", "", EXIF));
    int iloc = Bytes.indexOf(file, ascii("iloc"), 0, file.length);
    file[iloc + 4] = 3;
    Walked walked = walk(BmffWalker::walk, file);
    assertEquals(List.of(), walked.signals());
    assertTrue(walked.error().contains("has version 3; XMP/EXIF items not read"), walked.error());
  }

  @Test
  void anItemPastTheEndOfTheFileIsATruncationNotAnAllocation() {
    byte[] file = heif("heic", 1, 0, new Item(2, "mime", "application/rdf+xml", XMP));
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 100);
    Walked walked = walk(BmffWalker::walk, cut);
    assertTrue(walked.error().contains("truncated HEIF XMP item 2"), walked.error());
  }

  @Test
  void anExifItemWhoseHeaderOffsetPointsPastItIsReported() {
    byte[] exif = concat(be32(4_000), RiffWalkerTest.tiffWithAscii(0x0131, "Midjourney v6"));
    Walked walked = walk(BmffWalker::walk, heif("heic", 0, 0, new Item(2, "Exif", "", exif)));
    assertEquals(List.of(), walked.signals());
    assertTrue(walked.error().startsWith("HEIF EXIF item 2 has its TIFF header past its"), walked.error());
  }

  @ParameterizedTest
  @ValueSource(strings = {"c2papy__sample1.heic", "c2pars__sample1.avif", "c2pats__trustnxt-icon-signed-v2-bmff.heic"})
  void realHeifAndAvifFilesWithOnlyImageItemsScanCleanly(String name) {
    Path file = Path.of(System.getProperty("shared.dir", "../shared"), "corpus", "real-assets", name);
    assumeTrue(Files.isRegularFile(file), "not found: " + file);
    ScanRecord record = new ProvenanceScanner(ScanPolicy.defaults()).scan(file);
    assertNull(record.error());
    assertTrue(record.signals().stream().noneMatch(s -> s.source().equals("xmp") || s.source().equals("exif")));
    assertTrue(record.bytesRead() < 40_000, "read " + record.bytesRead());
  }
}
