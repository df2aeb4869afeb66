package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the command says when an S3 server answers with an error, as Amazon S3 does for a bucket
 * that does not exist (404 NoSuchBucket) or for credentials that may list but not write (403
 * AccessDenied): the answers come over HTTP from a small server in the test, in S3's own XML, and
 * are read by Beam's real S3 file system with the README's options for an S3-compatible server.
 * scripts/object-store-test runs the successful paths against a full S3-compatible server.
 */
class ObjectStoreErrorsTest {

  private static final String NO_SUCH_BUCKET =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>"
          + "<BucketName>no-such-bucket</BucketName><RequestId>test</RequestId></Error>";
  private static final String ACCESS_DENIED =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>test</RequestId></Error>";
  private static final String EMPTY_LISTING =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>audit-bucket</Name>"
          + "<Prefix>audits/w12/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>";

  private HttpServer server;
  /** Each request's method and path, in the order the server saw them. */
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  /** Starts the server; {@code answer} gives each request's status and body (null: none). */
  private String serve(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      exchange.getRequestBody().readAllBytes();
      Reply reply = answer.to(exchange);
      byte[] body = reply.body() == null || exchange.getRequestMethod().equals("HEAD") ? null : reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
      exchange.sendResponseHeaders(reply.status(), body == null ? -1 : body.length);
      if (body != null) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private record Reply(int status, String body) {}

  private interface Answer {
    Reply to(HttpExchange exchange);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static AuditCommandEndToEndTest.Result run(String endpoint, String... args) {
    String[] store = {
      "--awsRegion=us-east-1", "--endpoint=" + endpoint, "--s3ClientFactoryClass=org.provenanceaudit.pipeline.PathStyleS3Clients",
      "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"test\",\"secretAccessKey\":\"test\"}",
      "--quiet=true"
    };
    return AuditCommandEndToEndTest.command(null, Stream.concat(Stream.of(args), Stream.of(store)).toArray(String[]::new));
  }

  private boolean wroteAnything() {
    synchronized (requests) {
      return requests.stream().anyMatch(request -> !request.startsWith("GET ") && !request.startsWith("HEAD "));
    }
  }

  @Test
  void anOutputInABucketThatDoesNotExistStopsTheAuditBeforeTheRun() throws IOException {
    String endpoint = serve(exchange -> new Reply(404, NO_SUCH_BUCKET));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=sample-data", "--output=s3://no-such-bucket/audits/w12");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: --output=s3://no-such-bucket/audits/w12: cannot be listed: NoSuchBucketException: The specified bucket does not exist"),
        run.err());
    assertTrue(!wroteAnything(), requests.toString());
  }

  @Test
  void anInputInABucketThatDoesNotExistSaysSoRatherThanNoSuchFolder() throws IOException {
    String endpoint = serve(exchange -> new Reply(404, NO_SUCH_BUCKET));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=s3://no-such-bucket/exports/w12", "--assetsRoot=sample-data", "--output=target/never-written");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: --input=s3://no-such-bucket/exports/w12: cannot be listed: The specified bucket does not exist"),
        run.err());
  }

  @Test
  void anOutputThatMayBeListedButNotWrittenFailsTheRunSayingThePreviousOutputIsUnchanged() throws IOException {
    String endpoint = serve(exchange -> exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getQuery() != null
            && exchange.getRequestURI().getQuery().contains("list-type=2")
        ? new Reply(200, EMPTY_LISTING)
        : exchange.getRequestMethod().equals("HEAD") ? new Reply(404, null) : new Reply(403, ACCESS_DENIED));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=sample-data", "--assetsRoot=sample-data", "--output=s3://audit-bucket/audits/w12");
    assertEquals(AuditCommand.RUN_FAILED, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: the run failed: S3Exception: Access Denied"), run.err());
    assertTrue(run.err().strip().endsWith("(the previous output, if any, is unchanged)"), run.err());
  }
}
