package org.provenanceaudit.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a PDF's C2PA manifest store the way the C2PA spec embeds it: an embedded file whose file
 * specification has {@code /AFRelationship /C2PA_Manifest} (or subtype {@code application/c2pa}),
 * reached from the catalog's {@code /AF} array or its {@code EmbeddedFiles} name tree. Follows
 * classic cross-reference tables from the end of the file, reading each entry it needs (20 bytes)
 * rather than the whole table; also reads the catalog's XMP metadata and the Info dictionary's
 * creator and producer. Cross-reference streams (PDF 1.5 compressed xref) are not read.
 */
final class PdfWalker {
  private static final int TAIL = 2048;
  private static final int SMALL_WINDOW = 4 * 1024;
  private static final int OBJECT_WINDOW = 64 * 1024;
  private static final int MAX_SECTIONS = 64;
  private static final int MAX_SUBSECTIONS = 10_000;

  static boolean isPdf(byte[] head) {
    return Bytes.indexOf(head, Bytes.ascii("%PDF-"), 0, Math.min(head.length, 1024)) >= 0;
  }

  /** One subsection of a cross-reference table: objects first..first+count at entries. */
  private record Subsection(long first, long count, long entries) {}

  private final ScanContext ctx;
  private final ByteSource source;
  private final List<Subsection> subsections = new ArrayList<>();
  private Map<String, Object> trailer;

  private PdfWalker(ScanContext ctx, ByteSource source) {
    this.ctx = ctx;
    this.source = source;
  }

  static void walk(ScanContext ctx, ByteSource source) {
    new PdfWalker(ctx, source).walk();
  }

  private void walk() {
    long tailStart = Math.max(0, source.size() - TAIL);
    byte[] tail = source.read(tailStart, (int) (source.size() - tailStart), "PDF trailer");
    int startxref = lastIndexOf(tail, Bytes.ascii("startxref"));
    if (startxref < 0) {
      throw new MalformedContentException("PDF has no startxref in its last " + TAIL + " bytes");
    }
    Long offset = new PdfObjects(tail, startxref + 9).integer();
    if (offset == null) {
      throw new MalformedContentException("PDF startxref has no offset");
    }
    readCrossReferences(offset);
    if (trailer == null) {
      return;
    }
    Object info = resolve(trailer.get("Info"));
    if (info instanceof Map<?, ?> infoDict) {
      for (String key : List.of("Creator", "Producer")) {
        if (infoDict.get(key) instanceof String value) {
          ctx.softwareTag("pdf-info", "software", key, value);
        }
      }
    }
    Object root = resolve(trailer.get("Root"));
    if (!(root instanceof Map<?, ?> catalog)) {
      throw new MalformedContentException("PDF trailer has no catalog");
    }
    if (catalog.get("Metadata") instanceof PdfObjects.Ref metadata) {
      byte[] xmp = streamData(metadata);
      if (xmp != null) {
        XmpPacket.report(ctx, xmp, 0, xmp.length, "PDF metadata stream");
      }
    }
    List<Object> fileSpecs = new ArrayList<>();
    if (resolve(catalog.get("AF")) instanceof List<?> af) {
      fileSpecs.addAll(af);
    }
    if (resolve(catalog.get("Names")) instanceof Map<?, ?> names) {
      nameTree(resolve(names.get("EmbeddedFiles")), fileSpecs, 0);
    }
    Set<PdfObjects.Ref> seen = new HashSet<>();
    for (Object spec : fileSpecs) {
      if (resolve(spec) instanceof Map<?, ?> fileSpec && isC2pa(fileSpec)
          && resolve(fileSpec.get("EF")) instanceof Map<?, ?> ef
          && ef.get("F") instanceof PdfObjects.Ref stream && seen.add(stream)) {
        byte[] store = streamData(stream);
        if (store != null) {
          ctx.run(() -> C2paManifestStore.report(ctx, store, 0, store.length, "PDF embedded file"));
        }
      }
    }
  }

  private boolean isC2pa(Map<?, ?> fileSpec) {
    if (fileSpec.get("AFRelationship") instanceof PdfObjects.Name relation
        && relation.value().equals("C2PA_Manifest")) {
      return true;
    }
    if (resolve(fileSpec.get("EF")) instanceof Map<?, ?> ef && ef.get("F") instanceof PdfObjects.Ref ref) {
      Object stream = object(ref, false);
      return stream instanceof Map<?, ?> dict && dict.get("Subtype") instanceof PdfObjects.Name subtype
          && subtype.value().equals("application/c2pa");
    }
    return false;
  }

  private void nameTree(Object node, List<Object> out, int depth) {
    if (!(node instanceof Map<?, ?> dict) || depth > 8) {
      return;
    }
    ctx.visit("PDF name tree node", 0);
    if (resolve(dict.get("Names")) instanceof List<?> names) {
      for (int i = 1; i < names.size(); i += 2) {
        out.add(names.get(i));
      }
    }
    if (resolve(dict.get("Kids")) instanceof List<?> kids) {
      for (Object kid : kids) {
        nameTree(resolve(kid), out, depth + 1);
      }
    }
  }

  /** Reads the chain of classic cross-reference sections, newest first. */
  private void readCrossReferences(long offset) {
    Set<Long> seen = new HashSet<>();
    Long next = offset;
    while (next != null) {
      if (!seen.add(next) || seen.size() > MAX_SECTIONS) {
        throw new MalformedContentException("PDF cross-reference chain loops at offset " + next);
      }
      ctx.visit("PDF cross-reference section", next);
      byte[] window = source.readUpTo(next, SMALL_WINDOW, "PDF cross-reference section");
      PdfObjects lexer = new PdfObjects(window, 0);
      if (!lexer.keyword("xref")) {
        ctx.softError("PDF uses a cross-reference stream at offset " + next + "; embedded C2PA not looked for");
        return;
      }
      long base = next;
      while (true) {
        Long first = lexer.integer();
        if (first == null) {
          break;
        }
        Long count = lexer.integer();
        if (count == null || first < 0 || count < 0 || subsections.size() >= MAX_SUBSECTIONS) {
          throw new MalformedContentException("malformed PDF cross-reference subsection at offset " + base);
        }
        lexer.skipSpace();
        long entries = base + lexer.position();
        subsections.add(new Subsection(first, count, entries));
        long after = entries + count * 20;
        if (after > source.size()) {
          throw new MalformedContentException("truncated PDF cross-reference table at offset " + entries);
        }
        base = after;
        window = source.readUpTo(base, SMALL_WINDOW, "PDF cross-reference section");
        lexer = new PdfObjects(window, 0);
      }
      if (!lexer.keyword("trailer")) {
        throw new MalformedContentException("PDF cross-reference table without trailer at offset " + base);
      }
      if (!(lexer.value() instanceof Map<?, ?> dict)) {
        throw new MalformedContentException("PDF trailer is not a dictionary at offset " + base);
      }
      Map<String, Object> section = new LinkedHashMap<>();
      dict.forEach((k, v) -> section.put((String) k, v));
      if (trailer == null) {
        trailer = section;
      } else {
        section.forEach(trailer::putIfAbsent);
      }
      next = section.get("Prev") instanceof Long prev ? prev : null;
    }
  }

  /** The file offset of an object from the newest section that lists it, or -1. */
  private long offsetOf(int number) {
    for (Subsection s : subsections) {
      if (number >= s.first() && number < s.first() + s.count()) {
        byte[] entry = source.read(s.entries() + (number - s.first()) * 20, 20, "PDF cross-reference entry");
        if (entry[17] != 'n') {
          return -1;
        }
        Long offset = new PdfObjects(entry, 0).integer();
        return offset == null ? -1 : offset;
      }
    }
    return -1;
  }

  private Object resolve(Object value) {
    return value instanceof PdfObjects.Ref ref ? object(ref, false) : value;
  }

  /** The object's value; with {@code withStream}, an array of the dictionary and the data offset. */
  private Object object(PdfObjects.Ref ref, boolean withStream) {
    ctx.visit("PDF object", ref.number());
    long offset = offsetOf(ref.number());
    if (offset < 0 || offset >= source.size()) {
      return null;
    }
    // Most objects fit a small window; a larger one is read only when the object runs past it.
    byte[] window = source.readUpTo(offset, SMALL_WINDOW, "PDF object " + ref.number());
    PdfObjects lexer = new PdfObjects(window, 0);
    if (lexer.integer() == null || lexer.integer() == null || !lexer.keyword("obj")) {
      ctx.softError("PDF object " + ref.number() + " not found at offset " + offset);
      return null;
    }
    Object value;
    try {
      value = lexer.value();
    } catch (MalformedContentException e) {
      if (window.length < SMALL_WINDOW) {
        throw e;
      }
      window = source.readUpTo(offset, OBJECT_WINDOW, "PDF object " + ref.number());
      lexer = new PdfObjects(window, 0);
      lexer.integer();
      lexer.integer();
      lexer.keyword("obj");
      value = lexer.value();
    }
    if (!withStream) {
      return value;
    }
    if (!lexer.keyword("stream")) {
      return null;
    }
    int p = lexer.position();
    if (p < window.length && window[p] == '\r') {
      p++;
    }
    if (p < window.length && window[p] == '\n') {
      p++;
    }
    return new Object[] {value, offset + p};
  }

  /** A stream's data, inflated if it is Flate-encoded; null if it cannot be read. */
  private byte[] streamData(PdfObjects.Ref ref) {
    if (!(object(ref, true) instanceof Object[] stream) || !(stream[0] instanceof Map<?, ?> dict)) {
      return null;
    }
    if (!(resolve(dict.get("Length")) instanceof Long length)) {
      ctx.softError("PDF stream " + ref.number() + " has no length");
      return null;
    }
    long start = (Long) stream[1];
    byte[] raw = source.read(start, ctx.checkBlobLength(length, "PDF stream " + ref.number(), start),
        "PDF stream " + ref.number());
    Object filter = resolve(dict.get("Filter"));
    if (filter instanceof List<?> filters && filters.size() == 1) {
      filter = filters.get(0);
    }
    if (filter == null) {
      return raw;
    }
    if (filter instanceof PdfObjects.Name name && name.value().equals("FlateDecode")) {
      TextValues.Inflated inflated = TextValues.inflate(raw, 0, raw.length, ctx.limits.maxManifestBytes());
      if (inflated.problem() != null) {
        ctx.softError("PDF stream " + ref.number() + ": " + inflated.problem());
      }
      return inflated.bytes();
    }
    ctx.softError("PDF stream " + ref.number() + " uses an unsupported filter");
    return null;
  }

  private static int lastIndexOf(byte[] b, byte[] needle) {
    for (int i = b.length - needle.length; i >= 0; i--) {
      if (Bytes.startsWith(b, i, needle)) {
        return i;
      }
    }
    return -1;
  }
}
