package org.provenanceaudit.generate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that compresses on a thread of its own, so that on a two-core machine the rows
 * are made and compressed at the same time. Chunks are compressed in the order they were
 * written, at the fastest level, with the fixed header Java writes (no name, time 0): the bytes
 * depend only on what was written.
 */
final class BackgroundGzip extends OutputStream {

  private static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
  private final Thread compressor;
  private volatile IOException failure;
  private byte[] chunk = new byte[CHUNK];
  private int filled;

  BackgroundGzip(OutputStream target, String name) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(target, CHUNK) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
    compressor = new Thread(() -> compress(gzip), "gzip " + name);
    compressor.setDaemon(true);
    compressor.start();
  }

  private void compress(GZIPOutputStream gzip) {
    try (gzip) {
      for (byte[] next = chunks.take(); next != END; next = chunks.take()) {
        gzip.write(next);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("gzip interrupted");
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == CHUNK) {
      handOver();
    }
    chunk[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (filled == CHUNK) {
        handOver();
      }
      int n = Math.min(length, CHUNK - filled);
      System.arraycopy(bytes, offset, chunk, filled, n);
      filled += n;
      offset += n;
      length -= n;
    }
  }

  private void handOver() throws IOException {
    put(filled == CHUNK ? chunk : Arrays.copyOf(chunk, filled));
    chunk = new byte[CHUNK];
    filled = 0;
  }

  private void put(byte[] bytes) throws IOException {
    try {
      // Offer with a timeout: if the compressor has died, say why instead of waiting for it.
      while (!chunks.offer(bytes, 100, TimeUnit.MILLISECONDS)) {
        checkFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing gzip");
    }
  }

  private void checkFailure() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() throws IOException {
    if (filled > 0) {
      handOver();
    }
    put(END);
    try {
      compressor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while finishing gzip");
    }
    checkFailure();
  }
}
