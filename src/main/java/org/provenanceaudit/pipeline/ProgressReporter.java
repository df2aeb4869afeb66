package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;
import org.provenanceaudit.io.InputKind;

/**
 * Waits for a running pipeline and, every few seconds, prints one line to standard error: how long
 * it has run, the stage it is in and the counts so far (rows accepted and rejected per input, then
 * productions audited and running, events judged, findings).
 *
 * <p>The row counts come from the pipeline's own metrics. Those of the readers and of the rules
 * step come first from {@link #READ_STEP} and {@link #RULES_STEP}, which the readers and rules
 * workers of this JVM update as they go (a row as it is read, a production as it starts and ends):
 * a runner publishes a step's metrics only when a bundle of it ends (on the DirectRunner a bundle
 * is a whole production, or an input's whole list of files), and embedded Flink publishes none
 * until the job is over. On a cluster, where the workers are other JVMs, the pipeline's metrics
 * are all there is, with the readers' status files in the staging folder ({@link ReadStatusFiles}),
 * which the readers of every JVM replace every two seconds.
 */
public final class ProgressReporter {

  /** The rules step's counts in this JVM, read by the reporter running the pipeline. */
  static final RulesStep RULES_STEP = new RulesStep();
  /** The readers' counts in this JVM, read by the reporter running the pipeline. */
  static final ReadStep READ_STEP = new ReadStep();
  /** The pipeline's count of the tool events read, as the readers name it. */
  private static final String EVENTS_READ = InputKind.TOOL_EVENTS.contractName() + ".accepted";

  private final PrintStream err;
  private final boolean quiet;
  private final long periodMillis;
  private final LongSupplier nanoTime;
  private final RulesStep rules;
  private final ReadStep reads;
  private final Path stagingDir;
  /** The highest count each reader's status file has given, kept once the files are gone. */
  private final Map<String, Long> fromStatusFiles = new TreeMap<>();
  private volatile PipelineResult running;

  /**
   * @param err where the progress lines go, one every five seconds
   * @param quiet no lines at all
   * @param stagingDir the run's staging folder, where readers in other JVMs leave their status files
   */
  public ProgressReporter(PrintStream err, boolean quiet, Path stagingDir) {
    this(err, quiet, TimeUnit.SECONDS.toMillis(5), System::nanoTime, RULES_STEP, READ_STEP, stagingDir);
  }

  /**
   * @param periodMillis how long to wait between lines
   * @param nanoTime the clock the elapsed seconds are read from
   * @param rules the live counts of the rules step
   * @param reads the live counts of the readers
   * @param stagingDir the run's staging folder, for the readers' status files
   */
  ProgressReporter(
      PrintStream err, boolean quiet, long periodMillis, LongSupplier nanoTime, RulesStep rules, ReadStep reads, Path stagingDir) {
    this.err = err;
    this.quiet = quiet;
    this.periodMillis = periodMillis;
    this.nanoTime = nanoTime;
    this.rules = rules;
    this.reads = reads;
    this.stagingDir = stagingDir;
  }

  /** The rows read per input: this JVM's readers' counts, or their status files' where those are further on. */
  private Map<String, Long> rowsRead() {
    ReadStatusFiles.read(stagingDir).forEach((name, value) -> fromStatusFiles.merge(name, value, Math::max));
    Map<String, Long> rows = new TreeMap<>(fromStatusFiles);
    reads.counts().forEach((name, value) -> rows.merge(name, value, Math::max));
    return rows;
  }

  /**
   * Runs the pipeline and blocks until it ends; returns its final state. Some runners (embedded
   * Flink) return from {@code run} only when the job is over, so the run is started on its own
   * thread and, until a result exists to query, the lines give the rules step's counts alone.
   */
  public PipelineResult.State run(Pipeline pipeline) {
    long start = nanoTime.getAsLong();
    rules.reset();
    reads.reset();
    fromStatusFiles.clear();
    ExecutorService launcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "pipeline-launcher"));
    try {
      Callable<PipelineResult> run = pipeline::run;
      Future<PipelineResult> launched = launcher.submit(run);
      while (true) {
        try {
          running = launched.get(periodMillis, TimeUnit.MILLISECONDS);
          return await(running, start);
        } catch (TimeoutException e) {
          if (!quiet) {
            err.println(beforeAResult(seconds(start), pipeline.getOptions().getRunner().getSimpleName()));
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

  /**
   * Cancels the pipeline this reporter waits for, if it is still running: the job on a cluster
   * (Beam's {@link PipelineResult#cancel()}), which its task managers would otherwise go on running
   * after the client is stopped. Runners that hand back a result only when the job is over
   * (embedded Flink, an attached submission) end with this JVM instead.
   *
   * @return whether a running pipeline was cancelled
   */
  public boolean cancel() {
    PipelineResult result = running;
    if (result == null) {
      return false;
    }
    try {
      if (result.getState().isTerminal()) {
        return false;
      }
      result.cancel();
      return true;
    } catch (IOException | RuntimeException e) {
      err.println("provenance-audit: the job could not be cancelled: " + e.getMessage());
      return false;
    }
  }

  private PipelineResult.State await(PipelineResult result, long start) {
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.millis(periodMillis));
      if (state != null && state.isTerminal()) {
        return state;
      }
      if (!quiet) {
        err.println(line(seconds(start), result));
      }
    }
  }

  private long seconds(long start) {
    return TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - start);
  }

  private String beforeAResult(long seconds, String runner) {
    Map<String, Long> rows = rowsRead();
    if (rules.started.get() == 0 && rows.isEmpty()) {
      return "[" + seconds + "s] running on " + runner + " (row counts come when the job ends)";
    }
    StringBuilder line = new StringBuilder("[" + seconds + "s] ");
    line.append(rules.started.get() > 0 ? "auditing productions:" : "reading inputs:");
    appendRows(line, rows);
    if (rules.started.get() > 0) {
      appendRulesStep(line, rows);
    }
    return line.toString();
  }

  /** The rows accepted and rejected per input, by name ({@code assets.accepted=9980}). */
  private static void appendRows(StringBuilder line, Map<String, Long> counters) {
    counters.forEach(
        (name, value) -> {
          if (name.endsWith(".accepted") || name.endsWith(".rejected")) {
            line.append(' ').append(name).append('=').append(value);
          }
        });
  }

  private String line(long seconds, PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    try {
      MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
      for (MetricResult<Long> counter : metrics.getCounters()) {
        counters.merge(counter.getName().getName(), attemptedOrCommitted(counter), Long::sum);
      }
    } catch (UnsupportedOperationException | IllegalStateException e) {
      counters.clear();
    }
    rowsRead().forEach((name, value) -> counters.merge(name, value, Math::max));
    boolean auditing = rules.started.get() > 0 || counters.getOrDefault(AuditProductions.PRODUCTIONS_AUDITED, 0L) > 0;
    if (!auditing && counters.isEmpty()) {
      return "[" + seconds + "s] running";
    }
    StringBuilder line = new StringBuilder("[" + seconds + "s] ");
    line.append(auditing ? "auditing productions:" : "reading inputs:");
    appendRows(line, counters);
    if (auditing) {
      appendRulesStep(line, counters);
    }
    return line.toString();
  }

  /** The rules step's counts: this JVM's live ones, or the pipeline's where they are further on. */
  private void appendRulesStep(StringBuilder line, Map<String, Long> counters) {
    long audited = Math.max(rules.audited.get(), counters.getOrDefault(AuditProductions.PRODUCTIONS_AUDITED, 0L));
    long running = rules.started.get() - rules.audited.get();
    long judged = Math.max(rules.eventsJudged.get(), counters.getOrDefault(AuditProductions.EVENTS_JUDGED, 0L));
    long events = counters.getOrDefault(EVENTS_READ, 0L);
    line.append(" productions.audited=").append(audited);
    if (running > 0) {
      line.append(" productions.running=").append(running);
    }
    line.append(" events.judged=").append(judged);
    if (events > 0) {
      line.append('/').append(events);
    }
    line.append(" findings=").append(Math.max(rules.findings.get(), counters.getOrDefault(AuditProductions.FINDINGS, 0L)));
  }

  private static long attemptedOrCommitted(MetricResult<Long> counter) {
    try {
      return counter.getCommitted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }

  /**
   * Rows read per input, kept by the readers of this JVM as each row is accepted or rejected, for
   * the progress lines only; named as the readers' metrics are ({@code tool-events.accepted}).
   */
  static final class ReadStep {
    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentSkipListMap<>();

    /** The count of input {@code inputKind}'s (its contract name) accepted rows, for a reader to add to. */
    LongAdder accepted(String inputKind) {
      return counts.computeIfAbsent(inputKind + ".accepted", k -> new LongAdder());
    }

    /** The count of input {@code inputKind}'s (its contract name) rejected rows, for a reader to add to. */
    LongAdder rejected(String inputKind) {
      return counts.computeIfAbsent(inputKind + ".rejected", k -> new LongAdder());
    }

    /** The counts so far, by name; an input not yet read is absent. */
    Map<String, Long> counts() {
      Map<String, Long> now = new TreeMap<>();
      counts.forEach((name, adder) -> now.put(name, adder.sum()));
      return now;
    }

    void reset() {
      counts.clear();
    }
  }

  /**
   * Counts of the rules step kept by its workers in this JVM as they go, for the progress lines
   * only: they say nothing the reports rely on, and they mix if two pipelines run in one JVM at once.
   */
  static final class RulesStep {
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong audited = new AtomicLong();
    private final AtomicLong eventsJudged = new AtomicLong();
    private final AtomicLong findings = new AtomicLong();

    /** A production's rules begin. */
    void productionStarted() {
      started.incrementAndGet();
    }

    /** A production's rules ended, having judged {@code events} tool events into {@code found} findings. */
    void productionAudited(long events, long found) {
      eventsJudged.addAndGet(events);
      findings.addAndGet(found);
      audited.incrementAndGet();
    }

    void reset() {
      started.set(0);
      audited.set(0);
      eventsJudged.set(0);
      findings.set(0);
    }
  }
}
