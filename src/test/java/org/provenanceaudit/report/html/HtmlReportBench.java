package org.provenanceaudit.report.html;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders report.html for an output folder and says how long it took, how large the page is and
 * how much heap the render needed: the numbers behind "usable at 100,000 findings". Given a
 * count, it first fills the folder with that many synthetic findings. Run by
 * scripts/bench-html-report; timing lives here, not in a unit test.
 */
public final class HtmlReportBench {

  private HtmlReportBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: HtmlReportBench OUTPUT_DIR [SYNTHETIC_FINDINGS]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    if (args.length == 2) {
      Files.createDirectories(dir);
      SyntheticAudit.write(dir, Integer.parseInt(args[1]));
    }
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    HtmlReport.write(dir);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT,
        "report.html: %d findings.jsonl bytes -> %d bytes in %d ms; heap peak %d MiB (max %d MiB)%n",
        Files.size(dir.resolve(HtmlReport.FINDINGS)), Files.size(dir.resolve(HtmlReport.REPORT)),
        millis, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }
}
