package org.provenanceaudit.pipeline;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;

/**
 * Waits for a running pipeline and, every few seconds, prints one line to standard error: how long
 * it has run, the stage it is in and the counts so far, from the pipeline's own metrics
 * (rows accepted and rejected per input, productions audited, findings).
 */
public final class ProgressReporter {

  private static final long PERIOD_SECONDS = 5;

  private final PrintStream err;
  private final boolean quiet;

  public ProgressReporter(PrintStream err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  /** Blocks until the pipeline ends; returns its final state. */
  public PipelineResult.State await(PipelineResult result) {
    long start = System.nanoTime();
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(PERIOD_SECONDS));
      if (state != null && state.isTerminal()) {
        return state;
      }
      if (!quiet) {
        err.println(line(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), result));
      }
    }
  }

  private static String line(long seconds, PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    try {
      MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
      for (MetricResult<Long> counter : metrics.getCounters()) {
        counters.merge(counter.getName().getName(), attemptedOrCommitted(counter), Long::sum);
      }
    } catch (UnsupportedOperationException | IllegalStateException e) {
      return "[" + seconds + "s] running";
    }
    long productions = counters.getOrDefault("productions.audited", 0L);
    StringBuilder line = new StringBuilder("[" + seconds + "s] ");
    line.append(productions == 0 ? "reading inputs:" : "auditing productions:");
    counters.forEach(
        (name, value) -> {
          if (name.endsWith(".accepted") || name.endsWith(".rejected")) {
            line.append(' ').append(name).append('=').append(value);
          }
        });
    if (productions > 0) {
      line.append(" productions=").append(productions).append(" findings=").append(counters.getOrDefault("findings", 0L));
    }
    return line.toString();
  }

  private static long attemptedOrCommitted(MetricResult<Long> counter) {
    try {
      return counter.getCommitted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }
}
