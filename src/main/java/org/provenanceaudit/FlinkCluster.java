package org.provenanceaudit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.provenanceaudit.pipeline.ConfigurationException;

/**
 * The Flink session cluster a run is submitted to, asked through its REST API ({@code GET
 * /overview}) before the job goes: whether it answers, runs the Flink line this jar's runner
 * writes job graphs for, and has a free slot for every parallel worker. Without the check a job
 * that cannot get its slots waits five minutes and fails with a bare timeout, and a cluster of
 * another Flink line rejects the job with "Failed to deserialize JobGraph".
 */
final class FlinkCluster {

  /** Beam's {@code --flinkMaster} value for "the environment the Flink client set up" ({@code flink run}). */
  static final String AUTO = "[auto]";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Properties RUNNER = runnerProperties();

  private FlinkCluster() {}

  /**
   * Whether this JVM is Flink's command-line client running the jar ({@code flink run}): the client
   * sets the execution environment every job must use, and refuses any other.
   */
  static boolean insideFlinkCli() {
    return !ExecutionEnvironment.areExplicitEnvironmentsAllowed();
  }

  /**
   * The REST address ({@code host:port}) of the cluster {@code flink run} targets: its {@code -m}
   * option or {@code rest.address} and {@code rest.port} in the client's {@code config.yaml}.
   */
  @SuppressWarnings("deprecation")
  static String cliTarget() {
    Configuration client = ExecutionEnvironment.getExecutionEnvironment().getConfiguration();
    String host = client.getOptional(RestOptions.ADDRESS).orElse(client.get(JobManagerOptions.ADDRESS));
    return (host == null ? "localhost" : host) + ":" + client.get(RestOptions.PORT);
  }

  /** The parallelism {@code flink run} was given ({@code -p}, or {@code parallelism.default} in its configuration); 1 when neither. */
  @SuppressWarnings("deprecation")
  static int cliParallelism() {
    ExecutionEnvironment context = ExecutionEnvironment.getExecutionEnvironment();
    int parallelism = context.getParallelism();
    return parallelism > 0 ? parallelism : Math.max(1, context.getConfiguration().get(CoreOptions.DEFAULT_PARALLELISM));
  }

  /**
   * Checks that the cluster whose REST API answers at {@code master} can run this jar's job at
   * {@code parallelism} now.
   *
   * @param option how the user named the cluster, for the messages ({@code --flinkMaster=host:port}, {@code flink run})
   * @param master {@code host:port} of the cluster's REST endpoint, with or without {@code http://}
   * @param parallelism the job's parallelism: in one slot-sharing group, it needs that many slots
   * @throws ConfigurationException when no cluster answers, it runs another Flink line than
   *     {@link #runnerLine()}, or it has fewer free slots than the parallelism
   */
  static void checkCanRun(String option, String master, int parallelism) throws ConfigurationException {
    String base = master.startsWith("http://") || master.startsWith("https://") ? master : "http://" + master;
    JsonNode overview;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create(base + "/overview")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET /overview answered HTTP " + response.statusCode());
      }
      overview = new ObjectMapper().readTree(response.body());
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException(option + ": no Flink cluster's REST API answers at " + master + " (" + AuditCommand.describe(e)
          + "); name the JobManager's REST address, host:port (port 8081 unless rest.port says otherwise)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException(option + ": interrupted while asking the cluster at " + master + " for its free slots");
    }
    String version = overview.path("flink-version").asText("");
    if (!version.equals(runnerLine()) && !version.startsWith(runnerLine() + ".")) {
      throw new ConfigurationException(option + ": the cluster at " + master + " runs Flink " + version + "; this jar's runner ("
          + RUNNER.getProperty("flink.runner.artifact") + ") submits to Flink " + runnerLine() + " clusters only (another line"
          + " rejects the job: \"Failed to deserialize JobGraph\")");
    }
    long free = overview.path("slots-available").asLong();
    if (parallelism > free) {
      throw new ConfigurationException("parallelism " + parallelism + " needs " + parallelism + " slots; the cluster at " + master + " has "
          + free + " free (" + overview.path("slots-total").asLong() + " in all, on " + overview.path("taskmanagers").asLong()
          + " task managers): lower --parallelism, or wait for other jobs to end");
    }
  }

  /**
   * Why the cluster's latest job named {@code jobName} failed, if it did, as its REST API keeps it
   * ({@code GET /jobs/overview}, then {@code GET /jobs/<id>/exceptions}): the innermost cause of its root
   * exception, on one line, and where the whole trace is. A Beam pipeline that fails on a cluster
   * otherwise reaches the client as a bare "FAILED" (the cause stays in the cluster's logs).
   *
   * @param master {@code host:port} of the cluster's REST endpoint, with or without {@code http://}
   * @return the cause, or empty when the cluster does not answer or its latest job of that name did not fail
   */
  static Optional<String> failureCause(String master, String jobName) {
    String base = master.startsWith("http://") || master.startsWith("https://") ? master : "http://" + master;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      JsonNode latest = null;
      for (JsonNode job : get(client, base + "/jobs/overview").path("jobs")) {
        if (jobName.equals(job.path("name").asText())
            && (latest == null || job.path("start-time").asLong() > latest.path("start-time").asLong())) {
          latest = job;
        }
      }
      // The run's job is the latest of its name; an earlier run given the same --jobName may have failed.
      if (latest == null || !"FAILED".equals(latest.path("state").asText())) {
        return Optional.empty();
      }
      String jobId = latest.path("jid").asText();
      String trace = get(client, base + "/jobs/" + jobId + "/exceptions").path("root-exception").asText("");
      String cause = trace.lines().findFirst().orElse("");
      for (String line : trace.lines().toList()) {
        if (line.startsWith("Caused by: ")) {
          cause = line.substring("Caused by: ".length());
        }
      }
      if (cause.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(cause.strip() + " (job " + jobId + "; the whole trace: " + base + "/jobs/" + jobId + "/exceptions)");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static JsonNode get(HttpClient client, String url) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
    }
    return new ObjectMapper().readTree(response.body());
  }

  /** The Flink line ({@code 1.19}) of the clusters this jar's runner submits to, as the build recorded it. */
  static String runnerLine() {
    return RUNNER.getProperty("flink.cluster.version");
  }

  private static Properties runnerProperties() {
    Properties properties = new Properties();
    try (InputStream in = FlinkCluster.class.getResourceAsStream("flink-runner.properties")) {
      if (in == null) {
        throw new IllegalStateException("flink-runner.properties is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
