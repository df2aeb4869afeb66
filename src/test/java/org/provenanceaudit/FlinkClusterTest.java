package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job that fails on a cluster is reported with the cause the cluster keeps for it, read from a
 * server that answers as Flink 1.19's REST API does ({@code /jobs/overview}, {@code
 * /jobs/<id>/exceptions}), not as a bare "FAILED".
 */
class FlinkClusterTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves {@code answers} by path (200, JSON); any other path is 404. Returns {@code host:port}. */
  private String serve(Map<String, String> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = answers.get(exchange.getRequestURI().getPath());
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return "localhost:" + server.getAddress().getPort();
  }

  private static final String TRACE =
      "org.apache.flink.runtime.JobException: Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3)\\n"
          + "\\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)\\n"
          + "Caused by: java.io.IOException: Insufficient number of network buffers: required 512, but only 0 available.\\n"
          + "\\tat org.apache.flink.runtime.io.network.buffer.NetworkBufferPool.internalCreateBufferPool(NetworkBufferPool.java:495)\\n";

  @Test
  void theLatestFailedJobOfTheRunsNameGivesItsInnermostCauseAndWhereTheTraceIs() throws IOException {
    String master =
        serve(
            Map.of(
                "/jobs/overview",
                "{\"jobs\":[{\"jid\":\"aaa\",\"name\":\"audit-1\",\"state\":\"FAILED\",\"start-time\":100},"
                    + "{\"jid\":\"bbb\",\"name\":\"audit-1\",\"state\":\"FAILED\",\"start-time\":200},"
                    + "{\"jid\":\"ccc\",\"name\":\"another-audit\",\"state\":\"FAILED\",\"start-time\":300},"
                    + "{\"jid\":\"ddd\",\"name\":\"audit-1\",\"state\":\"FINISHED\",\"start-time\":50}]}",
                "/jobs/bbb/exceptions",
                "{\"root-exception\":\"" + TRACE + "\",\"timestamp\":1}"));
    assertEquals(
        Optional.of(
            "java.io.IOException: Insufficient number of network buffers: required 512, but only 0 available. (job bbb; the whole trace: http://"
                + master + "/jobs/bbb/exceptions)"),
        FlinkCluster.failureCause(master, "audit-1"));
  }

  /**
   * A run given a fixed {@code --jobName} (a nightly audit) that ends otherwise than FAILED (cancelled
   * in the cluster's web UI) is the latest job of that name: an earlier night's failure is not its cause.
   */
  @Test
  void noCauseWhenTheLatestJobOfThatNameDidNotFail() throws IOException {
    String master =
        serve(
            Map.of(
                "/jobs/overview",
                "{\"jobs\":[{\"jid\":\"bbb\",\"name\":\"nightly-audit\",\"state\":\"FAILED\",\"start-time\":200},"
                    + "{\"jid\":\"eee\",\"name\":\"nightly-audit\",\"state\":\"CANCELED\",\"start-time\":500}]}",
                "/jobs/bbb/exceptions",
                "{\"root-exception\":\"" + TRACE + "\",\"timestamp\":1}"));
    assertEquals(Optional.empty(), FlinkCluster.failureCause(master, "nightly-audit"));
  }

  @Test
  void noCauseWhenTheClusterKeepsNoFailedJobOfThatNameOrDoesNotAnswer() throws IOException {
    String master = serve(Map.of("/jobs/overview", "{\"jobs\":[{\"jid\":\"ddd\",\"name\":\"audit-1\",\"state\":\"FINISHED\",\"start-time\":400}]}"));
    assertEquals(Optional.empty(), FlinkCluster.failureCause(master, "audit-1"));
    stop();
    server = null;
    assertEquals(Optional.empty(), FlinkCluster.failureCause(master, "audit-1"));
  }
}
