package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.provenanceaudit.io.InputFileReader;
import org.provenanceaudit.io.ForeignEncoding;
import org.provenanceaudit.io.InputFormat;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.LocalFiles;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.OtlpAttributes;
import org.provenanceaudit.io.OtlpTraceReader;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.mapping.MappedInputs;
import org.provenanceaudit.mapping.Mapping;
import org.provenanceaudit.mapping.MappingException;
import org.provenanceaudit.mapping.MappingLoader;
import org.provenanceaudit.model.ContractEnum;
import org.provenanceaudit.model.Severity;
import org.provenanceaudit.policy.Policy;
import org.provenanceaudit.policy.PolicyException;
import org.provenanceaudit.policy.PolicyLoader;
import org.provenanceaudit.rules.RuleSet;
import org.provenanceaudit.scan.C2paTrust;

/**
 * What the user asked for, checked before the pipeline is built: the files of every input (each
 * CSV header holding its required columns; OpenTelemetry trace files and the exports a mapping file
 * maps are read as {@link SourceFormats} says), the mapping file, the policy, the audit date, the output folder (apart from all it reads) and baseline
 * folders, and the C2PA trust files. Every problem is a {@link ConfigurationException} that names the option or the file.
 */
public record AuditConfiguration(
    Map<InputKind, List<String>> files,
    SourceFormats sourceFormats,
    Policy policy,
    String asOf,
    String output,
    String assetsRoot,
    String baseline,
    Optional<Severity> failOn,
    boolean includePrompts,
    boolean quiet,
    C2paTrust c2paTrust) {

  public static final String DEFAULT_INPUT = "sample-data";
  public static final String POLICY_FILE = "policy.yaml";
  public static final String MAPPING_FILE = "mapping.yaml";
  /** The name {@code --input} finds OpenTelemetry trace files by. */
  public static final String OTLP_TRACES = "otlp-traces";
  private static final String CONTRACT_ENDINGS = ".csv, .jsonl or .ndjson (optionally .gz)";
  private static final String OTLP_ENDINGS = ".json, .jsonl, .ndjson, .pb or .binpb (optionally .gz or .zst)";

  /** The size of every input file, as stored (compressed files count compressed); 0 for a file it cannot stat. */
  public long inputBytes() {
    long total = 0;
    for (List<String> kindFiles : files.values()) {
      for (String file : kindFiles) {
        try {
          total += RemoteFiles.isRemote(file) ? RemoteFiles.size(file).orElse(0L) : Files.size(Path.of(file));
        } catch (IOException | RuntimeException e) {
          // Gone since it was matched: the read names it.
        }
      }
    }
    return total;
  }

  public static AuditConfiguration resolve(AuditOptions options) throws ConfigurationException {
    FileSystems.setDefaultPipelineOptions(options);
    String input = options.getInput();
    String assetsRoot = options.getAssetsRoot();
    if (input == null && noInputOption(options)) {
      // The sample audit: its asset files sit beside its tables.
      input = DEFAULT_INPUT;
      assetsRoot = assetsRoot == null ? DEFAULT_INPUT : assetsRoot;
    }
    if (input != null && RemoteFiles.isRemote(input)) {
      input = RemoteFiles.folder(input);
      if (remoteFilesIn("--input", input).isEmpty()) {
        throw new ConfigurationException("--input=" + input + ": no such folder (no object's name starts with " + input + "/)");
      }
    } else if (input != null && !Files.isDirectory(Path.of(input))) {
      throw new ConfigurationException("--input=" + input + ": no such folder");
    }
    Optional<Mapping> mapping = mapping(options.getMapping(), input);
    MappedInputs mapped = mapped(mapping);
    Map<InputKind, List<String>> files = new EnumMap<>(InputKind.class);
    List<String> otlpTraces =
        filesOf("--otlpTraces", options.getOtlpTraces(), input, OTLP_TRACES, name -> OtlpTraceReader.encodingOf(name).isPresent(), OTLP_ENDINGS, false);
    for (String file : otlpTraces) {
      checkEncoding(file);
    }
    for (InputKind kind : InputKind.values()) {
      boolean required = kind.requiredInput() && !(kind == InputKind.TOOL_EVENTS && !otlpTraces.isEmpty())
          && mapped.filesOf(kind).isEmpty();
      List<String> found =
          filesOf("--" + kind.optionName(), glob(options, kind), input, kind.contractName(), name -> InputFormat.ofFileName(name).isPresent(), CONTRACT_ENDINGS, required);
      // A file the mapping claims is read through it, as the input the mapping names, whatever its name.
      found.removeIf(file -> mapped.of(RemoteFiles.isRemote(file) ? file : displayPath(Path.of(file).toAbsolutePath().normalize().toString())).isPresent());
      for (String file : found) {
        checkHeader(kind, file);
      }
      for (String file : mapped.filesOf(kind)) {
        if (!found.contains(file)) {
          found.add(file);
        }
      }
      found.sort(null);
      if (kind == InputKind.TOOL_EVENTS) {
        found.addAll(otlpTraces);
        found.sort(null);
      }
      files.put(kind, List.copyOf(found));
    }
    String policyFile = options.getPolicy() != null ? options.getPolicy() : inInput(input, POLICY_FILE).orElse(null);
    Map<String, String> read = new LinkedHashMap<>();
    if (input != null) {
      read.put("--input", input);
    }
    mapping.ifPresent(m -> read.put("--mapping", RemoteFiles.isRemote(m.origin()) ? RemoteFiles.parent(m.origin()) : Path.of(m.origin()).toAbsolutePath().getParent().toString()));
    for (InputKind kind : InputKind.values()) {
      for (String file : files.get(kind)) {
        if (RemoteFiles.isRemote(file)) {
          read.putIfAbsent(file, RemoteFiles.parent(file));
          continue;
        }
        Path folder = Path.of(file).toAbsolutePath().getParent();
        read.putIfAbsent(file, folder == null ? file : folder.toString());
      }
    }
    return new AuditConfiguration(
        files,
        new SourceFormats(otlpTraces, otlpAttributes(mapping), mapped),
        policy(policyFile),
        asOf(options.getAsOf()),
        output(options.getOutput(), read, assetsRoot(assetsRoot), baseline(options.getBaseline()), policyFile),
        assetsRoot,
        options.getBaseline(),
        failOn(options.getFailOn()),
        options.getIncludePrompts(),
        options.getQuiet(),
        c2paTrust(options.getTrustAnchors(), options.getTrustedSigners()));
  }

  /** The mapping file: {@code --mapping}, else mapping.yaml in {@code --input}; empty when neither. */
  private static Optional<Mapping> mapping(String option, String input) throws ConfigurationException {
    Optional<String> found = option != null ? Optional.of(option) : inInput(input, MAPPING_FILE);
    if (found.isPresent() && RemoteFiles.isRemote(found.get())) {
      try (InputStream in = RemoteFiles.open(found.get())) {
        return Optional.of(MappingLoader.load(found.get(), in));
      } catch (MappingException e) {
        throw new ConfigurationException(e.getMessage());
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("--mapping=" + found.get() + ": cannot be read: " + describe(e));
      }
    }
    Path file = found.map(Path::of).orElse(null);
    if (file == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MappingLoader.load(file));
    } catch (MappingException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The files the mapping's sources match, globs being relative to the mapping file's folder. */
  private static MappedInputs mapped(Optional<Mapping> mapping) throws ConfigurationException {
    if (mapping.isEmpty()) {
      return MappedInputs.NONE;
    }
    if (RemoteFiles.isRemote(mapping.get().origin())) {
      try {
        return MappedInputs.resolve(mapping.get(), RemoteFiles.parent(mapping.get().origin()));
      } catch (MappingException e) {
        throw new ConfigurationException(e.getMessage());
      }
    }
    Path file = Path.of(mapping.get().origin()).toAbsolutePath();
    try {
      return MappedInputs.resolve(mapping.get(), file.getParent(), path -> displayPath(path.toString()));
    } catch (MappingException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The span attributes each tool-event field comes from: the contract's, with the mapping file's {@code otlp_attributes} over them. */
  private static OtlpAttributes otlpAttributes(Optional<Mapping> mapping) throws ConfigurationException {
    if (mapping.isEmpty() || mapping.get().otlpAttributes().isEmpty()) {
      return OtlpAttributes.DEFAULTS;
    }
    try {
      return OtlpAttributes.DEFAULTS.withOverrides(mapping.get().otlpAttributes());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(mapping.get().origin() + ": otlp_attributes: " + e.getMessage());
    }
  }

  /** The exports the mapping file maps, by path. */
  public MappedInputs mapped() {
    return sourceFormats.mapped();
  }

  private static boolean noInputOption(AuditOptions o) {
    if (o.getOtlpTraces() != null || o.getMapping() != null) {
      return false;
    }
    for (InputKind kind : InputKind.values()) {
      if (glob(o, kind) != null) {
        return false;
      }
    }
    return true;
  }

  private static String glob(AuditOptions o, InputKind kind) {
    return switch (kind) {
      case ASSETS -> o.getAssets();
      case TOOL_EVENTS -> o.getToolEvents();
      case DISCLOSURES -> o.getDisclosures();
      case CONSENTS -> o.getConsents();
      case PRODUCTIONS -> o.getProductions();
    };
  }

  /**
   * The files an option's glob matches or, without it, the files in {@code input} whose names
   * start with {@code prefix}; every one must have a name {@code acceptedName} takes.
   */
  private static List<String> filesOf(
      String option, String glob, String input, String prefix, Predicate<String> acceptedName, String endings, boolean required)
      throws ConfigurationException {
    List<String> found = new ArrayList<>();
    if (glob != null) {
      try {
        if (isLocal(glob)) {
          for (Path file : localMatches(glob)) {
            checkReadableFile(option + "=" + glob, file);
            found.add(displayPath(file.toString()));
          }
        } else {
          for (MatchResult.Metadata file : RemoteFiles.matches(glob)) {
            found.add(displayPath(file.resourceId().toString()));
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigurationException(option + "=" + glob + ": " + (isLocal(glob) ? e.getMessage() : "cannot be listed: " + describe(e)));
      }
      for (String file : found) {
        if (!acceptedName.test(file)) {
          throw new ConfigurationException(option + "=" + glob + " matched " + file + ", which is not " + endings);
        }
      }
      if (found.isEmpty()) {
        throw new ConfigurationException(option + "=" + glob + " matched no file");
      }
    } else if (input != null && RemoteFiles.isRemote(input)) {
      for (String file : remoteFilesIn("--input", input)) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        if (name.toLowerCase(Locale.ROOT).startsWith(prefix) && acceptedName.test(name)) {
          found.add(file);
        }
      }
    } else if (input != null) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(input))) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (name.toLowerCase(Locale.ROOT).startsWith(prefix) && acceptedName.test(name)) {
            checkReadableFile("--input=" + input, entry);
            found.add(entry.toString());
          }
        }
      } catch (IOException e) {
        throw new ConfigurationException("--input=" + input + ": cannot list the folder: " + e.getMessage());
      }
    }
    found.sort(null);
    if (found.isEmpty() && required) {
      throw new ConfigurationException(
          "no " + prefix + " input: "
              + (input == null ? "" : "--input=" + input + " holds no " + prefix + "* file (" + endings + ") and ")
              + option + " is not set"
              + (prefix.equals(InputKind.TOOL_EVENTS.contractName())
                  ? "; tool events may also come as OpenTelemetry GenAI spans: an " + OTLP_TRACES + "* file (" + OTLP_ENDINGS + ") in --input, or --otlpTraces=GLOB"
                  : ""));
    }
    return found;
  }

  /** Whether the glob names the local file system: no scheme, or {@code file:}. */
  private static boolean isLocal(String glob) {
    return !RemoteFiles.isRemote(glob);
  }

  /** The files directly in a remote {@code --input} folder, in path order. */
  private static List<String> remoteFilesIn(String option, String folder) throws ConfigurationException {
    try {
      return RemoteFiles.filesIn(folder);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(option + "=" + folder + ": cannot be listed: " + describe(e));
    }
  }

  /** {@code name} in the {@code --input} folder, local or remote, when it is a file there. */
  private static Optional<String> inInput(String input, String name) throws ConfigurationException {
    if (input == null) {
      return Optional.empty();
    }
    if (RemoteFiles.isRemote(input)) {
      String file = RemoteFiles.child(input, name);
      return remoteFilesIn("--input", input).contains(file) ? Optional.of(file) : Optional.empty();
    }
    return Files.isRegularFile(Path.of(input, name)) ? Optional.of(Path.of(input, name).toString()) : Optional.empty();
  }

  /**
   * The innermost cause's message, for an error of a remote file system: the AWS SDK's messages
   * ("The specified bucket does not exist (Service: S3, Status Code: 404, …)") say what is wrong.
   */
  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Every entry a local glob names, of any type (Beam's match lists regular files only, so a FIFO,
   * a folder or a broken link would vanish without a word): the glob's folders up to its first
   * wildcard are walked, without following links, and each entry is matched as Beam matches it
   * ({@code *} within a folder, {@code **} across folders). A glob without a wildcard names one path.
   */
  private static List<Path> localMatches(String glob) throws IOException {
    String local = glob.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(glob)).toString() : glob;
    Path pattern = Path.of(local).toAbsolutePath().normalize();
    LocalFiles.GlobWalk walk = LocalFiles.GlobWalk.of(pattern);
    if (!walk.wildcard()) {
      return Files.exists(pattern, LinkOption.NOFOLLOW_LINKS) ? List.of(pattern) : List.of();
    }
    if (!Files.isDirectory(walk.base())) {
      return List.of();
    }
    PathMatcher matcher = pattern.getFileSystem().getPathMatcher("glob:" + pattern);
    Path folder = walk.base();
    try (var entries = Files.walk(folder, walk.depth())) {
      return entries.filter(entry -> !entry.equals(folder) && matcher.matches(entry)).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Stops the job before it starts when a matched name is not a regular file this process can
   * read: a FIFO would block the read forever, and a broken link (an unmounted share), a folder or
   * a link loop would otherwise be skipped and the run end as if on complete data. Links to
   * regular files are followed.
   */
  private static void checkReadableFile(String option, Path file) throws ConfigurationException {
    Optional<String> problem = LocalFiles.unreadable(file);
    if (problem.isPresent()) {
      throw new ConfigurationException(option + ": " + file + " " + problem.get() + " (every matched input must be a readable regular file)");
    }
  }


  /** Paths under the working folder are shown relative to it, so reports read the same on every machine. */
  private static String displayPath(String resource) {
    Path path = Path.of(resource);
    Path here = Path.of("").toAbsolutePath();
    return path.isAbsolute() && path.startsWith(here) ? here.relativize(path).toString() : resource;
  }

  /** Every input file starts in UTF-8 (not a spreadsheet's UTF-16), and a CSV header names the required columns once each. */
  private static void checkHeader(InputKind kind, String file) throws ConfigurationException {
    try (InputStream raw = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)));
        InputStream in = InputFormat.decompressed(file, raw)) {
      new InputFileReader(kind, file).readHeader(in);
    } catch (MissingColumnException e) {
      throw new ConfigurationException(e.getMessage());
    } catch (IOException e) {
      throw new ConfigurationException(file + ": cannot be read: " + unreadable(e));
    }
  }

  /**
   * Why an input file cannot be read, in words: a compressed file that ends before its header
   * (an empty {@code .gz}) is an {@link java.io.EOFException} without a message.
   */
  private static String unreadable(IOException e) {
    return e instanceof java.io.EOFException ? "it ends early (an empty or cut-off compressed file)" : describe(e);
  }

  /**
   * A trace file gets the check a contract file gets before the run: OTLP/JSON saved as UTF-16 (a
   * Windows editor's "Unicode") is named for what it is, instead of every line being rejected as
   * broken JSON. OTLP protobuf is binary, and not checked.
   */
  private static void checkEncoding(String file) throws ConfigurationException {
    if (OtlpTraceReader.encodingOf(file).orElse(null) != OtlpTraceReader.Encoding.JSON) {
      return;
    }
    try (InputStream raw = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)));
        InputStream in = InputFormat.decompressed(file, raw)) {
      byte[] start = in.readNBytes(ForeignEncoding.PROBE_BYTES);
      Optional<String> encoding = ForeignEncoding.of(start, start.length);
      if (encoding.isPresent()) {
        throw new ConfigurationException(file + ": " + encoding.get() + ": save as UTF-8 OTLP/JSON (UTF-8 is the only encoding read)");
      }
    } catch (IOException e) {
      throw new ConfigurationException(file + ": cannot be read: " + unreadable(e));
    }
  }

  /** The policy in {@code file} (local or on another file system) over the built-in one; the built-in one when {@code file} is null. */
  private static Policy policy(String file) throws ConfigurationException {
    PolicyLoader loader = new PolicyLoader(RuleSet.codes());
    try {
      if (file == null) {
        return loader.builtIn();
      }
      if (!RemoteFiles.isRemote(file)) {
        return loader.load(Path.of(file));
      }
      try (InputStream in = RemoteFiles.open(file)) {
        return loader.load(file, in);
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("--policy=" + file + ": cannot be read: " + describe(e));
      }
    } catch (PolicyException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static C2paTrust c2paTrust(String anchors, String signers) throws ConfigurationException {
    try {
      return C2paTrust.load(anchors, signers);
    } catch (C2paTrust.TrustListException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static String asOf(String value) throws ConfigurationException {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value).toString();
    } catch (DateTimeParseException e) {
      throw new ConfigurationException("--asOf=" + value + ": expected a date such as 2026-03-31");
    }
  }

  /**
   * The output folder is replaced whole, so it may not be, hold or lie inside a folder the audit
   * reads ({@code --input}, an input file's folder, {@code --assetsRoot}, {@code --baseline}), nor
   * hold the policy file. Paths are compared after resolving links, so a link to an input is the input.
   *
   * @param read what the run reads: the option or input file it came from, and the folder
   */
  private static String output(String value, Map<String, String> read, String assetsRoot, String baseline, String policyFile)
      throws ConfigurationException {
    Map<String, String> folders = new LinkedHashMap<>(read);
    if (assetsRoot != null) {
      folders.put("--assetsRoot", assetsRoot);
    }
    if (baseline != null) {
      folders.put("--baseline", baseline);
    }
    if (RemoteFiles.isRemote(value)) {
      remoteOutput(value, folders, policyFile);
      return value;
    }
    Path output = realPath(value, "--output");
    for (Map.Entry<String, String> folder : folders.entrySet()) {
      if (RemoteFiles.isRemote(folder.getValue())) {
        continue; // on another file system: apart from a local output
      }
      Path other = realPath(folder.getValue(), folder.getKey());
      String named = folder.getKey().startsWith("--") ? folder.getKey() + "=" + folder.getValue() : "the folder of the input file " + folder.getKey();
      if (output.equals(other)) {
        throw overlap(value, "is " + named);
      }
      if (other.startsWith(output)) {
        throw overlap(value, "holds " + named);
      }
      if (output.startsWith(other)) {
        throw overlap(value, "lies inside " + named);
      }
    }
    if (policyFile != null && !RemoteFiles.isRemote(policyFile) && realPath(policyFile, "--policy").startsWith(output)) {
      throw overlap(value, "holds the policy file " + policyFile);
    }
    return value;
  }

  /** {@link #output}'s rule for an output prefix on another file system, comparing key prefixes by whole names. */
  private static void remoteOutput(String value, Map<String, String> folders, String policyFile) throws ConfigurationException {
    for (Map.Entry<String, String> folder : folders.entrySet()) {
      if (!RemoteFiles.isRemote(folder.getValue())) {
        continue;
      }
      String named = folder.getKey().startsWith("--") ? folder.getKey() + "=" + folder.getValue() : "the folder of the input file " + folder.getKey();
      boolean inside = RemoteFiles.within(value, folder.getValue());
      boolean holds = RemoteFiles.within(folder.getValue(), value);
      if (inside && holds) {
        throw overlap(value, "is " + named);
      }
      if (holds) {
        throw overlap(value, "holds " + named);
      }
      if (inside) {
        throw overlap(value, "lies inside " + named);
      }
    }
    if (policyFile != null && RemoteFiles.isRemote(policyFile) && RemoteFiles.within(policyFile, value)) {
      throw overlap(value, "holds the policy file " + policyFile);
    }
  }

  private static ConfigurationException overlap(String output, String relation) {
    return new ConfigurationException(
        "--output=" + output + ": " + relation + "; the audit replaces its output folder whole, so choose a folder apart from what it reads");
  }

  /** The path with every link resolved; for a path that does not exist yet, its nearest existing ancestor's. */
  private static Path realPath(String value, String option) throws ConfigurationException {
    try {
      Path path = Path.of(value).toAbsolutePath().normalize();
      Path existing = path;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return existing == null ? path : existing.toRealPath().resolve(existing.relativize(path));
    } catch (IOException | InvalidPathException e) {
      throw new ConfigurationException(option + "=" + value + ": cannot be resolved: " + e.getMessage());
    }
  }

  private static String assetsRoot(String value) throws ConfigurationException {
    if (value != null && RemoteFiles.isRemote(value)) {
      throw new ConfigurationException("--assetsRoot=" + value + ": asset files are scanned on the local disk only; name a local folder");
    }
    if (value != null && !Files.isDirectory(Path.of(value))) {
      throw new ConfigurationException("--assetsRoot=" + value + ": no such folder");
    }
    return value;
  }

  private static String baseline(String value) throws ConfigurationException {
    if (value == null) {
      return null;
    }
    if (RemoteFiles.isRemote(value)) {
      try {
        if (!RemoteFiles.isFile(RemoteFiles.child(value, OutputFolder.SUCCESS_MARKER))) {
          throw new ConfigurationException("--baseline=" + value + ": not a completed audit output (no " + OutputFolder.SUCCESS_MARKER + ")");
        }
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("--baseline=" + value + ": cannot be listed: " + describe(e));
      }
      return value;
    }
    Path dir = Path.of(value);
    if (!Files.isRegularFile(dir.resolve(OutputFolder.SUCCESS_MARKER))) {
      throw new ConfigurationException("--baseline=" + value + ": not a completed audit output (no " + OutputFolder.SUCCESS_MARKER + ")");
    }
    return value;
  }

  private static Optional<Severity> failOn(String value) throws ConfigurationException {
    if ("none".equalsIgnoreCase(value.trim())) {
      return Optional.empty();
    }
    return Optional.of(
        ContractEnum.parse(Severity.class, value)
            .orElseThrow(() -> new ConfigurationException("--failOn=" + value + ": expected critical, high, medium, low or none")));
  }
}
