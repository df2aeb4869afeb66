package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Files and folders named by a URI of a Beam file system other than the local disk ({@code s3://}
 * with Beam's AWS module, {@code gs://}, {@code hdfs://} when theirs is on the class path), read and
 * listed through Beam's {@link FileSystems}. An object store has no folders: a "folder" here is a key
 * prefix ending in {@code /}, and it exists when some object's key starts with it. The file system's
 * options (region, endpoint, credentials) come from the pipeline options, given to
 * {@link FileSystems#setDefaultPipelineOptions} before any call.
 */
public final class RemoteFiles {

  private RemoteFiles() {}

  /** A URI scheme and the slash after it, as Beam's {@code FileSystems} tells a scheme from a local name. */
  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9+.]*:/.*", Pattern.DOTALL);

  /**
   * Whether {@code path} names another file system than the local one: it starts with a URI scheme
   * and {@code :/} ({@code s3://}, {@code gs://}) that is not {@code file:}, the rule Beam's
   * {@code FileSystems} follows. Any other colon ({@code ./a:b}, {@code reports:v2/out},
   * {@code 2026-03-22T10:00/audit}) is part of a local name.
   */
  public static boolean isRemote(String path) {
    return SCHEME.matcher(path).matches() && !path.regionMatches(true, 0, "file:", 0, 5);
  }

  /** The folder without its trailing slashes ({@code s3://bucket/in/} is {@code s3://bucket/in}); the bucket itself stays {@code s3://bucket}. */
  static String folder(String path) {
    String folder = path;
    while (folder.endsWith("/") && !folder.endsWith("://")) {
      folder = folder.substring(0, folder.length() - 1);
    }
    return folder;
  }

  /** {@code name} inside {@code folder}, e.g. {@code s3://bucket/in} and {@code policy.yaml}: {@code s3://bucket/in/policy.yaml}. */
  static String child(String folder, String name) {
    return folder(folder) + "/" + name;
  }

  /** The folder {@code file} is in ({@code s3://bucket/in} for {@code s3://bucket/in/assets.csv}). */
  static String parent(String file) {
    String trimmed = folder(file);
    int slash = trimmed.lastIndexOf('/');
    return slash < 0 || trimmed.substring(0, slash).endsWith(":/") ? trimmed : trimmed.substring(0, slash);
  }

  /**
   * Whether {@code inner} is {@code outer} or lies under it, as key prefixes compared by whole names
   * ({@code s3://b/out} does not hold {@code s3://b/output}); paths on different file systems never
   * overlap.
   */
  static boolean within(String inner, String outer) {
    String in = folder(inner) + "/";
    String out = folder(outer) + "/";
    return in.startsWith(out);
  }

  /**
   * The file's size in bytes, or empty when there is no such file.
   *
   * @throws IOException when the store answers with an error (no such bucket, access denied)
   */
  static Optional<Long> size(String file) throws IOException {
    for (MatchResult.Metadata metadata : matches(file)) {
      if (metadata.resourceId().toString().equals(file)) {
        return Optional.of(metadata.sizeBytes());
      }
    }
    return Optional.empty();
  }

  /** Whether there is a file (an object) at exactly this path. */
  static boolean isFile(String file) throws IOException {
    return size(file).isPresent();
  }

  /**
   * Every file in {@code folder} itself (not in its subfolders), in path order; empty when the
   * folder holds nothing (an object store cannot tell an empty prefix from a missing one).
   */
  static List<String> filesIn(String folder) throws IOException {
    return matched(literal(folder) + "/*");
  }

  /** Every file under {@code folder}, at any depth, in path order. */
  static List<String> filesUnder(String folder) throws IOException {
    return matched(literal(folder) + "/**");
  }

  /**
   * {@code folder} without its trailing slashes, for a glob that lists it.
   *
   * @throws IOException when it holds a character Beam's globs read as a wildcard: such a prefix
   *     would be listed as a pattern, missing its own objects and taking in others' (Beam's file
   *     systems have no escape for them)
   */
  private static String literal(String folder) throws IOException {
    String trimmed = folder(folder);
    for (char c : trimmed.toCharArray()) {
      if ("*?[]{}".indexOf(c) >= 0) {
        throw new IOException(trimmed + " holds a wildcard character (* ? [ ] { }), which a listing takes as a pattern; name a prefix without one");
      }
    }
    return trimmed;
  }

  private static List<String> matched(String glob) throws IOException {
    List<String> files = new ArrayList<>();
    for (MatchResult.Metadata metadata : matches(glob)) {
      files.add(metadata.resourceId().toString());
    }
    files.sort(null);
    return files;
  }

  /**
   * What {@code spec} (a file or a glob) matches; empty when nothing does.
   *
   * @throws IOException the store's error when the match failed: Beam's S3 file system answers a
   *     bucket that does not exist or a denied listing with {@link MatchResult.Status#ERROR}, which
   *     must not read as an empty prefix (an output taken as empty would be written over unchecked)
   */
  public static List<MatchResult.Metadata> matches(String spec) throws IOException {
    MatchResult match = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
    return switch (match.status()) {
      case OK -> match.metadata();
      case NOT_FOUND -> List.of();
      default -> match.metadata(); // throws the match's IOException
    };
  }

  /** Opens the file for reading. */
  public static InputStream open(String file) throws IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)));
  }

  /** The resource of {@code name} (which may hold {@code /}) inside {@code folder}. */
  static ResourceId resource(String folder, String name) {
    return FileSystems.matchNewResource(child(folder, name), false);
  }

  /** The resource of a file named by its full path. */
  static ResourceId resource(String file) {
    return FileSystems.matchNewResource(file, false);
  }

  /** The resource of a folder, for {@link ResourceId#resolve} with {@link StandardResolveOptions#RESOLVE_FILE}. */
  static ResourceId folderResource(String folder) {
    return FileSystems.matchNewResource(folder(folder) + "/", true);
  }
}
