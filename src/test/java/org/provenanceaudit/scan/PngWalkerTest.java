package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PngWalkerTest {

  @Test
  void comfyUiPromptAndWorkflowAreGenerationRecordsWithShortExcerpts() {
    String workflow = "{\"nodes\": [" + "{\"id\": 1},".repeat(500) + "]}";
    Walked walked = walk(PngWalker::walk, png(tEXt("prompt", "{\"3\": {\"inputs\": {}}}"), tEXt("workflow", workflow)));

    assertNull(walked.error());
    assertEquals(2, walked.signals().size());
    Signal second = walked.signals().get(1);
    assertEquals("png-text", second.source());
    assertEquals("generation_record", second.kind());
    assertEquals("workflow", second.values().get("key"));
    assertEquals(200, second.values().get("excerpt").length());
    assertEquals(Integer.toString(workflow.length()), second.values().get("length"));
    assertTrue(second.genai());
  }

  @Test
  void ordinaryTextChunksAreNotSignals() {
    Walked walked = walk(PngWalker::walk, png(tEXt("date:create", "2023-04-03"), tEXt("Software", "GIMP 2.10")));
    assertTrue(walked.signals().isEmpty());
  }

  @Test
  void compressedInternationalTextIsInflated() {
    byte[] itxt = pngChunk("iTXt", concat(ascii("parameters\0"), new byte[] {1, 0}, ascii("\0\0"),
        zlib(utf8("a castle at dusk, Steps: 20, Sampler: Euler a"))));
    Signal record = only(walk(PngWalker::walk, png(itxt)).signals(), "generation_record");
    assertEquals("a castle at dusk, Steps: 20, Sampler: Euler a", record.values().get("excerpt"));
  }

  @Test
  void zlibBombStopsAtTheInflateCapAndKeepsTheSignal() {
    byte[] bomb = zlib(new byte[64 * 1024 * 1024]);
    byte[] ztxt = pngChunk("zTXt", concat(ascii("prompt\0"), new byte[] {0}, bomb));
    Walked walked = walk(PngWalker::walk, png(ztxt));

    Signal record = only(walked.signals(), "generation_record");
    assertEquals(Integer.toString(ScanLimits.MIB), record.values().get("length"));
    assertTrue(walked.error().contains("inflates past the cap"), walked.error());
  }

  @Test
  void invalidUtf8InInternationalTextIsAnErrorButTheKeyStillCounts() {
    byte[] itxt = pngChunk("iTXt", concat(ascii("prompt\0"), new byte[] {0, 0}, ascii("\0\0"),
        new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'}));
    Walked walked = walk(PngWalker::walk, png(itxt));

    assertTrue(only(walked.signals(), "generation_record").genai());
    assertTrue(walked.error().startsWith("invalid UTF-8 in PNG iTXt 'prompt'"), walked.error());
  }

  @Test
  void lyingChunkLengthIsATruncationAfterTheSignalsBeforeIt() {
    byte[] lying = concat(be32(0x7FFF_0000L), ascii("tEXt"), ascii("workflow\0{}"));
    byte[] file = concat(PngWalker.SIGNATURE, tEXt("prompt", "{}"), lying);
    Walked walked = walk(PngWalker::walk, file);

    assertEquals(1, walked.signals().size());
    assertTrue(walked.error().startsWith("truncated PNG chunk 'tEXt' at offset 29"), walked.error());
    assertTrue(walked.bytesRead() <= file.length);
  }

  @Test
  void truncatedFileEndsWithAnError() {
    byte[] file = png(tEXt("prompt", "{}"));
    Walked walked = walk(PngWalker::walk, Arrays.copyOf(file, file.length - 6));
    assertTrue(walked.error().startsWith("truncated PNG chunk header at offset 29"), walked.error());
  }

  @Test
  void chunkFloodStopsAtTheElementCap() {
    byte[][] chunks = new byte[500][];
    Arrays.fill(chunks, pngChunk("zzZz", new byte[0]));
    ScanLimits small = new ScanLimits(ScanLimits.MIB, ScanLimits.MIB, 100, 32, ScanLimits.MIB);
    Walked walked = walk(PngWalker::walk, png(chunks), small);
    assertTrue(walked.error().startsWith("more than 100 boxes/chunks"), walked.error());
  }

  @Test
  void caBXChunkCarriesTheManifestStore() {
    Walked walked = walk(PngWalker::walk, png(pngChunk("caBX", c2paCreatedBy("ComfyUI", "trainedAlgorithmicMedia"))));
    assertTrue(walked.ctx().c2pa());
    Signal action = only(walked.signals(), "action");
    assertEquals("trainedAlgorithmicMedia", action.values().get("digital_source_type"));
    assertEquals("ComfyUI 1.0", action.values().get("software_agent"));
    assertTrue(action.genai());
  }

  @Test
  void xmpInInternationalTextIsRead() {
    byte[] itxt = pngChunk("iTXt", concat(ascii("XML:com.adobe.xmp\0"), new byte[] {0, 0}, ascii("\0\0"),
        utf8(xmp("Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture\""))));
    Signal type = only(walk(PngWalker::walk, png(itxt)).signals(), "digital_source_type");
    assertEquals("digitalCapture", type.values().get("digital_source_type"));
    assertFalse(type.genai());
  }

  @Test
  void xmpUnderItsKeyIsReadFromPlainAndCompressedTextToo() {
    String packet = xmp("Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"");
    byte[] ztxt = pngChunk("zTXt", concat(ascii("XML:com.adobe.xmp\0"), new byte[] {0}, zlib(utf8(packet))));
    Walked walked = walk(PngWalker::walk, png(tEXt("XML:com.adobe.xmp", packet), ztxt));

    assertEquals(2, walked.signals().size());
    assertEquals("PNG tEXt XMP", walked.signals().get(0).values().get("where"));
    assertEquals("PNG zTXt XMP", walked.signals().get(1).values().get("where"));
    assertTrue(walked.genai());
  }

  @Test
  void exifChunkKeepingTheJpegHeaderIsRead() {
    byte[] exif = concat(ascii("Exif\0\0"), RiffWalkerTest.tiffWithAscii(0x0131, "NovelAI Diffusion V3"));
    Walked walked = walk(PngWalker::walk, png(pngChunk("eXIf", exif)));
    assertEquals("NovelAI", only(walked.signals(), "software").values().get("matched"));
    assertNull(walked.error());
  }

  @Test
  void compressedZxifChunkIsInflatedAndWalked() {
    byte[] tiff = RiffWalkerTest.tiffWithAscii(0x0131, "ComfyUI");
    byte[] zxif = pngChunk("zxIf", concat(new byte[] {0}, be32(tiff.length), zlib(tiff)));
    Walked walked = walk(PngWalker::walk, png(zxif));
    assertEquals("ComfyUI", only(walked.signals(), "software").values().get("matched"));
    assertNull(walked.error());
  }

  @Test
  void zxifDeclaringMoreThanTheCapIsAnError() {
    byte[] zxif = pngChunk("zxIf", concat(new byte[] {0}, be32(0x7FFF_FFFFL), zlib(new byte[16])));
    Walked walked = walk(PngWalker::walk, png(zxif));
    assertTrue(walked.signals().isEmpty());
    assertTrue(walked.error().contains("declares 2147483647 inflated bytes, over the cap"), walked.error());
  }

  @Test
  void oversizedWorkflowIsReadUpToTheCapJudgedAndSaidToBeCut() {
    String workflow = "{\"last_node_id\": 9, \"nodes\": [" + "{\"id\": 1, \"type\": \"KSampler\"},".repeat(80_000) + "{}]}";
    Walked walked = walk(PngWalker::walk, png(tEXt("Description", workflow)));

    Signal record = only(walked.signals(), "generation_record");
    assertEquals("ComfyUI", record.values().get("front_end"));
    assertEquals(Integer.toString(ScanLimits.MIB), record.values().get("length"));
    assertEquals("PNG tEXt 'Description' at offset 8: value of " + (workflow.length())
        + " bytes cut at the cap of 1048576 bytes", walked.error());
  }

  @Test
  void aValueExactlyAtTheCapIsNotCut() {
    String value = "x".repeat(ScanLimits.MIB);
    Walked walked = walk(PngWalker::walk, png(tEXt("Comment", value)));
    assertTrue(walked.signals().isEmpty());
    assertNull(walked.error());
  }

  @Test
  void compressedValueOverTheBlobCapIsCutNotFatal() {
    ScanLimits small = new ScanLimits(64L * ScanLimits.MIB, 4096, 100_000, 32, ScanLimits.MIB);
    StringBuilder text = new StringBuilder("a castle\nSteps: 20, Sampler: Euler a, Seed: 7\n");
    java.util.Random random = new java.util.Random(1);
    while (text.length() < 20_000) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    byte[] ztxt = pngChunk("zTXt", concat(ascii("parameters\0"), new byte[] {0}, zlib(ascii(text.toString()))));
    Walked walked = walk(PngWalker::walk, png(ztxt, tEXt("Software", "NovelAI")), small);

    assertEquals("AUTOMATIC1111", only(walked.signals(), "generation_record").values().get("front_end"));
    assertEquals("NovelAI", only(walked.signals(), "software").values().get("matched"));
    assertTrue(walked.error().startsWith("PNG zTXt 'parameters' at offset 8: compressed value of "), walked.error());
    assertTrue(walked.error().endsWith("cut at the cap of 4096 bytes"), walked.error());
  }
}
