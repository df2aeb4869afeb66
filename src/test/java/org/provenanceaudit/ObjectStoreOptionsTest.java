package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What the command says, before any request to a store, when an object-store location is named
 * where the audit cannot use one: an {@code s3://} output for a job on a Flink cluster (the reports
 * are staged on the client's disk), and an asset folder on a store (asset files are scanned on the
 * local disk). scripts/object-store-test runs the rest against a real S3-compatible server.
 */
class ObjectStoreOptionsTest {

  private static String refusal(String... args) {
    AuditCommandEndToEndTest.Result run = AuditCommandEndToEndTest.command(null, args);
    assertEquals(AuditCommand.CONFIGURATION_ERROR, run.status(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    return run.err().strip();
  }

  @Test
  void anObjectStoreOutputIsRefusedForAJobOnACluster() {
    assertEquals(
        "provenance-audit: --output=s3://audit-bucket/audits/w12: an output on an object store is staged on this machine's disk, which a"
            + " cluster's task managers do not see; run the audit in this JVM (no --flinkMaster), or write to a shared folder",
        refusal("--input=sample-data", "--output=s3://audit-bucket/audits/w12", "--flinkMaster=localhost:1", "--quiet=true"));
  }

  @Test
  void anAssetsRootOnAStoreIsRefused() {
    assertEquals(
        "provenance-audit: --assetsRoot=s3://audit-bucket/files: asset files are scanned on the local disk only; name a local folder",
        refusal("--input=sample-data", "--assetsRoot=s3://audit-bucket/files", "--output=target/never-written", "--quiet=true"));
  }
}
