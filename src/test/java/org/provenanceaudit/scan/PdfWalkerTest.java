package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pdfbox.pdfparser.COSParser;
import org.junit.jupiter.api.Test;

class PdfWalkerTest {

  /** An empty page tree: ISO 32000-1 §7.7.2 requires one in every catalog. */
  static final byte[] PAGES = ascii("<</Type/Pages/Kids[]/Count 0>>");

  /** A PDF whose objects are written in order, with a classic cross-reference table. */
  static byte[] pdf(List<byte[]> objects, String trailerExtra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("%PDF-1.7\n"));
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      out.writeBytes(ascii((i + 1) + " 0 obj\n"));
      out.writeBytes(objects.get(i));
      out.writeBytes(ascii("\nendobj\n"));
    }
    int xref = out.size();
    out.writeBytes(ascii("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f\r\n"));
    for (int offset : offsets) {
      out.writeBytes(ascii(String.format("%010d 00000 n\r\n", offset)));
    }
    out.writeBytes(ascii("trailer\n<</Size " + (objects.size() + 1) + " /Root 1 0 R" + trailerExtra
        + ">>\nstartxref\n" + xref + "\n%%EOF\n"));
    return out.toByteArray();
  }

  static byte[] stream(String dict, byte[] data) {
    return concat(ascii("<<" + dict + " /Length " + data.length + ">>stream\r\n"), data, ascii("\nendstream"));
  }

  @Test
  void embeddedC2paManifestIsFoundThroughTheAssociatedFiles() {
    byte[] store = zlib(c2paCreatedBy("Adobe Firefly", "trainedAlgorithmicMedia"));
    byte[] file = pdf(List.of(
        ascii("<</Type/Catalog/AF[2 0 R]/Pages 4 0 R>>"),
        ascii("<</Type/Filespec/AFRelationship/C2PA_Manifest/F(manifest.c2pa)/EF<</F 3 0 R>>>>"),
        stream("/Type/EmbeddedFile/Subtype/application#2Fc2pa/Filter/FlateDecode", store),
        ascii("<</Type/Pages/Kids[]/Count 0>>")), "");
    Walked walked = walk(PdfWalker::walk, file);

    assertNull(walked.error());
    assertTrue(walked.ctx().c2pa());
    assertEquals("PDF embedded file", only(walked.signals(), "manifest_store").values().get("location"));
    assertTrue(only(walked.signals(), "action").genai());
  }

  @Test
  void embeddedFilesNameTreeAndInfoCreatorAreRead() {
    byte[] file = pdf(List.of(
        ascii("<</Type/Catalog/Names<</EmbeddedFiles<</Names[(a.c2pa) 2 0 R]>>>>/Pages 5 0 R>>"),
        ascii("<</Type/Filespec/F(a.c2pa)/EF<</F 3 0 R>>>>"),
        stream("/Subtype/application#2Fc2pa", c2paCreatedBy("x", "digitalCapture")),
        ascii("<</Creator(Midjourney v6)>>"),
        PAGES), " /Info 4 0 R");
    Walked walked = walk(PdfWalker::walk, file);
    assertEquals("pdf-info", walked.signals().get(0).source());
    assertTrue(walked.ctx().c2pa());
    assertEquals("digitalCapture", only(walked.signals(), "action").values().get("digital_source_type"));
  }

  @Test
  void crossReferenceChainThatLoopsIsAnError() {
    byte[] file = pdf(List.of(ascii("<</Type/Catalog>>")), "");
    String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    int xref = text.indexOf("xref\n");
    byte[] looped = ascii(text.replace("/Root 1 0 R", "/Root 1 0 R /Prev " + xref));
    Walked walked = walk(PdfWalker::walk, looped);
    assertTrue(walked.error().startsWith("PDF not readable: IOException: /Prev loop"), walked.error());
  }

  @Test
  void streamLengthBeyondTheFileIsReportedAndTheStoreIsNotTakenForOne() {
    byte[] file = pdf(List.of(
        ascii("<</Type/Catalog/AF[2 0 R]/Pages 4 0 R>>"),
        ascii("<</AFRelationship/C2PA_Manifest/EF<</F 3 0 R>>>>"),
        ascii("<</Length 999999>>stream\n\nendstream"),
        PAGES), "");
    Walked walked = walk(PdfWalker::walk, file);
    assertTrue(walked.error().startsWith("PDF stream near offset"), walked.error());
    assertTrue(walked.error().contains("declares 999999 bytes but has 0 before its endstream"), walked.error());
    assertTrue(walked.error().contains("is not a C2PA manifest store"), walked.error());
    assertFalse(walked.ctx().c2pa());
  }

  /**
   * PDFBox's warnings about a stream it works around (the record's error above already says it) go
   * through commons-logging to SLF4J and are below the level simplelogger.properties shows for
   * PDFBox, so {@code scripts/scan} prints no log line; its errors still show.
   */
  @Test
  void pdfboxWarningsAreRoutedToSlf4jAndNotShown() {
    assertEquals("org.apache.commons.logging.impl.Slf4jLogFactory", LogFactory.getFactory().getClass().getName());
    Log parserLog = LogFactory.getLog(COSParser.class);
    assertFalse(parserLog.isWarnEnabled());
    assertTrue(parserLog.isErrorEnabled());
  }

  /**
   * A PDF 1.5 file as most tools write it now (ISO 32000-1 §7.5.7, §7.5.8): the objects whose
   * index is in {@code packed} (never streams) go into one Flate-compressed object stream, and the
   * cross-reference is a Flate-compressed stream with {@code /W [1 4 2]}. Object i is number i+1.
   */
  static byte[] compressedPdf(List<byte[]> objects, java.util.Set<Integer> packed, String trailerExtra) {
    int objStm = objects.size() + 1;
    int xrefStm = objects.size() + 2;
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i : packed.stream().sorted().toList()) {
      header.writeBytes(ascii((i + 1) + " " + body.size() + " "));
      body.writeBytes(objects.get(i));
      body.writeBytes(ascii(" "));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("%PDF-1.7\n"));
    long[] offsets = new long[xrefStm + 1];
    for (int i = 0; i < objects.size(); i++) {
      if (!packed.contains(i)) {
        offsets[i + 1] = out.size();
        out.writeBytes(concat(ascii((i + 1) + " 0 obj\n"), objects.get(i), ascii("\nendobj\n")));
      }
    }
    offsets[objStm] = out.size();
    out.writeBytes(concat(ascii(objStm + " 0 obj\n"), stream("/Type/ObjStm/N " + packed.size() + "/First "
        + header.size() + "/Filter/FlateDecode", zlib(concat(header.toByteArray(), body.toByteArray()))),
        ascii("\nendobj\n")));
    offsets[xrefStm] = out.size();
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    entries.writeBytes(new byte[] {0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF});
    List<Integer> packedOrder = packed.stream().sorted().toList();
    for (int n = 1; n <= xrefStm; n++) {
      boolean inStream = n <= objects.size() && packed.contains(n - 1);
      long field2 = inStream ? objStm : offsets[n];
      int field3 = inStream ? packedOrder.indexOf(n - 1) : 0;
      entries.writeBytes(new byte[] {(byte) (inStream ? 2 : 1), (byte) (field2 >> 24), (byte) (field2 >> 16),
          (byte) (field2 >> 8), (byte) field2, (byte) (field3 >> 8), (byte) field3});
    }
    out.writeBytes(concat(ascii(xrefStm + " 0 obj\n"), stream("/Type/XRef/Size " + (xrefStm + 1)
        + "/W[1 4 2]/Root 1 0 R/Filter/FlateDecode" + trailerExtra, zlib(entries.toByteArray())),
        ascii("\nendobj\nstartxref\n" + offsets[xrefStm] + "\n%%EOF\n")));
    return out.toByteArray();
  }

  @Test
  void crossReferenceAndObjectStreamsAreFollowedToTheManifestXmpAndInfo() {
    byte[] store = c2paCreatedBy("Adobe Firefly", "trainedAlgorithmicMedia");
    String xmp = xmp("xmp:CreatorTool=\"Adobe Firefly\"");
    byte[] file = compressedPdf(List.of(
        ascii("<</Type/Catalog/Pages 2 0 R/AF[3 0 R]/Metadata 5 0 R>>"),
        PAGES,
        ascii("<</Type/Filespec/AFRelationship/C2PA_Manifest/F(manifest.c2pa)/EF<</F 4 0 R>>>>"),
        stream("/Type/EmbeddedFile/Subtype/application#2Fc2pa/Filter/FlateDecode", zlib(store)),
        stream("/Type/Metadata/Subtype/XML", ascii(xmp)),
        ascii("<</Producer(Adobe Firefly)>>")), java.util.Set.of(0, 1, 2, 5), "/Info 6 0 R");
    Walked walked = walk(PdfWalker::walk, file);

    assertNull(walked.error());
    assertTrue(walked.ctx().c2pa());
    assertTrue(only(walked.signals(), "action").genai());
    assertEquals(List.of("pdf-info", "xmp", "c2pa"), walked.signals().stream().map(Signal::source).distinct().toList());
    assertTrue(walked.bytesRead() <= file.length, walked.bytesRead() + " of " + file.length);
  }

  @Test
  void anEmbeddedFileThatIsNotMarkedC2paIsNotReadAsOne() {
    byte[] file = compressedPdf(List.of(
        ascii("<</Type/Catalog/Pages 2 0 R/AF[3 0 R]>>"),
        PAGES,
        ascii("<</Type/Filespec/AFRelationship/Data/F(data.bin)/EF<</F 4 0 R>>>>"),
        stream("/Type/EmbeddedFile/Subtype/application#2Foctet-stream", c2paCreatedBy("x", "trainedAlgorithmicMedia"))),
        java.util.Set.of(0, 1, 2), "");
    Walked walked = walk(PdfWalker::walk, file);
    assertNull(walked.error());
    assertFalse(walked.ctx().c2pa());
    assertEquals(List.of(), walked.signals());
  }

  @Test
  void anObjectStreamThatInflatesPastTheCapStopsTheWalkWithAnError() {
    ScanLimits limits = new ScanLimits(64L * ScanLimits.MIB, 64 * 1024, 100_000, 32, ScanLimits.MIB);
    byte[] file = compressedPdf(List.of(
        ascii("<</Type/Catalog/Pages 2 0 R>>"),
        PAGES,
        ascii("(" + "A".repeat(200_000) + ")")), java.util.Set.of(0, 1, 2), "");
    Walked walked = walk(PdfWalker::walk, file, limits);
    assertTrue(walked.error().contains("decodes to more than the cap of 65536 bytes"), walked.error());
  }

  @Test
  void aBrokenCrossReferenceIsAnErrorNamingWhy() {
    byte[] good = pdf(List.of(ascii("<</Type/Catalog/Pages 2 0 R>>"), PAGES), "");
    String text = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] broken = ascii(text.replaceFirst("startxref\n\\d+", "startxref\n3"));
    Walked walked = walk(PdfWalker::walk, broken);
    assertTrue(walked.error().startsWith("PDF not readable: "), walked.error());
  }

  @Test
  void aPasswordProtectedPdfSaysSo() {
    byte[] file = pdf(List.of(ascii("<</Type/Catalog/Pages 2 0 R>>"), PAGES,
        ascii("<</Filter/Standard/V 2/R 3/Length 128/O<" + "00".repeat(32) + ">/U<" + "00".repeat(32)
            + ">/P -4>>")), " /Encrypt 3 0 R /ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]");
    Walked walked = walk(PdfWalker::walk, file);
    assertTrue(walked.error().startsWith("PDF is encrypted with a password"), walked.error());
  }
}
