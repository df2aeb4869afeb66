package org.provenanceaudit.scan;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the provenance properties of an XMP packet, wherever the container walk found it: the IPTC
 * digital source type and AI-system properties, {@code xmp:CreatorTool} and history software
 * agents naming a GenAI tool, and {@code dcterms:provenance}, the pointer C2PA writers leave to
 * their manifest. The XML parser refuses DTDs, so no entity expansion or external fetch happens.
 */
final class XmpPacket {
  private XmpPacket() {}

  private static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
  private static final String XMP = "http://ns.adobe.com/xap/1.0/";
  private static final String DCTERMS = "http://purl.org/dc/terms/";
  private static final String RESOURCE_EVENT = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#";
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final String SOURCE = "xmp";

  static void report(ScanContext ctx, byte[] data, int offset, int length, String where) {
    int end = offset + length;
    while (end > offset && data[end - 1] != '>') {
      end--;
    }
    int start = offset;
    while (start < end && data[start] != '<') {
      start++;
    }
    if (start >= end) {
      return;
    }
    Document document;
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      document = builder.parse(new ByteArrayInputStream(data, start, end - start));
    } catch (Exception e) {
      ctx.softError("unreadable XMP packet in " + where);
      return;
    }
    NodeList elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      ctx.visit("XMP element", offset);
      property(ctx, element.getNamespaceURI(), element.getLocalName(), elementValue(element), where);
      NamedNodeMap attributes = element.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        Attr attr = (Attr) attributes.item(a);
        property(ctx, attr.getNamespaceURI(), attr.getLocalName(), attr.getValue(), where);
      }
    }
  }

  private static void property(ScanContext ctx, String namespace, String name, String value, String where) {
    if (namespace == null || name == null || value == null || value.isBlank()) {
      return;
    }
    switch (namespace) {
      case IPTC_EXT -> {
        if (name.equals("DigitalSourceType")) {
          ctx.digitalSourceType(SOURCE, value, where);
        } else if (name.equals("AISystemUsed")) {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("tag", "Iptc4xmpExt:AISystemUsed");
          values.put("value", ScanContext.excerpt(value));
          ctx.add(new Signal(SOURCE, "software", values, true));
        } else if (name.equals("AIPromptInformation")) {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("container", where);
          values.put("key", "Iptc4xmpExt:AIPromptInformation");
          values.put("excerpt", ScanContext.excerpt(value));
          values.put("length", Integer.toString(value.length()));
          ctx.add(new Signal(SOURCE, "generation_record", values, true));
        }
      }
      case XMP -> {
        if (name.equals("CreatorTool")) {
          ctx.softwareTag(SOURCE, "creator_tool", "xmp:CreatorTool", value);
        }
      }
      case RESOURCE_EVENT -> {
        if (name.equals("softwareAgent")) {
          ctx.softwareTag(SOURCE, "software", "stEvt:softwareAgent", value);
        }
      }
      case DCTERMS -> {
        if (name.equals("provenance")) {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("url", value.strip());
          values.put("points_to", value.strip().startsWith("self#jumbf") ? "embedded" : "remote");
          ctx.add(new Signal(SOURCE, "c2pa_reference", values, false));
        }
      }
      default -> { }
    }
  }

  /** An element's simple value: its rdf:resource, or its text when it has no child elements. */
  private static String elementValue(Element element) {
    String resource = element.getAttributeNS(RDF, "resource");
    if (!resource.isEmpty()) {
      return resource;
    }
    if (element.getElementsByTagNameNS("*", "*").getLength() > 0) {
      NodeList items = element.getElementsByTagNameNS(RDF, "li");
      return items.getLength() > 0 ? items.item(0).getTextContent() : null;
    }
    return element.getTextContent();
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }
}
