package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.scan.CraftedBytes.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  private static final String A1111 = "a lighthouse in fog\nNegative prompt: blurry\n"
      + "Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 1234";

  /** A packet with the given elements inside its rdf:Description, and the namespaces they use. */
  private static String packet(String elements) {
    return xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
        + " xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\""
        + " xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\"").replace("/>", ">" + elements + "</rdf:Description>");
  }

  private static String alt(String property, String text) {
    return "<" + property + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + text + "</rdf:li></rdf:Alt></" + property + ">";
  }

  @Test
  void descriptionHoldingA1111ParametersIsAGenerationRecord() {
    Walked walked = read(packet(alt("dc:description", A1111)));
    Signal record = only(walked.signals(), "generation_record");
    assertEquals("dc:description", record.values().get("key"));
    assertEquals("AUTOMATIC1111", record.values().get("front_end"));
    assertNull(walked.error());
  }

  @Test
  void plainDescriptionHoldingJsonIsAGenerationRecord() {
    String json = "{\"sui_image_params\": {\"prompt\": \"a fox\", \"steps\": 20}}";
    Walked walked = read(packet("<dc:description>" + json.replace("\"", "&quot;") + "</dc:description>"));
    assertEquals("SwarmUI", only(walked.signals(), "generation_record").values().get("front_end"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A portrait shot on Runway 9 at Heathrow, Steps: none",
      "{\"prompt\": \"a cat\"}", "Made with Midjourney"})
  void descriptionThatIsNotARecordDoesNotFire(String caption) {
    Walked walked = read(packet(alt("dc:description", caption.replace("\"", "&quot;"))));
    assertTrue(walked.signals().isEmpty(), walked.signals().toString());
  }

  @Test
  void exifUserCommentAndPhotoshopHistoryAreRead() {
    Walked walked = read(packet(alt("exif:UserComment", A1111)
        + "<photoshop:History>2024-05-01 generated with Adobe Firefly Image 3</photoshop:History>"));
    assertEquals("exif:UserComment", only(walked.signals(), "generation_record").values().get("key"));
    Signal history = only(walked.signals(), "software");
    assertEquals("photoshop:History", history.values().get("tag"));
    assertEquals("Firefly", history.values().get("matched"));
  }

  @Test
  void creatorToolAndTiffSoftwareNameToolsOnWordBoundaries() {
    Walked walked = read(packet("<xmp:CreatorTool>Runway Gen-3</xmp:CreatorTool><tiff:Software>Stable Diffusion XL</tiff:Software>"));
    assertEquals("Runway", only(walked.signals(), "creator_tool").values().get("matched"));
    assertEquals("Stable Diffusion", only(walked.signals(), "software").values().get("matched"));
    Walked twins = read(packet("<xmp:CreatorTool>Runways Studio 2</xmp:CreatorTool><tiff:Software>Sorano Raw 1.2</tiff:Software>"));
    assertTrue(twins.signals().isEmpty(), twins.signals().toString());
  }

  @Test
  void historySoftwareAgentsOfASequenceAreEachRead() {
    Walked walked = read(packet("<xmpMM:History xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\""
        + " xmlns:stEvt=\"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#\"><rdf:Seq>"
        + "<rdf:li stEvt:action=\"created\" stEvt:softwareAgent=\"Adobe Photoshop 25.0\"/>"
        + "<rdf:li rdf:parseType=\"Resource\"><stEvt:softwareAgent>Adobe Firefly</stEvt:softwareAgent></rdf:li>"
        + "</rdf:Seq></xmpMM:History>"));
    assertEquals("Firefly", only(walked.signals(), "software").values().get("matched"));
  }

  @Test
  void cutPacketKeepsThePropertiesReadBeforeTheCut() {
    String whole = packet("<Iptc4xmpExt:DigitalSourceType>trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>"
        + "<photoshop:DocumentAncestors><rdf:Bag>" + "<rdf:li>xmp.did:0123456789abcdef</rdf:li>".repeat(5000)
        + "</rdf:Bag></photoshop:DocumentAncestors>");
    byte[] bytes = utf8(whole);
    Walked walked = walk((ctx, source) -> XmpPacket.report(ctx, bytes, 0, 4096, "PNG iTXt XMP"), new byte[0]);
    assertTrue(only(walked.signals(), "digital_source_type").genai());
    assertTrue(walked.error().startsWith("XMP packet in PNG iTXt XMP is cut or broken after "), walked.error());
  }

  @Test
  void cutNamedByTheContainerIsRecordedOnce() {
    byte[] bytes = utf8(packet("<Iptc4xmpExt:DigitalSourceType>compositeSynthetic</Iptc4xmpExt:DigitalSourceType>"
        + "<x:pad>" + "p".repeat(3000) + "</x:pad>"));
    Walked walked = walk((ctx, source) -> XmpPacket.report(ctx, bytes, 0, 1200, "here", "cut at the cap of 1200"),
        new byte[0]);
    assertTrue(only(walked.signals(), "digital_source_type").genai());
    assertEquals("cut at the cap of 1200", walked.error());
  }

  @Test
  void extendedXmpGuidIsReturned() {
    String guid = "0123456789ABCDEF0123456789ABCDEF";
    byte[] bytes = utf8(packet("<xmpNote:HasExtendedXMP>" + guid + "</xmpNote:HasExtendedXMP>"));
    String[] found = new String[1];
    walk((ctx, source) -> found[0] = XmpPacket.report(ctx, bytes, 0, bytes.length, "here").extendedXmpGuid(), new byte[0]);
    assertEquals(guid, found[0]);
  }

  @Test
  void nestingPastTheDepthCapStopsWithAnError() {
    String deep = "<a:x xmlns:a=\"urn:a\">".repeat(40) + "</a:x>".repeat(40);
    Walked walked = read(packet(deep + "<Iptc4xmpExt:DigitalSourceType>trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>"));
    assertTrue(walked.signals().isEmpty());
    assertTrue(walked.error().startsWith("XMP packet in test is cut or broken after 3"), walked.error());
  }
}
