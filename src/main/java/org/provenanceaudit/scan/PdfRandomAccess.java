package org.provenanceaudit.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * Apache PDFBox's view of a file ({@link RandomAccessRead}) served from a {@link ByteSource}, so
 * every byte PDFBox takes is counted in the scan's bytes read and stops at the read budget. The
 * file is fetched in pages of {@value #PAGE} bytes, the last {@value #CACHED_PAGES} of which are
 * kept, so PDFBox's many small reads, peeks and rewinds cost one fetch per page; a page evicted and
 * needed again is fetched (and counted) again. At most {@code PAGE * CACHED_PAGES} bytes (256 KiB)
 * of the file are held at once, whatever its size. A read past the budget throws the source's
 * {@link MalformedContentException}, which PDFBox does not catch, so the scan ends with that error.
 */
final class PdfRandomAccess implements RandomAccessRead {
  static final int PAGE = 4096;
  static final int CACHED_PAGES = 64;

  private final ByteSource source;
  private final Map<Long, byte[]> pages = new LinkedHashMap<>(CACHED_PAGES, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
      return size() > CACHED_PAGES;
    }
  };
  private long position;
  private boolean closed;

  PdfRandomAccess(ByteSource source) {
    this.source = source;
  }

  private byte[] page(long index) {
    return pages.computeIfAbsent(index, i -> source.readUpTo(i * PAGE, PAGE, "PDF"));
  }

  @Override
  public int read() {
    if (position >= source.size()) {
      return -1;
    }
    byte[] page = page(position / PAGE);
    return page[(int) (position++ % PAGE)] & 0xFF;
  }

  @Override
  public int read(byte[] b, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (position >= source.size()) {
      return -1;
    }
    byte[] page = page(position / PAGE);
    int at = (int) (position % PAGE);
    int n = Math.min(length, page.length - at);
    System.arraycopy(page, at, b, offset, n);
    position += n;
    return n;
  }

  @Override
  public long getPosition() {
    return position;
  }

  @Override
  public void seek(long position) throws java.io.IOException {
    if (position < 0) {
      throw new java.io.IOException("PDF seek to a negative offset " + position);
    }
    this.position = Math.min(position, source.size());
  }

  @Override
  public long length() {
    return source.size();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isEOF() {
    return position >= source.size();
  }

  @Override
  public RandomAccessReadView createView(long startPosition, long streamLength) {
    return new RandomAccessReadView(this, startPosition, streamLength);
  }

  /** Drops the cached pages; the underlying file stays open (its opener closes it). */
  @Override
  public void close() {
    pages.clear();
    closed = true;
  }
}
