package org.provenanceaudit.pipeline;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 clients with path-style access ({@code http://host:port/bucket/key} instead of
 * {@code http://bucket.host:port/key}), for S3-compatible servers that serve buckets by path:
 * MinIO, Ceph, S3Mock, most on-premises stores. Beam's AWS module has no option for it; name this
 * class on the command line: {@code --s3ClientFactoryClass=org.provenanceaudit.pipeline.PathStyleS3Clients}.
 * Region, endpoint and credentials come from Beam's {@code AwsOptions} as with Beam's own factory.
 */
public final class PathStyleS3Clients implements S3ClientBuilderFactory {

  /** Beam's default S3 client builder for {@code options}, with path-style access forced on. */
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(true);
  }
}
