package org.provenanceaudit.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Scans one file's headers and metadata boxes for provenance signals: C2PA manifest stores, IPTC
 * digital source types and AI properties in XMP, generation records written by front ends, and
 * software tags naming GenAI tools. Reads by position with hard caps (see {@link ScanLimits}), so a
 * large video costs its box headers only. Never throws for what a file contains: I/O errors and
 * corrupt data become the record's {@code error}. Thread-safe; one instance serves many files.
 */
public final class ProvenanceScanner {
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
   * scripts/scan} does) and scans it; the record's path is {@code file} as given. An asset's file is
   * opened by {@link AssetPaths} instead and scanned with {@link #scan(String, SeekableByteChannel)}.
   */
  public ScanRecord scan(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return scan(file.toString(), channel);
    } catch (IOException e) {
      ScanContext ctx = new ScanContext(policy, limits);
      ctx.softError("I/O error: " + describe(e));
      return record(file.toString(), "application/octet-stream", ctx, 0, null);
    }
  }

  /**
   * Scans the file open on {@code channel}, reading it by position from its start; the channel is
   * left open for the caller to close. {@code path} is only written into the record.
   */
  public ScanRecord scan(String path, SeekableByteChannel channel) {
    ScanContext ctx = new ScanContext(policy, limits);
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
    return record(path, mediaType, ctx, bytesRead, validate(ctx, channel));
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
    String mediaType = MediaTypes.detect(head);
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
    }
  }

  /**
   * Validates the first C2PA manifest store the walk found (C2PA reads one store per asset) with the
   * file's channel, and gives its C2PA signals their validation state; null when there is none.
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
    var signals = ctx.signals();
    boolean genai = signals.stream().anyMatch(Signal::genai);
    return new ScanRecord(path, mediaType, ctx.c2pa(), genai, signals, bytesRead, ctx.error(), validation);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
