package org.provenanceaudit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress lines, from runners that stand in for the real ones: their metrics and the rules
 * step's live counts move by a script, one step per wait, so no test depends on timing.
 */
class ProgressReporterTest {

  private static final long FIVE_SECONDS = TimeUnit.SECONDS.toNanos(5);

  @TempDir
  Path staging;

  /**
   * As on the DirectRunner: the result comes at once, and the pipeline's metrics of the rules step
   * stay where they were while a slow production runs; the lines still show that production. (Lines
   * printed while the pipeline is being launched, before any result, say only the runner.)
   */
  @Test
  void whileTheRulesRunTheLinesSayHowFarTheyAre() {
    ProgressReporter.RulesStep rules = new ProgressReporter.RulesStep();
    ScriptedRunner.steps =
        List.of(
            counters -> {},
            counters -> {
              counters.put("assets.accepted", 10L);
              counters.put("assets.rejected", 1L);
            },
            counters -> {
              counters.put("tool-events.accepted", 100L);
              rules.productionStarted();
              rules.productionStarted();
            },
            counters -> {
              rules.productionAudited(40, 3);
              rules.productionStarted();
            },
            counters -> {
              counters.put("productions.audited", 1L);
              counters.put("events.judged", 40L);
              counters.put("findings", 3L);
            });
    ScriptedRunner.step = 0;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressReporter reporter =
        new ProgressReporter(new PrintStream(err, true, StandardCharsets.UTF_8), false, 1, () -> ScriptedRunner.step * FIVE_SECONDS, rules,
            new ProgressReporter.ReadStep(), staging);

    assertEquals(PipelineResult.State.DONE, reporter.run(pipeline(ScriptedRunner.class)));
    assertEquals(
        List.of(
            "[5s] running",
            "[10s] reading inputs: assets.accepted=10 assets.rejected=1",
            "[15s] auditing productions: assets.accepted=10 assets.rejected=1 tool-events.accepted=100"
                + " productions.audited=0 productions.running=2 events.judged=0/100 findings=0",
            "[20s] auditing productions: assets.accepted=10 assets.rejected=1 tool-events.accepted=100"
                + " productions.audited=1 productions.running=2 events.judged=40/100 findings=3",
            "[25s] auditing productions: assets.accepted=10 assets.rejected=1 tool-events.accepted=100"
                + " productions.audited=1 productions.running=2 events.judged=40/100 findings=3"),
        err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.contains("running on ScriptedRunner")).toList());
  }

  /**
   * As on embedded Flink: {@code run} returns only when the job is over, so there are no metrics
   * to query meanwhile; once the rules begin, the lines give their counts.
   */
  @Test
  void whenTheRunnerGivesNoResultUntilTheEndTheRulesStepIsStillReported() {
    ProgressReporter.RulesStep rules = new ProgressReporter.RulesStep();
    LineWatcher lines = new LineWatcher();
    BlockingRunner.onRun =
        () -> {
          lines.await(line -> line.contains("running on BlockingRunner"));
          rules.productionStarted();
          lines.await(line -> line.contains("productions.running=1"));
          rules.productionAudited(7, 2);
          lines.await(line -> line.contains("productions.audited=1"));
        };
    ProgressReporter reporter = new ProgressReporter(
        new PrintStream(lines, true, StandardCharsets.UTF_8), false, 1, () -> 0, rules, new ProgressReporter.ReadStep(), staging);

    assertEquals(PipelineResult.State.DONE, reporter.run(pipeline(BlockingRunner.class)));
    List<String> printed = lines.lines();
    assertEquals("[0s] running on BlockingRunner (row counts come when the job ends)", printed.get(0));
    assertTrue(printed.contains("[0s] auditing productions: productions.audited=0 productions.running=1 events.judged=0 findings=0"), printed::toString);
    assertTrue(printed.contains("[0s] auditing productions: productions.audited=1 events.judged=7 findings=2"), printed::toString);
  }

  @Test
  void quietPrintsNothing() {
    ScriptedRunner.steps = List.of(counters -> counters.put("assets.accepted", 10L), counters -> {});
    ScriptedRunner.step = 0;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressReporter reporter =
        new ProgressReporter(new PrintStream(err, true, StandardCharsets.UTF_8), true, 1, () -> 0, new ProgressReporter.RulesStep(),
            new ProgressReporter.ReadStep(), staging);
    assertEquals(PipelineResult.State.DONE, reporter.run(pipeline(ScriptedRunner.class)));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  /**
   * As on embedded Flink while it reads: no result and no metrics until the job ends, but the
   * readers of this JVM count their rows as they go, so the lines say the stage and rows read per
   * input, then the rules step's counts beside them.
   */
  @Test
  void whenTheRunnerGivesNoResultUntilTheEndTheReadersRowsAreStillReported() {
    ProgressReporter.RulesStep rules = new ProgressReporter.RulesStep();
    ProgressReporter.ReadStep reads = new ProgressReporter.ReadStep();
    LineWatcher lines = new LineWatcher();
    BlockingRunner.onRun =
        () -> {
          lines.await(line -> line.contains("running on BlockingRunner"));
          reads.accepted("assets").add(9_980);
          reads.rejected("assets").add(20);
          lines.await(line -> line.contains("assets.rejected=20"));
          reads.accepted("tool-events").add(1_500);
          lines.await(line -> line.contains("tool-events.accepted=1500"));
          rules.productionStarted();
          lines.await(line -> line.contains("productions.running=1"));
        };
    ProgressReporter reporter = new ProgressReporter(new PrintStream(lines, true, StandardCharsets.UTF_8), false, 1, () -> 0, rules, reads, staging);

    assertEquals(PipelineResult.State.DONE, reporter.run(pipeline(BlockingRunner.class)));
    List<String> printed = lines.lines();
    assertTrue(printed.contains("[0s] reading inputs: assets.accepted=9980 assets.rejected=20"), printed::toString);
    assertTrue(printed.contains("[0s] reading inputs: assets.accepted=9980 assets.rejected=20 tool-events.accepted=1500"), printed::toString);
    assertTrue(printed.contains("[0s] auditing productions: assets.accepted=9980 assets.rejected=20 tool-events.accepted=1500"
        + " productions.audited=0 productions.running=1 events.judged=0/1500 findings=0"), printed::toString);
  }

  /**
   * As on the DirectRunner while an input's whole list of files is one bundle: the pipeline's
   * metrics say nothing of it yet, and the readers' own counts, further on, are the ones shown.
   */
  @Test
  void theReadersLiveCountsWinOverMetricsThatLagBehind() {
    ProgressReporter.ReadStep reads = new ProgressReporter.ReadStep();
    ScriptedRunner.steps =
        List.of(
            counters -> {
              counters.put("assets.accepted", 4_096L);
              reads.accepted("assets").add(9_000);
            },
            counters -> reads.accepted("tool-events").add(50));
    ScriptedRunner.step = 0;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressReporter reporter = new ProgressReporter(
        new PrintStream(err, true, StandardCharsets.UTF_8), false, 1, () -> ScriptedRunner.step * FIVE_SECONDS,
        new ProgressReporter.RulesStep(), reads, staging);

    assertEquals(PipelineResult.State.DONE, reporter.run(pipeline(ScriptedRunner.class)));
    assertEquals(
        List.of(
            "[5s] reading inputs: assets.accepted=9000",
            "[10s] reading inputs: assets.accepted=9000 tool-events.accepted=50"),
        err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.contains("running on ScriptedRunner")).toList());
  }

  /**
   * As on a Flink cluster: the readers run in other JVMs, so neither this JVM's counts nor (until
   * the job ends) the pipeline's metrics move; the readers' status files in the staging folder do,
   * and the lines keep their counts once the files are removed with the other part files.
   */
  @Test
  void readersInOtherJvmsAreReportedThroughTheirStatusFiles() throws IOException {
    ReadStatusFiles.Writer assets = new ReadStatusFiles.Writer(staging.toString(), "assets", 0);
    ReadStatusFiles.Writer events = new ReadStatusFiles.Writer(staging.toString(), "tool-events", 0);
    ScriptedRunner.steps =
        List.of(
            counters -> assets.update(4_096, 3, false),
            counters -> {
              assets.update(9_980, 20, true);
              events.update(8_192, 0, false);
            },
            counters -> {
              try {
                StagedParts.delete(staging.toString());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    ScriptedRunner.step = 0;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressReporter reporter = new ProgressReporter(
        new PrintStream(err, true, StandardCharsets.UTF_8), false, 1, () -> ScriptedRunner.step * FIVE_SECONDS,
        new ProgressReporter.RulesStep(), new ProgressReporter.ReadStep(), staging);

    assertEquals(PipelineResult.State.DONE, reporter.run(pipeline(ScriptedRunner.class)));
    assertEquals(
        List.of(
            "[5s] reading inputs: assets.accepted=4096 assets.rejected=3",
            "[10s] reading inputs: assets.accepted=9980 assets.rejected=20 tool-events.accepted=8192 tool-events.rejected=0",
            "[15s] reading inputs: assets.accepted=9980 assets.rejected=20 tool-events.accepted=8192 tool-events.rejected=0"),
        err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.contains("running on ScriptedRunner")).toList());
    assertFalse(Files.exists(staging.resolve(StagedParts.FOLDER)), "the status files go with the part files");
  }

  private static Pipeline pipeline(Class<? extends PipelineRunner<?>> runner) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(runner);
    return Pipeline.create(options);
  }

  /** A runner whose result moves one scripted step per wait and is done after the last. */
  public static final class ScriptedRunner extends PipelineRunner<PipelineResult> {
    static volatile List<Consumer<Map<String, Long>>> steps;
    static volatile int step;

    public static ScriptedRunner fromOptions(PipelineOptions options) {
      return new ScriptedRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      Map<String, Long> counters = new TreeMap<>();
      return new FixedResult() {
        @Override
        public State waitUntilFinish(Duration duration) {
          if (step == steps.size()) {
            return State.DONE;
          }
          steps.get(step++).accept(counters);
          return State.RUNNING;
        }

        @Override
        public MetricResults metrics() {
          return new MetricResults() {
            @Override
            public MetricQueryResults queryMetrics(MetricsFilter filter) {
              List<MetricResult<Long>> results = new ArrayList<>();
              counters.forEach((name, value) -> results.add(MetricResult.create(MetricKey.create("step", MetricName.named("ns", name)), value, value)));
              return MetricQueryResults.create(results, List.of(), List.of(), List.of(), List.of(), List.of());
            }
          };
        }
      };
    }
  }

  /** A runner whose {@code run} returns only when its job, {@link #onRun}, is over. */
  public static final class BlockingRunner extends PipelineRunner<PipelineResult> {
    static volatile Runnable onRun;

    public static BlockingRunner fromOptions(PipelineOptions options) {
      return new BlockingRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      onRun.run();
      return new FixedResult() {
        @Override
        public State waitUntilFinish(Duration duration) {
          return State.DONE;
        }

        @Override
        public MetricResults metrics() {
          throw new UnsupportedOperationException("no metrics");
        }
      };
    }
  }

  private abstract static class FixedResult implements PipelineResult {
    @Override
    public State getState() {
      return State.RUNNING;
    }

    @Override
    public State cancel() {
      return State.CANCELLED;
    }

    @Override
    public State waitUntilFinish() {
      return waitUntilFinish(Duration.ZERO);
    }
  }

  /** The lines printed so far; a job can wait for one that says what it expects (a minute at most). */
  private static final class LineWatcher extends OutputStream {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(int b) {
      text.append((char) b);
      notifyAll();
    }

    synchronized List<String> lines() {
      return text.toString().lines().toList();
    }

    synchronized void await(Predicate<String> wanted) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (text.toString().lines().noneMatch(wanted)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no such line among " + lines());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }
}
