package org.provenanceaudit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.pipeline.AuditConfiguration;
import org.provenanceaudit.pipeline.AuditOptions;
import org.provenanceaudit.pipeline.AuditPipeline;
import org.provenanceaudit.pipeline.ConfigurationException;
import org.provenanceaudit.pipeline.AuditOutput;
import org.provenanceaudit.pipeline.ProgressReporter;
import org.provenanceaudit.pipeline.RemoteFiles;
import org.provenanceaudit.report.ReportWriter;
import org.provenanceaudit.report.html.HtmlReport;

/**
 * {@code scripts/audit}: checks the configuration, runs the pipeline, moves the finished output
 * into place and answers with an exit status a scheduler can act on — 0 nothing at or above
 * {@code --failOn}, 1 findings at or above it, 2 a configuration or input error before the run,
 * 3 the run failed.
 */
public final class AuditCommand {

  public static final int OK = 0;
  public static final int FINDINGS_AT_OR_ABOVE_THRESHOLD = 1;
  public static final int CONFIGURATION_ERROR = 2;
  public static final int RUN_FAILED = 3;

  private static final String NAME = "provenance-audit";

  private AuditCommand() {}

  /** Runs the command and exits with its status; nothing escapes as a stack trace (see {@link #run}). */
  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (RuntimeException | Error e) {
      System.err.println(NAME + ": the run failed: " + describe(e));
      status = RUN_FAILED;
    }
    System.exit(status);
  }

  /**
   * Runs the audit with these command-line arguments, printing the summary to {@code out} and
   * every error as one line on {@code err}.
   *
   * @return {@link #OK}, {@link #FINDINGS_AT_OR_ABOVE_THRESHOLD}, {@link #CONFIGURATION_ERROR} for
   *     anything wrong before the run starts (an unknown option, a missing file, an output folder
   *     the audit may not replace) or {@link #RUN_FAILED}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    AuditOptions options;
    AuditConfiguration config;
    AuditOutput output;
    try {
      PipelineOptionsFactory.register(AuditOptions.class);
      // Beam's AWS module registers AwsOptions only; its S3 file system's own options (the client
      // factory, storage class, encryption) are S3Options.
      PipelineOptionsFactory.register(S3Options.class);
      Optional<String> help = AuditCommandLine.helpRequested(args);
      if (help.isPresent()) {
        return AuditCommandLine.printHelp(help.get(), out, err);
      }
      AuditCommandLine.checkArguments(args);
      options = AuditCommandLine.parse(args);
      config = AuditConfiguration.resolve(options);
      chooseRunner(options, args, config);
      chooseReading(options);
    } catch (ConfigurationException e) {
      return configurationError(err, e.getMessage());
    } catch (RuntimeException | Error e) {
      return configurationError(err, describe(e));
    }
    try {
      output = AuditOutput.open(config.output());
    } catch (ConfigurationException e) {
      return configurationError(err, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return configurationError(err, "--output=" + config.output() + ": cannot be " + (RemoteFiles.isRemote(config.output()) ? "listed" : "written") + ": " + describe(e));
    }
    try (output) {
      return audit(options, args, config, output, out, err);
    } catch (IOException | RuntimeException | Error e) {
      err.println(NAME + ": the run failed: " + describe(e));
      return RUN_FAILED;
    }
  }

  private static int configurationError(PrintStream err, String message) {
    err.println(NAME + ": " + oneLine(message));
    return CONFIGURATION_ERROR;
  }

  private static int audit(AuditOptions options, String[] args, AuditConfiguration config, AuditOutput output, PrintStream out, PrintStream err)
      throws IOException {
    try {
      tuneRunner(options, args, output.temporary());
      Pipeline pipeline = AuditPipeline.build(options, config, output.staging().toString());
      ProgressReporter reporter = new ProgressReporter(err, config.quiet(), output.staging());
      output.stopRunOnExit(() -> {
        if (reporter.cancel()) {
          err.println(NAME + ": stopped: the job was cancelled and its staging folder removed (the previous output, if any, is unchanged)");
        }
      });
      PipelineResult.State state = reporter.run(pipeline);
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state + clusterAddress(options)
            .flatMap(cluster -> FlinkCluster.failureCause(cluster, options.getJobName()).map(cause -> " on the cluster at " + cluster + ": " + cause))
            .orElse(""));
      }
      HtmlReport.write(output.staging());
      output.commit();
    } catch (IOException | RuntimeException | Error e) {
      output.abandon();
      err.println(NAME + ": the run failed: " + describe(e) + " (" + output.afterFailure() + ")");
      return RUN_FAILED;
    }
    try {
      JsonNode summary = new ObjectMapper().readTree(output.committedReports().resolve(ReportWriter.SUMMARY).toFile());
      printSummary(summary, output.location(), out);
      return exitStatus(summary, config);
    } catch (IOException e) {
      err.println(NAME + ": the run finished but its summary cannot be read: " + oneLine(e.getMessage()));
      return RUN_FAILED;
    }
  }

  /**
   * Inputs larger than this go to embedded Flink when no runner is named. At scale 10 (36 MB) the
   * runners take about the same time (20 s); at scale 100 (360 MB) Flink takes 75 s and the
   * DirectRunner, which holds every bundle in memory, 102 s (see the README).
   */
  static final long LARGE_BATCH_BYTES = 48L << 20;

  /**
   * The managed memory (off-heap, where Flink sorts a grouping's records and spills the rest to
   * {@code io.tmp.dirs}) of the TaskManager that embedded Flink starts. Left to Flink, the
   * TaskManager of a local run took 862 MiB of it at scale 100, which put the run's resident memory
   * at 2.3 to 2.5 GiB; with 128 MiB it is 1.9 to 2.1 GiB and the run no slower (README, "Large
   * batches"). {@code --flinkConfDir} replaces it with the given folder's settings.
   */
  static final String EMBEDDED_MANAGED_MEMORY = "128m";

  /**
   * Which runner, and where. Inside Flink's command-line client ({@code flink run}) the job goes to
   * the cluster the client targets, through the environment it set up ({@code --flinkMaster=[auto]}):
   * naming another master there is an error, as Flink refuses it. {@code --flinkMaster} without
   * {@code --runner} means Flink, and {@code --sparkMaster} Spark (the Spark build has that option;
   * the default build refuses it as unknown). Without either, a small batch runs on the DirectRunner (it starts
   * faster) and a large one on embedded Flink (it scales better). A cluster is asked before the
   * submission whether it runs this runner's Flink line and has a slot for every worker
   * ({@link FlinkCluster#checkCanRun}); without {@code --parallelism}, the job runs at
   * {@code flink run}'s parallelism, or 1.
   *
   * @throws ConfigurationException when {@code --flinkMaster} names a cluster under {@code flink run},
   *     both masters are given without {@code --runner}, or the cluster cannot take the job (see
   *     {@link FlinkCluster#checkCanRun})
   */
  private static void chooseRunner(AuditOptions options, String[] args, AuditConfiguration config) throws ConfigurationException {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    boolean flinkCli = FlinkCluster.insideFlinkCli();
    if (!given(args, "runner") && given(args, "sparkMaster")) {
      if (flinkCli || given(args, "flinkMaster")) {
        throw new ConfigurationException("--sparkMaster and " + (flinkCli ? "flink run" : "--flinkMaster") + " name two runners;"
            + " choose one with --runner=SparkRunner or --runner=FlinkRunner");
      }
      options.setRunner(sparkRunner());
      return;
    }
    if (flinkCli && given(args, "flinkMaster") && !FlinkCluster.AUTO.equals(flink.getFlinkMaster())) {
      throw new ConfigurationException("--flinkMaster=" + flink.getFlinkMaster() + ": under flink run the job goes to the cluster flink run"
          + " targets (its -m option, or rest.address in its config.yaml); leave --flinkMaster out");
    }
    if (!given(args, "runner") && (flinkCli || given(args, "flinkMaster"))) {
      options.setRunner(FlinkRunner.class);
    }
    if (!given(args, "runner") && !flinkCli && !given(args, "flinkMaster") && config.inputBytes() > LARGE_BATCH_BYTES) {
      options.setRunner(FlinkRunner.class);
      flink.setFlinkMaster("[local]");
    }
    if (flinkCli && !given(args, "flinkMaster")) {
      flink.setFlinkMaster(FlinkCluster.AUTO);
    }
    if (!FlinkRunner.class.equals(options.getRunner()) || isEmbedded(flink.getFlinkMaster()) || (!flinkCli && FlinkCluster.AUTO.equals(flink.getFlinkMaster()))) {
      return; // in this JVM: outside flink run, Flink's [auto] is an embedded cluster
    }
    if (RemoteFiles.isRemote(config.output())) {
      // The reports are staged on this machine's disk and copied to the store by this command.
      throw new ConfigurationException("--output=" + config.output() + ": an output on an object store is staged on this machine's disk,"
          + " which a cluster's task managers do not see; run the audit in this JVM (no --flinkMaster), or write to a shared folder");
    }
    if (!given(args, "parallelism")) {
      flink.setParallelism(flinkCli ? FlinkCluster.cliParallelism() : 1);
    }
    if (flinkCli) {
      FlinkCluster.checkCanRun("flink run", FlinkCluster.cliTarget(), flink.getParallelism());
    } else {
      FlinkCluster.checkCanRun("--flinkMaster=" + flink.getFlinkMaster(), flink.getFlinkMaster(), flink.getParallelism());
    }
    // Submitted detached, the job's handle comes back at once: the command waits for it itself, can
    // cancel it when stopped, and flink run prints no accumulator dump on standard output.
    if (!given(args, "attachedMode")) {
      flink.setAttachedMode(false);
    }
    if (!given(args, "jobCheckIntervalInSecs")) {
      flink.setJobCheckIntervalInSecs(1);
    }
  }

  /** Beam's Spark runner, by name: the default build compiles without Spark (its {@code --sparkMaster} is refused before this). */
  @SuppressWarnings("unchecked")
  private static Class<? extends PipelineRunner<?>> sparkRunner() throws ConfigurationException {
    try {
      return (Class<? extends PipelineRunner<?>>) Class.forName("org.apache.beam.runners.spark.SparkRunner").asSubclass(PipelineRunner.class);
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException("--sparkMaster: Beam's Spark runner is not on the class path; it is in the Spark build: "
          + AuditCommandLine.SPARK_BUILD);
    }
  }

  /**
   * Resolves {@code --parallelReading}: {@code auto} reads an input's files side by side when the
   * job goes to a Flink cluster (its workers are on other machines), and with one reader in this
   * JVM, where that reader's parsing threads already use every core and settling the duplicates
   * between files would only add work (measured in the README).
   *
   * @throws ConfigurationException when the value is not {@code auto}, {@code on} or {@code off}
   */
  private static void chooseReading(AuditOptions options) throws ConfigurationException {
    switch (options.getParallelReading()) {
      case "on", "off" -> { }
      case "auto" -> options.setParallelReading(clusterAddress(options).isPresent() ? "on" : "off");
      default -> throw new ConfigurationException("--parallelReading must be auto, on or off, not '" + options.getParallelReading() + "'");
    }
  }

  /** The REST address of the Flink cluster the job went to; empty for any other runner, and for embedded Flink. */
  private static Optional<String> clusterAddress(AuditOptions options) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!FlinkRunner.class.equals(options.getRunner()) || isEmbedded(flink.getFlinkMaster())) {
      return Optional.empty();
    }
    if (FlinkCluster.AUTO.equals(flink.getFlinkMaster())) {
      return FlinkCluster.insideFlinkCli() ? Optional.of(FlinkCluster.cliTarget()) : Optional.empty();
    }
    return Optional.of(flink.getFlinkMaster());
  }

  private static boolean isEmbedded(String flinkMaster) {
    return "[local]".equals(flinkMaster) || "[collection]".equals(flinkMaster);
  }

  /**
   * The runners' settings for this run. On the DirectRunner, the
   * per-element immutability and encodability checks (a test aid that encodes every element
   * again) are off unless asked for: they doubled the audit's time at scale 1. On Flink, a
   * production's group may exceed what Beam caches for one pass, so group results are re-iterable;
   * embedded Flink runs each step on as many workers as the machine has cores (it ran on one), and
   * keeps its working folders ({@code minicluster_*}, {@code blobStore-*}, {@code flink-*}) in the
   * run's temporary folder, which the run removes when it ends, instead of the system's.
   */
  private static void tuneRunner(AuditOptions options, String[] args, Path temporary) throws IOException {
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setBlockOnRun(false);
    if (!given(args, "enforceImmutability")) {
      direct.setEnforceImmutability(false);
    }
    if (!given(args, "enforceEncodability")) {
      direct.setEnforceEncodability(false);
    }
    if (!given(args, "reIterableGroupByKeyResult")) {
      options.as(FlinkPipelineOptions.class).setReIterableGroupByKeyResult(true);
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!given(args, "parallelism") && "[local]".equals(flink.getFlinkMaster())) {
      flink.setParallelism(Runtime.getRuntime().availableProcessors());
    }
    if (!given(args, "flinkConfDir")) {
      flink.setFlinkConfDir(flinkConfiguration(temporary).toString());
    }
  }

  /**
   * A Flink configuration folder whose {@code config.yaml} points Flink's temporary folders
   * ({@code io.tmp.dirs}, {@code web.tmpdir}) at {@code temporary} and gives the TaskManager
   * {@value #EMBEDDED_MANAGED_MEMORY} of managed memory (Flink's
   * {@code taskmanager.memory.managed.size}). The managed memory only sizes a cluster that Flink
   * starts in this JVM (embedded Flink); a cluster's own TaskManagers keep their configuration.
   */
  static Path flinkConfiguration(Path temporary) throws IOException {
    Path folder = Files.createDirectories(temporary.resolve("flink-conf"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(CoreOptions.TMP_DIRS.key(), temporary.toString());
    settings.put(WebOptions.TMP_DIR.key(), temporary.toString());
    settings.put(TaskManagerOptions.MANAGED_MEMORY_SIZE.key(), EMBEDDED_MANAGED_MEMORY);
    new ObjectMapper(new YAMLFactory()).writeValue(folder.resolve("config.yaml").toFile(), settings);
    return folder;
  }

  private static boolean given(String[] args, String option) {
    for (String arg : args) {
      if (arg.equals("--" + option) || arg.startsWith("--" + option + "=")) {
        return true;
      }
    }
    return false;
  }

  private static int exitStatus(JsonNode summary, AuditConfiguration config) {
    if (config.failOn().isEmpty()) {
      return OK;
    }
    JsonNode bySeverity = summary.path("findings").path("by_severity");
    for (Severity severity : Severity.values()) {
      if (severity.compareTo(config.failOn().get()) <= 0 && bySeverity.path(severity.wireName()).asLong() > 0) {
        return FINDINGS_AT_OR_ABOVE_THRESHOLD;
      }
    }
    return OK;
  }

  private static void printSummary(JsonNode summary, String target, PrintStream out) {
    out.println("Provenance audit" + (summary.path("as_of").isTextual() ? " as of " + summary.path("as_of").asText() : ""));
    out.println("  input          read  accepted  rejected  skipped");
    for (InputKind kind : InputKind.values()) {
      JsonNode input = summary.path("inputs").path(kind.contractName());
      out.printf(
          "  %-12s %6d %9d %9d %8d%n",
          kind.contractName(), input.path("read").asLong(), input.path("accepted").asLong(), input.path("rejected").asLong(),
          input.path("skipped").asLong());
      for (JsonNode source : input.path("sources")) {
        out.printf(
            "    %s (%s): %d read, %d accepted, %d rejected, %d skipped%n",
            source.path("file").asText(), source.path("format").asText(), source.path("read").asLong(), source.path("accepted").asLong(),
            source.path("rejected").asLong(), source.path("skipped").asLong());
      }
    }
    JsonNode findings = summary.path("findings");
    StringBuilder line = new StringBuilder("  findings: " + findings.path("total").asLong());
    for (Iterator<Map.Entry<String, JsonNode>> it = findings.path("by_severity").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> severity = it.next();
      line.append(", ").append(severity.getValue().asLong()).append(' ').append(severity.getKey());
    }
    out.println(line);
    JsonNode cases = summary.path("cases");
    StringBuilder caseLine = new StringBuilder("  cases: " + cases.path("total").asLong());
    for (Iterator<Map.Entry<String, JsonNode>> it = cases.path("by_severity").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> severity = it.next();
      caseLine.append(", ").append(severity.getValue().asLong()).append(' ').append(severity.getKey());
    }
    out.println(caseLine + " (cases.csv)");
    JsonNode changes = summary.path("changes");
    if (changes.isObject()) {
      out.printf("  since the baseline: %d new, %d persisting, %d resolved%n",
          changes.path("new").asLong(), changes.path("persisting").asLong(), changes.path("resolved").asLong());
    }
    out.println("  reports: " + target);
  }

  /**
   * One line a person can act on, from the innermost cause: its message, named by its type when the
   * type says more than the message (an unexpected error, a file-system error without a reason).
   */
  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String type = cause.getClass().getSimpleName();
    if (cause instanceof FileSystemException fs) {
      String reason = fs.getReason() != null ? fs.getReason()
          : type.replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
      return oneLine((fs.getFile() == null ? "" : fs.getFile() + ": ") + reason + (fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")"));
    }
    if (cause.getMessage() == null || cause.getMessage().isBlank()) {
      return type;
    }
    boolean plain = cause instanceof IOException || cause instanceof IllegalArgumentException || cause instanceof IllegalStateException;
    String message = oneLine(plain ? cause.getMessage() : type + ": " + cause.getMessage());
    if ((cause instanceof IllegalAccessError || cause instanceof InaccessibleObjectException) && cause.getMessage().contains("org.apache.spark")) {
      // Spark reaches into the JDK's internals; on Java 17 that takes the flags its own launcher adds.
      return message + "; Spark on Java 17 needs the JVM flags in scripts/spark.jvm-options (java @scripts/spark.jvm-options ..., or SPARK=1 scripts/audit)";
    }
    return message;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
