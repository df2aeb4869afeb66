package org.provenanceaudit.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans one file's headers and metadata boxes for provenance signals: C2PA manifest stores, IPTC
 * digital source types and AI properties in XMP, generation records written by front ends, and
 * software tags naming GenAI tools. Reads by position with hard caps (see {@link ScanLimits}), so a
 * large video costs its box headers only. Never throws for what a file contains: I/O errors and
 * corrupt data become the record's {@code error}. Thread-safe; one instance serves many files.
 */
public final class ProvenanceScanner {
  private static final String SIDECAR_EXTENSION = ".c2pa";
  /** The media type of a manifest store as a file of its own (C2PA spec, "External manifests"). */
  static final String C2PA_MEDIA_TYPE = "application/c2pa";
  private static final String STANDALONE = "standalone manifest store";
  private final ScanPolicy policy;
  private final ScanLimits limits;
  private final C2paValidator validator;

  /** A scanner with no C2PA trust list, judging certificates without a time-stamp at the time of each scan. */
  public ProvenanceScanner(ScanPolicy policy) {
    this(policy, ScanLimits.defaults());
  }

  public ProvenanceScanner(ScanPolicy policy, ScanLimits limits) {
    this(policy, limits, C2paTrust.none(), null);
  }

  /**
   * @param trust the trust anchors and allowed signers C2PA signers are judged against
   * @param asOf when a signing certificate without a verified time-stamp is judged ({@code --asOf});
   *     null for the time of each scan
   */
  public ProvenanceScanner(ScanPolicy policy, ScanLimits limits, C2paTrust trust, Instant asOf) {
    this.policy = policy;
    this.limits = limits;
    this.validator = new C2paValidator(trust, asOf);
  }

  /**
   * Opens {@code file} as named (following links: the file a person asked for, as {@code
   * scripts/scan} does) and scans it, with its sidecar manifest store when one is beside it (see
   * {@link #sidecarName}); the record's path is {@code file} as given. The sidecar is opened by
   * {@link AssetPaths} with the asset's folder as the root, so a sidecar that is a link leading out
   * of that folder is refused (an error in the record), not read. An asset's file is opened by
   * {@link AssetPaths} instead and scanned with {@link #scan(String, SeekableByteChannel,
   * SeekableByteChannel)}.
   */
  public ScanRecord scan(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Path folder = file.toAbsolutePath().getParent();
      return scan(file.toString(), channel, folder, sidecarName(file.getFileName().toString()));
    } catch (IOException e) {
      ScanContext ctx = new ScanContext(policy, limits);
      ctx.softError("I/O error: " + describe(e));
      return record(file.toString(), "application/octet-stream", ctx, 0, null);
    }
  }

  /**
   * Scans the asset open on {@code channel} with its sidecar manifest store {@code sidecar} (a path
   * relative to {@code root}, as {@link #sidecarName} gives it) when one is there. The sidecar is
   * opened by {@link AssetPaths} under {@code root}: a sidecar that is a link leading out of the
   * root, or anything else {@link AssetPaths} refuses, is not read, and the record's error says why
   * (the asset itself is still scanned). No sidecar at that path, or a null {@code sidecar}, scans
   * the asset alone. {@code channel} is left open for the caller to close.
   *
   * @param path the asset's path as written into the record
   */
  public ScanRecord scan(String path, SeekableByteChannel channel, Path root, String sidecar) {
    if (sidecar == null || !Files.exists(root.resolve(sidecar), LinkOption.NOFOLLOW_LINKS)) {
      return scan(path, channel);
    }
    SeekableByteChannel store;
    try {
      store = AssetPaths.check(root, sidecar).open();
    } catch (AssetPaths.UnsafePathException e) {
      return withError(scan(path, channel), "sidecar " + sidecar + " not read: " + e.getMessage());
    }
    ScanRecord record;
    String closeProblem = null;
    try {
      record = scan(path, channel, store);
    } finally {
      try {
        store.close();
      } catch (IOException e) {
        closeProblem = "sidecar " + sidecar + " could not be closed after reading: " + describe(e);
      }
    }
    return closeProblem == null ? record : withError(record, closeProblem);
  }

  /** {@code record} with {@code problem} added to its error. */
  private static ScanRecord withError(ScanRecord record, String problem) {
    return new ScanRecord(record.path(), record.mediaType(), record.c2pa(), record.genai(), record.signals(),
        record.bytesRead(), record.error() == null ? problem : record.error() + "; " + problem, record.c2paValidation());
  }

  /**
   * The name of the sidecar manifest store of an asset file named {@code assetName} (C2PA spec,
   * "External manifests": {@code NAME.c2pa} beside {@code NAME.EXT}); null for a name without an
   * extension or one that is itself a {@code .c2pa} store. Works on a relative path too ({@code
   * shots/a.jpg} gives {@code shots/a.c2pa}).
   */
  public static String sidecarName(String assetName) {
    int slash = Math.max(assetName.lastIndexOf('/'), assetName.lastIndexOf('\\'));
    int dot = assetName.lastIndexOf('.');
    if (dot <= slash + 1 || assetName.substring(dot).equalsIgnoreCase(SIDECAR_EXTENSION)) {
      return null;
    }
    return assetName.substring(0, dot) + SIDECAR_EXTENSION;
  }

  /**
   * Scans the asset open on {@code channel} and its sidecar manifest store open on {@code sidecar}
   * (C2PA spec, "External manifests"); both channels are left open for the caller to close. The
   * sidecar's signals have {@code location} {@code "sidecar NAME.c2pa"}; a sidecar that is not a C2PA
   * manifest store, or cannot be read within the caps, is an error in the record. Bytes read count
   * both files.
   */
  public ScanRecord scan(String path, SeekableByteChannel channel, SeekableByteChannel sidecar) {
    ScanContext ctx = new ScanContext(policy, limits);
    Scanned asset = scanChannel(ctx, channel);
    long bytesRead = asset.bytesRead();
    String name = sidecarName(path);
    String location = "sidecar " + (name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1));
    try {
      ByteSource source = ByteSource.of(sidecar, limits.maxBytesRead());
      try {
        if (!Jumbf.isC2paStore(source.head())) {
          ctx.softError(location + " is not a C2PA manifest store");
        } else {
          try {
            byte[] store = source.read(0, ctx.checkBlobLength(source.size(), location, 0), location);
            C2paManifestStore.report(ctx, store, 0, store.length, location);
          } catch (MalformedContentException e) {
            ctx.softError(location + ": " + e.getMessage());
          }
        }
      } finally {
        bytesRead += source.bytesRead();
      }
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
      ctx.softError(location + ": I/O error: " + describe(cause));
    }
    return record(path, asset.mediaType(), ctx, bytesRead, validate(ctx, channel));
  }

  /**
   * Scans the file open on {@code channel}, reading it by position from its start; the channel is
   * left open for the caller to close. {@code path} is only written into the record.
   */
  public ScanRecord scan(String path, SeekableByteChannel channel) {
    ScanContext ctx = new ScanContext(policy, limits);
    Scanned asset = scanChannel(ctx, channel);
    return record(path, asset.mediaType(), ctx, asset.bytesRead(), validate(ctx, channel));
  }

  /** A channel's detected media type and the bytes its scan read. */
  private record Scanned(String mediaType, long bytesRead) {}

  private Scanned scanChannel(ScanContext ctx, SeekableByteChannel channel) {
    String mediaType = "application/octet-stream";
    long bytesRead = 0;
    try {
      ByteSource source = ByteSource.of(channel, limits.maxBytesRead());
      try {
        mediaType = scan(ctx, source);
      } finally {
        bytesRead = source.bytesRead();
      }
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
      ctx.softError("I/O error: " + describe(cause));
    } catch (RuntimeException | StackOverflowError e) {
      ctx.softError("scan stopped by an unexpected " + e.getClass().getSimpleName());
    }
    return new Scanned(mediaType, bytesRead);
  }

  /** Scans bytes already in memory (tests, and callers that have them). */
  public ScanRecord scan(String path, byte[] bytes) {
    ScanContext ctx = new ScanContext(policy, limits);
    ByteSource source = ByteSource.of(bytes, limits.maxBytesRead());
    String mediaType = scan(ctx, source);
    return record(path, mediaType, ctx, source.bytesRead(), validate(ctx, null));
  }

  private static String scan(ScanContext ctx, ByteSource source) {
    byte[] head = source.head();
    String mediaType = Jumbf.isC2paStore(head) ? C2PA_MEDIA_TYPE : MediaTypes.detect(head);
    ctx.run(() -> walk(ctx, source, head, mediaType));
    return mediaType;
  }

  /** Picks the container walk from the leading bytes, whatever the file's name says. */
  static void walk(ScanContext ctx, ByteSource source, byte[] head, String mediaType) {
    if (JpegWalker.isJpeg(head)) {
      JpegWalker.walk(ctx, source);
    } else if (PngWalker.isPng(head)) {
      PngWalker.walk(ctx, source);
    } else if (RiffWalker.isRiff(head)) {
      RiffWalker.walk(ctx, source);
    } else if (BmffWalker.isBmff(head)) {
      BmffWalker.walk(ctx, source);
    } else if (TiffWalker.isTiff(head)) {
      TiffWalker.walk(ctx, source, "TIFF");
    } else if (GifWalker.isGif(head)) {
      GifWalker.walk(ctx, source);
    } else if (Id3Walker.isId3(head)) {
      Id3Walker.walk(ctx, source, "ID3");
    } else if (PdfWalker.isPdf(head)) {
      PdfWalker.walk(ctx, source);
    } else if (SvgWalker.isSvg(mediaType, head)) {
      SvgWalker.walk(ctx, source);
    } else if (Jumbf.isC2paStore(head)) {
      byte[] store = source.read(0, ctx.checkBlobLength(source.size(), "C2PA manifest store", 0), "C2PA manifest store");
      C2paManifestStore.report(ctx, store, 0, store.length, STANDALONE);
    }
  }

  /**
   * Validates the first C2PA manifest store the walk found (C2PA reads one store per asset) with the
   * asset file's channel (a sidecar store binds the asset's bytes too), and gives its C2PA signals
   * their validation state; null when there is none.
   */
  private C2paValidation validate(ScanContext ctx, SeekableByteChannel file) {
    List<Jumbf.Box> stores = ctx.c2paStores();
    if (stores.isEmpty()) {
      return null;
    }
    C2paValidator.StoreVerdict verdict = validator.validate(stores.get(0), file, limits);
    ctx.setC2paValidation(verdict.manifestStates(), verdict.validation().state());
    return verdict.validation();
  }

  private static ScanRecord record(String path, String mediaType, ScanContext ctx, long bytesRead,
      C2paValidation validation) {
    if (!ctx.c2pa()) {
      unreadReferences(ctx);
    }
    var signals = ctx.signals().stream().map(ProvenanceScanner::withFetched).toList();
    boolean genai = signals.stream().anyMatch(Signal::genai);
    return new ScanRecord(path, mediaType, ctx.c2pa(), genai, signals, bytesRead, ctx.error(), validation);
  }

  /**
   * A file whose only C2PA evidence is an XMP {@code dcterms:provenance} reference (C2PA spec,
   * "Embedding a reference to the active manifest" in XMP) is not clean: the manifest is remote
   * (never fetched: the audit does not go to the network) or was stripped from the file. Says so
   * in the record's error.
   */
  private static void unreadReferences(ScanContext ctx) {
    for (Signal signal : ctx.signals()) {
      if (signal.kind().equals("c2pa_reference")) {
        String url = signal.values().get("url");
        ctx.softError("remote".equals(signal.values().get("points_to"))
            ? "C2PA manifest is remote at " + url + "; not fetched, its content is unknown"
            : "C2PA manifest missing: the XMP says the file embeds one (" + url
                + "), but it is not in the file (stripped, or lost when the file was re-saved)");
      }
    }
  }

  /** A remote {@code c2pa_reference} says it was not fetched ({@code fetched: false}). */
  private static Signal withFetched(Signal signal) {
    if (!signal.kind().equals("c2pa_reference") || !"remote".equals(signal.values().get("points_to"))) {
      return signal;
    }
    Map<String, String> values = new LinkedHashMap<>(signal.values());
    values.put("fetched", "false");
    return new Signal(signal.source(), signal.kind(), values, signal.genai());
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
