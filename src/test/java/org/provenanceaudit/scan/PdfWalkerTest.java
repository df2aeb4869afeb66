package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
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
}
