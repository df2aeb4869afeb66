package org.provenanceaudit.scan;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the provenance properties of an XMP packet (XMP spec part 1 §7, RDF/XML serialisation),
 * wherever the container walk found it: the IPTC digital source type and AI-system properties,
 * {@code xmp:CreatorTool}, {@code tiff:Software} and history software agents naming a GenAI tool,
 * generation records kept in {@code dc:description}, {@code exif:UserComment} or
 * {@code photoshop:History}, and {@code dcterms:provenance}, the pointer C2PA writers leave to
 * their manifest.
 *
 * <p>The packet is read with a streaming (StAX) parser, so a packet that is cut (over a cap) or
 * broken part way keeps every property read before the cut; the cut is recorded as an error naming
 * the container. Photoshop's {@code photoshop:DocumentAncestors} lists make multi-megabyte packets
 * whose provenance sits in the first element. The parser refuses DTDs, so no entity is expanded and
 * nothing is fetched.
 */
final class XmpPacket {
  private XmpPacket() {}

  private static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
  private static final String XMP = "http://ns.adobe.com/xap/1.0/";
  private static final String XMP_NOTE = "http://ns.adobe.com/xmp/note/";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String DCTERMS = "http://purl.org/dc/terms/";
  private static final String EXIF = "http://ns.adobe.com/exif/1.0/";
  private static final String TIFF = "http://ns.adobe.com/tiff/1.0/";
  private static final String PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/";
  private static final String RESOURCE_EVENT = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#";
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final String SOURCE = "xmp";

  /**
   * What reading a packet found that the container walk needs back.
   *
   * @param extendedXmpGuid the {@code xmpNote:HasExtendedXMP} value (32 hex digits), or null
   */
  record Read(String extendedXmpGuid) {}

  /** Reads a whole packet: {@link #report(ScanContext, byte[], int, int, String, String)} uncut. */
  static Read report(ScanContext ctx, byte[] data, int offset, int length, String where) {
    return report(ctx, data, offset, length, where, null);
  }

  /**
   * Reports the provenance properties of the packet in {@code data[offset, offset + length)}.
   * Leading bytes before the first {@code <} and trailing padding after the last {@code >} are
   * skipped; the packet is read as UTF-8 (XMP spec part 1 §7.9.2.1), malformed bytes as U+FFFD.
   *
   * @param where names the container for signals and errors ("JPEG APP1")
   * @param cut null for a whole packet; for a packet the container cut (at a cap, or at a missing
   *     piece), the error that says where and why, recorded before the properties are read
   * @return what the container walk needs back: the GUID of the extended XMP the packet names
   *     ({@code xmpNote:HasExtendedXMP}; JPEG extended XMP, XMP spec part 3 §1.1.3.1), or null
   */
  static Read report(ScanContext ctx, byte[] data, int offset, int length, String where, String cut) {
    if (cut != null) {
      ctx.softError(cut);
    }
    int end = offset + length;
    while (end > offset && data[end - 1] != '>') {
      end--;
    }
    int start = offset;
    while (start < end && data[start] != '<') {
      start++;
    }
    Properties properties = new Properties(ctx, where);
    if (start >= end) {
      return new Read(null);
    }
    XMLStreamReader reader = null;
    try {
      // Decoded here, not by the parser: the JDK parser prints malformed UTF-8 to standard error.
      reader = factory().createXMLStreamReader(new InputStreamReader(
          new ByteArrayInputStream(data, start, end - start), StandardCharsets.UTF_8));
      properties.read(reader);
    } catch (XMLStreamException | RuntimeException e) {
      if (properties.elements == 0) {
        ctx.softError("unreadable XMP packet in " + where);
      } else if (cut == null) {
        ctx.softError("XMP packet in " + where + " is cut or broken after " + properties.elements
            + " elements; the properties before were read");
      }
    } finally {
      close(reader);
    }
    return new Read(properties.extendedXmpGuid);
  }

  /** One open element: its name, its text, and whether it holds elements. */
  private static final class Frame {
    final String namespace;
    final String name;
    final String resource;
    final StringBuilder text = new StringBuilder();
    boolean hasChildren;

    Frame(String namespace, String name, String resource) {
      this.namespace = namespace;
      this.name = name;
      this.resource = resource;
    }
  }

  /** The streaming read: every attribute, leaf element and {@code rdf:li} item is a property value. */
  private static final class Properties {
    final ScanContext ctx;
    final String where;
    final Deque<Frame> open = new ArrayDeque<>();
    int elements;
    String extendedXmpGuid;

    Properties(ScanContext ctx, String where) {
      this.ctx = ctx;
      this.where = where;
    }

    void read(XMLStreamReader reader) throws XMLStreamException {
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.DTD -> throw new XMLStreamException("DTD refused");
          case XMLStreamConstants.START_ELEMENT -> start(reader);
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            Frame top = open.peek();
            if (top != null && !top.hasChildren) {
              top.text.append(reader.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> end();
          default -> { }
        }
      }
    }

    private void start(XMLStreamReader reader) throws XMLStreamException {
      elements++;
      if (open.size() >= ctx.limits.maxDepth()) {
        throw new XMLStreamException("XMP nested deeper than " + ctx.limits.maxDepth() + " levels");
      }
      Frame parent = open.peek();
      if (parent != null) {
        parent.hasChildren = true;
        parent.text.setLength(0);
      }
      open.push(new Frame(reader.getNamespaceURI(), reader.getLocalName(),
          reader.getAttributeValue(RDF, "resource")));
      for (int a = 0; a < reader.getAttributeCount(); a++) {
        String namespace = reader.getAttributeNamespace(a);
        if (!RDF.equals(namespace) && !XMLConstants.XML_NS_URI.equals(namespace)) {
          property(namespace, reader.getAttributeLocalName(a), reader.getAttributeValue(a));
        }
      }
    }

    /**
     * Closes an element: a leaf property gives its text or {@code rdf:resource}; an {@code rdf:li}
     * leaf gives a value of the property that holds its array.
     */
    private void end() {
      Frame frame = open.pop();
      if (frame.hasChildren) {
        return;
      }
      String value = frame.resource != null ? frame.resource : frame.text.toString();
      if (!RDF.equals(frame.namespace)) {
        property(frame.namespace, frame.name, value);
      } else if (frame.name.equals("li")) {
        open.stream().filter(f -> !RDF.equals(f.namespace)).findFirst()
            .ifPresent(holder -> property(holder.namespace, holder.name, value));
      }
    }

    private void property(String namespace, String name, String value) {
      if (namespace == null || name == null || value == null || value.isBlank()) {
        return;
      }
      switch (namespace) {
        case IPTC_EXT -> iptc(name, value);
        case XMP -> {
          if (name.equals("CreatorTool")) {
            ctx.softwareTag(SOURCE, "creator_tool", "xmp:CreatorTool", value);
          }
        }
        case TIFF -> {
          if (name.equals("Software")) {
            ctx.softwareTag(SOURCE, "software", "tiff:Software", value);
          }
        }
        case RESOURCE_EVENT -> {
          if (name.equals("softwareAgent")) {
            ctx.softwareTag(SOURCE, "software", "stEvt:softwareAgent", value);
          }
        }
        case DC -> {
          if (name.equals("description")) {
            ctx.textEntry(SOURCE, where, "dc:description", value);
          }
        }
        case EXIF -> {
          if (name.equals("UserComment")) {
            ctx.taggedValue(SOURCE, "exif:UserComment", value);
          }
        }
        case PHOTOSHOP -> {
          if (name.equals("History")) {
            ctx.taggedValue(SOURCE, "photoshop:History", value);
          }
        }
        case XMP_NOTE -> {
          if (name.equals("HasExtendedXMP")) {
            extendedXmpGuid = value.strip();
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

    private void iptc(String name, String value) {
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
  }

  /** The JDK's own StAX parser, with DTDs and external entities off. */
  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }

  private static void close(XMLStreamReader reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // Closing an in-memory reader releases nothing that could fail to be released.
    }
  }
}
