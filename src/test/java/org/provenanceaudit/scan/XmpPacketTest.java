package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import org.junit.jupiter.api.Test;

class XmpPacketTest {

  private static Walked read(String packet) {
    return walk((ctx, source) -> {
      byte[] data = source.read(0, (int) source.size(), "xmp");
      XmpPacket.report(ctx, data, 0, data.length, "test");
    }, utf8(packet));
  }

  @Test
  void entityExpansionIsRefused() {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&c;</x:xmpmeta>";
    Walked walked = read(laughs);
    assertEquals("unreadable XMP packet in test", walked.error());
    assertTrue(walked.signals().isEmpty());
  }

  @Test
  void elementFormAndIptcAiPropertiesAreRead() {
    String packet = xmp("") .replace("/>", ">"
        + "<Iptc4xmpExt:DigitalSourceType rdf:resource=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/>"
        + "<Iptc4xmpExt:AISystemUsed>Acme Diffusion</Iptc4xmpExt:AISystemUsed>"
        + "<Iptc4xmpExt:AIPromptInformation>a lighthouse in fog</Iptc4xmpExt:AIPromptInformation>"
        + "</rdf:Description>");
    Walked walked = read(packet);
    assertEquals("trainedAlgorithmicMedia", only(walked.signals(), "digital_source_type").values().get("digital_source_type"));
    assertEquals("Acme Diffusion", only(walked.signals(), "software").values().get("value"));
    assertEquals("a lighthouse in fog", only(walked.signals(), "generation_record").values().get("excerpt"));
  }

  @Test
  void provenancePointerIsReportedAsAReference() {
    Walked walked = read(xmp("xmlns:dcterms=\"http://purl.org/dc/terms/\" dcterms:provenance=\"self#jumbf=/c2pa/urn:x/c2pa.claim\""));
    Signal reference = only(walked.signals(), "c2pa_reference");
    assertEquals("embedded", reference.values().get("points_to"));
  }
}
