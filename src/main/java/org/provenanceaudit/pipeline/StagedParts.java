package org.provenanceaudit.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;

/**
 * Results on their way to the one report writer wait in part files in the staging folder, one per
 * bundle, and only the parts' names travel through the final gathering. Gathering the results
 * themselves under one key made the DirectRunner copy the whole growing group for every bundle
 * that arrived (seen as 17 s of 60 at scale 10); names are a few hundred bytes. The writer reads
 * the parts back, sorts everything, and deletes them.
 */
final class StagedParts {

  static final String FOLDER = ".parts";

  private StagedParts() {}

  /** Writes each bundle's elements to a new part file, and outputs that file's path. */
  static final class SpillFn<T> extends DoFn<T, String> {
    private final String stagingDir;
    private final String kind;
    private final Coder<T> coder;
    private transient OutputStream out;
    private transient Path part;

    SpillFn(String stagingDir, String kind, Coder<T> coder) {
      this.stagingDir = stagingDir;
      this.kind = kind;
      this.coder = coder;
    }

    @StartBundle
    public void startBundle() {
      out = null;
    }

    @ProcessElement
    public void process(@Element T element) throws IOException {
      if (out == null) {
        Path folder = Files.createDirectories(Path.of(stagingDir, FOLDER));
        part = folder.resolve(kind + "-" + UUID.randomUUID() + ".bin");
        out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
      }
      coder.encode(element, out);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      if (out != null) {
        out.close();
        out = null;
        context.output(part.toString(), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }
  }

  /** Every element of the given part files, in file order. */
  static <T> List<T> read(Iterable<String> parts, Coder<T> coder) throws IOException {
    List<T> all = new ArrayList<>();
    for (String part : parts) {
      try (PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(Path.of(part)), 1 << 16))) {
        for (int next = in.read(); next >= 0; next = in.read()) {
          in.unread(next);
          all.add(coder.decode(in));
        }
      }
    }
    return all;
  }

  /** Removes the part files once the reports are written. */
  static void delete(String stagingDir) throws IOException {
    Path folder = Path.of(stagingDir, FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var parts = Files.list(folder)) {
      for (Path part : parts.toList()) {
        Files.delete(part);
      }
    }
    Files.delete(folder);
  }
}
