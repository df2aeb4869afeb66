package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import org.junit.jupiter.api.Test;

class RiffWalkerTest {

  /** A big-endian TIFF block with one ASCII tag. */
  static byte[] tiffWithAscii(int tag, String value) {
    byte[] text = concat(ascii(value), new byte[] {0});
    return concat(ascii("MM"), be16(42), be32(8), be16(1), be16(tag), be16(2), be32(text.length), be32(26),
        be32(0), text);
  }

  @Test
  void webpC2paChunkAndExifGenerationRecord() {
    byte[] webp = riff("WEBP", riffChunk("VP8 ", new byte[100]),
        riffChunk("EXIF", concat(ascii("Exif\0\0"), tiffWithAscii(0x010F, "workflow:{\"last_node_id\": 40}"))),
        riffChunk("C2PA", c2paCreatedBy("Runway", "trainedAlgorithmicMedia")));
    Walked walked = walk(RiffWalker::walk, webp);

    assertNull(walked.error());
    Signal record = only(walked.signals(), "generation_record");
    assertEquals("exif", record.source());
    assertEquals("Make", record.values().get("container"));
    assertEquals("workflow", record.values().get("key"));
    assertEquals("{\"last_node_id\": 40}", record.values().get("excerpt"));
    assertTrue(walked.ctx().c2pa());
    assertTrue(only(walked.signals(), "action").genai());
  }

  @Test
  void nestedListBombStopsAtTheDepthCap() {
    byte[] inner = riffChunk("ISFT", ascii("x\0"));
    for (int i = 0; i < 200; i++) {
      inner = riffChunk("LIST", concat(ascii("INFO"), inner));
    }
    Walked walked = walk(RiffWalker::walk, riff("WAVE", inner));
    assertTrue(walked.error().startsWith("RIFF list nested deeper than 32 levels"), walked.error());
  }

  @Test
  void lyingChunkSizeIsATruncation() {
    byte[] wav = riff("WAVE", concat(ascii("data"), le32(0x7FFFFFF0L), new byte[16]));
    Walked walked = walk(RiffWalker::walk, wav);
    assertTrue(walked.error().startsWith("truncated RIFF chunk 'data' at offset 12"), walked.error());
    assertTrue(walked.bytesRead() <= wav.length);
  }

  @Test
  void mediaDataIsSkippedNotRead() {
    byte[] wav = riff("WAVE", riffChunk("data", new byte[1_000_000]),
        riffChunk("LIST", concat(ascii("INFO"), riffChunk("ISFT", ascii("Suno via Stable Diffusion Audio\0")))));
    Walked walked = walk(RiffWalker::walk, wav);
    assertEquals("Stable Diffusion", only(walked.signals(), "software").values().get("matched"));
    assertTrue(walked.bytesRead() < 200, "read " + walked.bytesRead());
  }
}
