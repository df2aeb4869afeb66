package org.provenanceaudit.scan;

/**
 * The hard caps of one file's scan. They bound time and memory whatever the length fields in the
 * file claim: nothing is allocated or read from a declared length without checking it here first.
 *
 * @param maxBytesRead bytes read from one file in all, headers and metadata together
 * @param maxManifestBytes the largest C2PA manifest store (or XMP/EXIF blob) held in memory
 * @param maxElements boxes, chunks, segments, tags and frames visited in one file
 * @param maxDepth nesting depth of boxes and chunks
 * @param maxInflatedBytes the most a text value is read or inflated to (longer values are cut)
 * @param maxDecodedPixels the most pixels decoded from one image (width times the rows decoded),
 *     for the one check that reads pixels: AUTOMATIC1111 "stealth" parameters
 */
public record ScanLimits(
    long maxBytesRead, int maxManifestBytes, int maxElements, int maxDepth, int maxInflatedBytes,
    long maxDecodedPixels) {

  public static final int MIB = 1024 * 1024;
  /** 32 Mi pixels: a 5,800 x 5,800 interlaced PNG, or 152 rows of a 220,000-pixel-wide one. */
  public static final long DEFAULT_MAX_DECODED_PIXELS = 32L * MIB;

  /** Caps with the default pixel cap ({@link #DEFAULT_MAX_DECODED_PIXELS}). */
  public ScanLimits(long maxBytesRead, int maxManifestBytes, int maxElements, int maxDepth, int maxInflatedBytes) {
    this(maxBytesRead, maxManifestBytes, maxElements, maxDepth, maxInflatedBytes, DEFAULT_MAX_DECODED_PIXELS);
  }

  public static ScanLimits defaults() {
    return new ScanLimits(64L * MIB, 32 * MIB, 100_000, 32, MIB);
  }
}
