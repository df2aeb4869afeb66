package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** Starts the server; {@code answer} gives each request's status and body (null: none; for HEAD, the object's size). */
  private String serve(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      Reply reply = answer.to(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = reply.body() == null || exchange.getRequestMethod().equals("HEAD") ? null : reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
      exchange.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
      if (exchange.getRequestMethod().equals("HEAD") && reply.status() == 200 && reply.body() != null) {
        // A HEAD reply's body is the object's size, sent as S3 sends it: as headers only.
        exchange.getResponseHeaders().add("Content-Length", reply.body());
        exchange.getResponseHeaders().add("Last-Modified", "Mon, 30 Nov 2026 00:00:00 GMT");
      }
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
    Reply to(HttpExchange exchange, String body);
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
    String endpoint = serve((exchange, body) -> new Reply(404, NO_SUCH_BUCKET));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=sample-data", "--output=s3://no-such-bucket/audits/w12");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: --output=s3://no-such-bucket/audits/w12: cannot be listed: NoSuchBucketException: The specified bucket does not exist"),
        run.err());
    assertTrue(!wroteAnything(), requests.toString());
  }

  @Test
  void anInputInABucketThatDoesNotExistSaysSoRatherThanNoSuchFolder() throws IOException {
    String endpoint = serve((exchange, body) -> new Reply(404, NO_SUCH_BUCKET));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=s3://no-such-bucket/exports/w12", "--assetsRoot=sample-data", "--output=target/never-written");
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: --input=s3://no-such-bucket/exports/w12: cannot be listed: The specified bucket does not exist"),
        run.err());
  }

  @Test
  void anOutputThatMayBeListedButNotWrittenFailsTheRunSayingThePreviousOutputIsUnchanged() throws IOException {
    String endpoint = serve((exchange, body) -> exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getQuery() != null
            && exchange.getRequestURI().getQuery().contains("list-type=2")
        ? new Reply(200, EMPTY_LISTING)
        : exchange.getRequestMethod().equals("HEAD") ? new Reply(404, null) : new Reply(403, ACCESS_DENIED));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=sample-data", "--assetsRoot=sample-data", "--output=s3://audit-bucket/audits/w12");
    assertEquals(AuditCommand.RUN_FAILED, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("provenance-audit: the run failed: S3Exception: Access Denied"), run.err());
    assertTrue(run.err().strip().endsWith("(the previous output, if any, is unchanged)"), run.err());
  }

  /**
   * A previous audit's output under audits/w12/ in a store that takes uploads but refuses deletions
   * the way S3 does for credentials without s3:DeleteObject: DeleteObjects answers 200 with an
   * AccessDenied error per key in its body.
   */
  private Answer refusingDeletes(Map<String, Integer> objects) {
    return (exchange, body) -> {
      String method = exchange.getRequestMethod();
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      String key = exchange.getRequestURI().getPath().replaceFirst("^/audit-bucket/?", "");
      if (method.equals("GET") && query.contains("list-type=2")) {
        String prefix = URLDecoder.decode(query.replaceFirst(".*prefix=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        StringBuilder listing = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Name>audit-bucket</Name><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
        new TreeMap<>(objects).forEach((name, size) -> {
          if (name.startsWith(prefix)) {
            listing.append("<Contents><Key>").append(name).append("</Key><LastModified>2026-11-30T00:00:00.000Z</LastModified>"
                + "<ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><Size>").append(size).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
          }
        });
        return new Reply(200, listing.append("</ListBucketResult>").toString());
      }
      if (method.equals("HEAD")) {
        return objects.containsKey(key) ? new Reply(200, String.valueOf(objects.get(key))) : new Reply(404, null);
      }
      if (method.equals("POST") && query.startsWith("delete")) {
        StringBuilder refused = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        Matcher keys = Pattern.compile("<Key>([^<]*)</Key>").matcher(body);
        while (keys.find()) {
          refused.append("<Error><Key>").append(keys.group(1)).append("</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
        }
        return new Reply(200, refused.append("</DeleteResult>").toString());
      }
      if (method.equals("POST") && query.startsWith("uploads")) {
        return new Reply(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult><Bucket>audit-bucket</Bucket><Key>" + key
            + "</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>");
      }
      if (method.equals("PUT")) {
        return new Reply(200, null);
      }
      if (method.equals("POST") && query.contains("uploadId")) {
        objects.put(key, 0);
        return new Reply(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult><Bucket>audit-bucket</Bucket><Key>" + key
            + "</Key><ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag></CompleteMultipartUploadResult>");
      }
      return new Reply(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
    };
  }

  @Test
  void aStoreThatRefusesDeletionsLeavesThePreviousOutputWithItsSuccessAndNoNewReportBesideIt() throws IOException {
    Map<String, Integer> objects = new ConcurrentHashMap<>(Map.of(
        "audits/w12/_SUCCESS", 0, "audits/w12/findings.jsonl", 4, "audits/w12/summary.json", 3, "audits/w12/resolved.jsonl", 4));
    String endpoint = serve(refusingDeletes(objects));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=sample-data", "--assetsRoot=sample-data", "--output=s3://audit-bucket/audits/w12");
    assertEquals(AuditCommand.RUN_FAILED, run.status(), run.err());
    assertEquals("provenance-audit: the run failed: s3://audit-bucket/audits/w12/_SUCCESS is still there after its deletion (the store refused it:"
        + " the credentials may not allow s3:DeleteObject), so nothing was replaced (the previous output, if any, is unchanged)", run.err().strip());
    synchronized (requests) {
      assertTrue(requests.stream().noneMatch(request -> !request.startsWith("HEAD ") && request.contains("/audits/w12/findings.jsonl")),
          "no report was uploaded beside the previous output's _SUCCESS: " + requests);
    }
  }

  @Test
  void aStaleReportTheStoreRefusesToDeleteGetsNoSuccessBesideIt() throws IOException {
    // A commit killed half way: _COMMITTING, no _SUCCESS, and a previous run's resolved.jsonl this run does not write.
    Map<String, Integer> objects = new ConcurrentHashMap<>(Map.of(
        "audits/w12/_COMMITTING", 60, "audits/w12/findings.jsonl", 4, "audits/w12/resolved.jsonl", 4));
    String endpoint = serve(refusingDeletes(objects));
    AuditCommandEndToEndTest.Result run = run(endpoint, "--input=sample-data", "--assetsRoot=sample-data", "--output=s3://audit-bucket/audits/w12");
    assertEquals(AuditCommand.RUN_FAILED, run.status(), run.err());
    assertEquals("provenance-audit: the run failed: s3://audit-bucket/audits/w12/resolved.jsonl is still there after its deletion (the store refused it:"
        + " the credentials may not allow s3:DeleteObject), so _SUCCESS was not written beside it (the output s3://audit-bucket/audits/w12 was being"
        + " replaced and has no _SUCCESS: it is not a finished output until an audit into it succeeds)", run.err().strip());
    assertTrue(!objects.containsKey("audits/w12/_SUCCESS"), "no _SUCCESS beside the previous run's resolved.jsonl");
  }
}
