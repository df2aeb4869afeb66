package org.provenanceaudit.scan;

/**
 * The hard caps of one file's scan. They bound time and memory whatever the length fields in the
 * file claim: nothing is allocated or read from a declared length without checking it here first.
 *
 * @param maxBytesRead bytes read from one file in all, headers and metadata together
 * @param maxManifestBytes the largest C2PA manifest store (or XMP/EXIF blob) held in memory
 * @param maxElements boxes, chunks, segments, tags and frames visited in one file
 * @param maxDepth nesting depth of boxes and chunks
 * @param maxInflatedBytes the most a compressed text value may inflate to
 */
public record ScanLimits(
    long maxBytesRead, int maxManifestBytes, int maxElements, int maxDepth, int maxInflatedBytes) {

  public static final int MIB = 1024 * 1024;

  public static ScanLimits defaults() {
    return new ScanLimits(64L * MIB, 32 * MIB, 100_000, 32, MIB);
  }
}
