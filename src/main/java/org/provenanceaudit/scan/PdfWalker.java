package org.provenanceaudit.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Reads a PDF's provenance with Apache PDFBox: the catalog's {@code /Metadata} XMP stream (ISO
 * 32000-1 §14.3.2), the Info dictionary's {@code /Creator} and {@code /Producer} (§14.3.3), and the
 * C2PA manifest store the C2PA spec ("Embedding manifests into PDFs") embeds as an embedded file
 * whose file specification has {@code /AFRelationship /C2PA_Manifest} or whose stream has subtype
 * {@code application/c2pa}, reached from the catalog's {@code /AF} array or its {@code
 * EmbeddedFiles} name tree (§7.11.4, §7.9.6). PDFBox follows classic cross-reference tables,
 * cross-reference streams and object streams (§7.5.4, §7.5.8, §7.5.7) and the standard filters.
 *
 * <p>Bounds: every byte comes through {@link PdfRandomAccess} (counted, within the read budget);
 * PDFBox runs strict (not lenient), so a broken cross-reference is an error rather than a
 * whole-file search for objects; a cross-reference or object stream, the XMP and the manifest store
 * are each decoded only up to {@link ScanLimits#maxManifestBytes()} (checked before PDFBox decodes
 * them in memory); PDFBox's stream cache is main memory capped at the same size; name-tree
 * descents are capped by {@link ScanLimits#maxDepth()} and counted as visits. A PDF PDFBox cannot
 * read ends the walk with an error naming why.
 */
final class PdfWalker {
  private static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");
  private static final COSName C2PA_MANIFEST = COSName.getPDFName("C2PA_Manifest");

  private final ScanContext ctx;

  private PdfWalker(ScanContext ctx) {
    this.ctx = ctx;
  }

  /** Whether {@code head} holds the PDF header {@code %PDF-} in its first 1024 bytes (ISO 32000-1 §7.5.2). */
  static boolean isPdf(byte[] head) {
    return Bytes.indexOf(head, Bytes.ascii("%PDF-"), 0, Math.min(head.length, 1024)) >= 0;
  }

  /**
   * Reports the PDF's signals into {@code ctx}.
   *
   * @throws MalformedContentException when PDFBox cannot read the file (the message says why), when
   *     a stream decodes past the cap, or when the read budget runs out
   */
  static void walk(ScanContext ctx, ByteSource source) {
    new PdfWalker(ctx).walk(new PdfRandomAccess(source));
  }

  private void walk(RandomAccessRead file) {
    GuardedParser parser;
    try {
      parser = new GuardedParser(file, ctx);
    } catch (IOException e) {
      throw unreadable(e);
    }
    try (PDDocument document = parser.parse(false)) {
      COSDictionary trailer = document.getDocument().getTrailer();
      COSDictionary info = trailer.getCOSDictionary(COSName.INFO);
      if (info != null) {
        for (COSName key : List.of(COSName.CREATOR, COSName.PRODUCER)) {
          String value = info.getString(key);
          if (value != null) {
            ctx.softwareTag("pdf-info", "software", key.getName(), value);
          }
        }
      }
      COSDictionary catalog = trailer.getCOSDictionary(COSName.ROOT);
      COSStream metadata = catalog.getCOSStream(COSName.METADATA);
      if (metadata != null) {
        byte[] xmp = decoded(metadata, "PDF metadata stream");
        XmpPacket.report(ctx, xmp, 0, xmp.length, "PDF metadata stream");
      }
      Set<COSStream> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (COSDictionary fileSpec : fileSpecs(catalog)) {
        COSDictionary ef = fileSpec.getCOSDictionary(COSName.EF);
        COSStream stream = ef == null ? null : ef.getCOSStream(COSName.F);
        if (stream != null && isC2pa(fileSpec, stream) && seen.add(stream)) {
          byte[] store = decoded(stream, "PDF embedded file");
          ctx.run(() -> {
            if (!C2paManifestStore.report(ctx, store, 0, store.length, "PDF embedded file")) {
              ctx.softError("PDF embedded file marked as a C2PA manifest is not a C2PA manifest store");
            }
          });
        }
      }
    } catch (InvalidPasswordException e) {
      throw new MalformedContentException("PDF is encrypted with a password; its objects were not read");
    } catch (IOException e) {
      throw unreadable(e);
    } catch (MalformedContentException | UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      // PDFBox meets hostile input with unchecked exceptions too; the file is unreadable, not the scan.
      throw unreadable(e);
    }
  }

  private static MalformedContentException unreadable(Exception e) {
    String message = e.getMessage();
    return new MalformedContentException("PDF not readable: " + e.getClass().getSimpleName()
        + (message == null ? "" : ": " + ScanContext.excerpt(message)));
  }

  /** The file specifications in the catalog's {@code /AF} array and {@code EmbeddedFiles} name tree. */
  private List<COSDictionary> fileSpecs(COSDictionary catalog) {
    List<COSDictionary> out = new ArrayList<>();
    COSArray af = catalog.getCOSArray(COSName.AF);
    if (af != null) {
      for (int i = 0; i < af.size(); i++) {
        if (af.getObject(i) instanceof COSDictionary spec) {
          out.add(spec);
        }
      }
    }
    COSDictionary names = catalog.getCOSDictionary(COSName.NAMES);
    if (names != null) {
      nameTree(names.getCOSDictionary(COSName.EMBEDDED_FILES), out, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    return out;
  }

  /** Collects a name tree's values (ISO 32000-1 §7.9.6), each node once, at most maxDepth deep. */
  private void nameTree(COSDictionary node, List<COSDictionary> out, int depth, Set<COSDictionary> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    ctx.checkDepth(depth, "PDF name tree", 0);
    ctx.visit("PDF name tree node", 0);
    COSArray names = node.getCOSArray(COSName.NAMES);
    if (names != null) {
      for (int i = 1; i < names.size(); i += 2) {
        if (names.getObject(i) instanceof COSDictionary spec) {
          out.add(spec);
        }
      }
    }
    COSArray kids = node.getCOSArray(COSName.KIDS);
    if (kids != null) {
      for (int i = 0; i < kids.size(); i++) {
        if (kids.getObject(i) instanceof COSDictionary kid) {
          nameTree(kid, out, depth + 1, seen);
        }
      }
    }
  }

  private static boolean isC2pa(COSDictionary fileSpec, COSStream stream) {
    return C2PA_MANIFEST.equals(fileSpec.getCOSName(AF_RELATIONSHIP))
        || "application/c2pa".equals(stream.getNameAsString(COSName.SUBTYPE));
  }

  /** The stream's data with its filters applied, at most maxManifestBytes before and after. */
  private byte[] decoded(COSStream stream, String what) throws IOException {
    return decode(stream, ctx.limits.maxManifestBytes(), what);
  }

  /**
   * Applies a stream's filters (ISO 32000-1 §7.4) with PDFBox's decoders, refusing raw or decoded
   * data longer than {@code cap} bytes.
   *
   * @throws MalformedContentException when the data is longer than the cap
   * @throws IOException when a filter is unknown or its data is corrupt
   */
  static byte[] decode(COSStream stream, int cap, String what) throws IOException {
    if (stream.getLength() > cap) {
      throw new MalformedContentException(
          what + " declares " + stream.getLength() + " bytes, over the cap of " + cap);
    }
    byte[] data;
    try (InputStream raw = stream.createRawInputStream()) {
      data = readCapped(raw, cap, what);
    }
    List<COSName> filters = new ArrayList<>();
    COSBase filter = stream.getFilters();
    if (filter instanceof COSName name) {
      filters.add(name);
    } else if (filter instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getObject(i) instanceof COSName name) {
          filters.add(name);
        }
      }
    }
    for (int i = 0; i < filters.size(); i++) {
      Filter decoder = FilterFactory.INSTANCE.getFilter(filters.get(i));
      CappedOutput out = new CappedOutput(cap, what);
      decoder.decode(new ByteArrayInputStream(data), out, stream, i);
      data = out.toByteArray();
    }
    return data;
  }

  private static byte[] readCapped(InputStream in, int cap, String what) throws IOException {
    CappedOutput out = new CappedOutput(cap, what);
    in.transferTo(out);
    return out.toByteArray();
  }

  /** Collects bytes and stops with a malformed-content error at the first byte past the cap. */
  private static final class CappedOutput extends ByteArrayOutputStream {
    private final int cap;
    private final String what;

    CappedOutput(int cap, String what) {
      this.cap = cap;
      this.what = what;
    }

    @Override
    public void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }

    private void check(int more) {
      if ((long) size() + more > cap) {
        throw new MalformedContentException(what + " decodes to more than the cap of " + cap + " bytes");
      }
    }
  }

  /**
   * PDFBox's parser with its in-memory decoding bounded: PDFBox decodes cross-reference and object
   * streams whole into memory with no limit of its own, so every stream it parses (those, and the
   * few this walk asks for; page contents are never parsed) is first decoded here under the cap,
   * and a Flate bomb stops at the cap instead of filling the heap. Its stream cache is main memory
   * capped at the same size. A stream whose {@code /Length} is wrong is read by PDFBox up to its
   * {@code endstream}; that repair is recorded as an error, and so is an object PDFBox cannot read
   * (which it would log and treat as null), so a damaged file is never silently clean.
   */
  private static final class GuardedParser extends PDFParser {
    private final RandomAccessRead file;
    private final ScanContext ctx;
    private final int cap;

    GuardedParser(RandomAccessRead file, ScanContext ctx) throws IOException {
      super(file, "", null, null,
          MemoryUsageSetting.setupMainMemoryOnly(ctx.limits.maxManifestBytes()).streamCache);
      this.file = file;
      this.ctx = ctx;
      this.cap = ctx.limits.maxManifestBytes();
    }

    /** PDFBox logs and drops an object it cannot read; the scan records it, so nothing is lost silently. */
    @Override
    public COSBase dereferenceCOSObject(COSObject object) throws IOException {
      try {
        return super.dereferenceCOSObject(object);
      } catch (IOException e) {
        ctx.softError("PDF object " + object.getObjectNumber() + " not readable: " + ScanContext.excerpt(
            String.valueOf(e.getMessage())));
        throw e;
      }
    }

    @Override
    protected COSStream parseCOSStream(COSDictionary dictionary) throws IOException {
      long start = file.getPosition();
      long declared = dictionary.getLong(COSName.LENGTH);
      COSStream stream = super.parseCOSStream(dictionary);
      if (declared != stream.getLength()) {
        ctx.softError("PDF stream near offset " + start + " declares " + declared + " bytes but has "
            + stream.getLength() + " before its endstream");
      }
      if (stream.getFilters() != null) {
        long resume = file.getPosition();
        decode(stream, cap, "PDF stream");
        file.seek(resume);
      }
      return stream;
    }
  }
}
