package org.provenanceaudit.pipeline;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.Pipeline;
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

  /**
   * Runs the pipeline and blocks until it ends; returns its final state. Some runners (embedded
   * Flink) return from {@code run} only when the job is over, so the run is started on its own
   * thread and the wait reports elapsed time until a result exists to query.
   */
  public PipelineResult.State run(Pipeline pipeline) {
    long start = System.nanoTime();
    ExecutorService launcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "pipeline-launcher"));
    try {
      Callable<PipelineResult> run = pipeline::run;
      Future<PipelineResult> launched = launcher.submit(run);
      while (true) {
        try {
          return await(launched.get(PERIOD_SECONDS, TimeUnit.SECONDS), start);
        } catch (TimeoutException e) {
          if (!quiet) {
            err.println("[" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + "s] running on "
                + pipeline.getOptions().getRunner().getSimpleName() + " (counts come when the job ends)");
          }
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the pipeline ran", e);
        }
      }
    } finally {
      launcher.shutdownNow();
    }
  }

  private PipelineResult.State await(PipelineResult result, long start) {
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
