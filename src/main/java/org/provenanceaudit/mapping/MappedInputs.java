package org.provenanceaudit.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.provenanceaudit.io.InputFormat;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.LocalFiles;

/**
 * The files a mapping's sources matched, each with its source and path captures, keyed by the path
 * the reports show. Resolved and checked before the run: a glob matching nothing, a file two sources
 * claim, a header without a mapped column, or bytes that contradict the declared encoding are each a
 * {@link MappingException} naming the mapping file, the source and the key.
 *
 * <p>Globs are matched here rather than by {@link java.nio.file.PathMatcher} because the JDK's
 * matcher cannot say what a part of the path matched, and {@code {production_id}} must be captured.
 */
public record MappedInputs(Map<String, MappedFile> files) implements Serializable {

  public static final MappedInputs NONE = new MappedInputs(Map.of());

  private static final Pattern CAPTURE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  public MappedInputs {
    files = new TreeMap<>(files);
  }

  /** The mapping of {@code file} (as the reports show it), if a source matched it. */
  public Optional<MappedFile> of(String file) {
    return Optional.ofNullable(files.get(file));
  }

  /** The mapped files that feed {@code kind}, in path order. */
  public List<String> filesOf(InputKind kind) {
    List<String> matched = new ArrayList<>();
    files.forEach((file, mapped) -> {
      if (mapped.source().kind() == kind) {
        matched.add(file);
      }
    });
    return matched;
  }

  /**
   * Matches each source's glob under {@code folder} (the mapping file's folder) and checks the start
   * of every matched file against its source.
   *
   * @param display turns a matched path into the path the reports show
   * @throws MappingException for a glob matching nothing, a file matched by two sources, or a file
   *     whose start contradicts its source ({@link MappedFileReader#checkStart})
   */
  public static MappedInputs resolve(Mapping mapping, Path folder, Function<Path, String> display) throws MappingException {
    return resolve(mapping, folder.toString(), source -> {
      Map<String, Map<String, String>> shown = new LinkedHashMap<>();
      match(source, folder).forEach((path, captures) -> shown.put(display.apply(path), captures));
      return shown;
    }, shown -> Files.newInputStream(Path.of(shown)));
  }

  /**
   * {@link #resolve(Mapping, Path, Function)} for a mapping file on another Beam file system: each
   * source's glob is matched against the objects under {@code folder} (a URI such as
   * {@code s3://bucket/exports}, the mapping file's "folder"), listed and opened through Beam's
   * {@link FileSystems}; the reports show each file by its URI.
   */
  public static MappedInputs resolve(Mapping mapping, String folder) throws MappingException {
    return resolve(mapping, folder, source -> matchStored(source, folder),
        file -> Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false))));
  }

  private interface SourceMatch {
    /** The files the source matched, by the path the reports show, in path order, with their captures. */
    Map<String, Map<String, String>> files(MappedSource source) throws MappingException;
  }

  private interface Opener {
    InputStream open(String shown) throws IOException;
  }

  private static MappedInputs resolve(Mapping mapping, String folder, SourceMatch match, Opener opener) throws MappingException {
    Map<String, MappedFile> files = new LinkedHashMap<>();
    for (MappedSource source : mapping.sources()) {
      Map<String, Map<String, String>> matched = match.files(source);
      if (matched.isEmpty()) {
        throw new MappingException(mapping.origin(), source.label(), "files", "matched no file under " + folder);
      }
      for (Map.Entry<String, Map<String, String>> entry : matched.entrySet()) {
        String shown = entry.getKey();
        MappedFile file = new MappedFile(shown, source, entry.getValue());
        MappedFile other = files.putIfAbsent(shown, file);
        if (other != null) {
          throw new MappingException(
              mapping.origin(), source.label(), "files", shown + " is also matched by " + other.source().label() + "; a file is read one way");
        }
        try (InputStream raw = opener.open(shown);
            InputStream in = InputFormat.decompressed(shown, raw)) {
          MappedFileReader.checkStart(file, in);
        } catch (IOException e) {
          throw new MappingException(mapping.origin(), source.label(), "files", shown + " cannot be read: " + e.getMessage());
        }
      }
    }
    return new MappedInputs(files);
  }

  /**
   * The objects under {@code folder} the source's glob matches, by URI in path order, with their
   * captures: everything under the glob's part before its first wildcard is listed and matched as
   * a local walk matches ({@code *} within a folder, {@code **} across folders).
   */
  private static Map<String, Map<String, String>> matchStored(MappedSource source, String folder) throws MappingException {
    String pattern = folder + "/" + source.files();
    List<String> names = new ArrayList<>();
    Pattern regex = regex(pattern, names);
    int wildcard = firstWildcard(pattern);
    String glob = wildcard < 0 ? pattern : pattern.substring(0, pattern.lastIndexOf('/', wildcard) + 1) + "**";
    Map<String, Map<String, String>> matched = new TreeMap<>();
    try {
      MatchResult listed = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
      if (listed.status() == MatchResult.Status.NOT_FOUND) {
        return matched;
      }
      // An ERROR (no such bucket, access denied) throws its IOException here: it is not "no file".
      for (MatchResult.Metadata metadata : listed.metadata()) {
        String file = metadata.resourceId().toString();
        Matcher m = regex.matcher(file);
        if (!file.endsWith("/") && m.matches()) {
          Map<String, String> captures = new TreeMap<>();
          for (String name : names) {
            captures.put(name, m.group("c" + names.indexOf(name)));
          }
          matched.put(file, captures);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new MappingException(source.origin(), source.label(), "files", "cannot list " + glob + ": " + e.getMessage());
    }
    return matched;
  }

  private static int firstWildcard(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      if ("*?[{".indexOf(glob.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Regular files under {@code folder} the source's glob matches, in path order, with their captures. */
  private static Map<Path, Map<String, String>> match(MappedSource source, Path folder) throws MappingException {
    String glob = source.files();
    Path pattern = folder.toAbsolutePath().normalize().resolve(glob).normalize();
    LocalFiles.GlobWalk walk = LocalFiles.GlobWalk.of(pattern);
    List<String> names = new ArrayList<>();
    Pattern regex = regex(pattern.toString(), names);
    Map<Path, Map<String, String>> matched = new TreeMap<>();
    if (!walk.wildcard()) {
      if (Files.exists(pattern, LinkOption.NOFOLLOW_LINKS)) {
        checkReadable(source, pattern);
        matched.put(pattern, Map.of());
      }
      return matched;
    }
    if (!Files.isDirectory(walk.base())) {
      return matched;
    }
    try (Stream<Path> entries = Files.walk(walk.base(), walk.depth())) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Matcher m = regex.matcher(entry.toString());
        if (!entry.equals(walk.base()) && m.matches()) {
          checkReadable(source, entry);
          Map<String, String> captures = new TreeMap<>();
          for (String name : names) {
            captures.put(name, m.group("c" + names.indexOf(name)));
          }
          matched.put(entry, captures);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new MappingException(source.origin(), source.label(), "files", "cannot list " + walk.base() + ": " + e.getMessage());
    }
    return matched;
  }

  /** A matched name that is not a readable regular file stops the job, as it does for every input (a FIFO would block, a broken link would drop rows silently). */
  private static void checkReadable(MappedSource source, Path file) throws MappingException {
    Optional<String> problem = LocalFiles.unreadable(file);
    if (problem.isPresent()) {
      throw new MappingException(source.origin(), source.label(), "files",
          file + " " + problem.get() + " (every matched input must be a readable regular file)");
    }
  }

  /**
   * The glob as a regular expression: {@code *} within a folder, {@code **} across folders, {@code
   * ?} one character, {@code [..]} a class, {@code {a,b}} alternatives, and {@code {name}} a capture
   * of one folder's worth of text. A capture named twice must match the same text both times.
   */
  static Pattern regex(String glob, List<String> names) {
    StringBuilder out = new StringBuilder();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      Matcher capture = CAPTURE.matcher(glob).region(i, glob.length());
      if (c == '{' && capture.lookingAt()) {
        String name = capture.group(1);
        int n = seen.merge(name, 1, Integer::sum);
        if (n == 1) {
          names.add(name);
        }
        // Java's group names allow no underscore: groups are named by the capture's place.
        String group = "c" + names.indexOf(name);
        out.append(n == 1 ? "(?<" + group + ">[^/]+)" : "\\k<" + group + ">");
        i = capture.end() - 1;
      } else if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        out.append(".*");
        i++;
      } else if (c == '*') {
        out.append("[^/]*");
      } else if (c == '?') {
        out.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i);
        out.append(end < 0 ? "\\[" : "[" + glob.substring(i + 1, end).replace("\\", "\\\\").replaceFirst("^!", "^") + "]");
        i = end < 0 ? i : end;
      } else if (c == '{') {
        out.append("(?:");
      } else if (c == '}') {
        out.append(")");
      } else if (c == ',' && out.lastIndexOf("(?:") > out.lastIndexOf(")")) {
        out.append("|");
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(out.toString());
  }
}
