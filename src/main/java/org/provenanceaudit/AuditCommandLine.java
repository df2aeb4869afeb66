package org.provenanceaudit;

import java.beans.Introspector;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;
import org.apache.commons.text.WordUtils;
import org.provenanceaudit.pipeline.AuditOptions;
import org.provenanceaudit.pipeline.ConfigurationException;

/**
 * The audit's command line before Beam parses it: {@code --help} lists the audit's own options
 * (from {@link AuditOptions}' {@code @Description} and {@code @Default}) before saying how to list
 * a runner's; an unknown option or runner is a configuration error naming it, instead of Beam's
 * message naming an interface.
 */
final class AuditCommandLine {

  private static final String FLINK_OPTIONS = "org.apache.beam.runners.flink.FlinkPipelineOptions";
  private static final String DIRECT_OPTIONS = "org.apache.beam.runners.direct.DirectOptions";
  private static final String SPARK_OPTIONS = "org.apache.beam.runners.spark.SparkPipelineOptions";
  private static final String SPARK_RUNNER = "SparkRunner";
  /**
   * Registered by beam-runners-spark-3 beside SparkRunner, but it runs on Spark SQL's Dataset API,
   * which the Spark build does not bring (SparkRunner, on RDDs, is the one built and tested).
   */
  private static final String SPARK_STRUCTURED_STREAMING_RUNNER = "SparkStructuredStreamingRunner";
  /** How to get the build that has Beam's Spark runner (README, "Spark"). */
  static final String SPARK_BUILD = "SPARK=1 scripts/audit, or mvn -Pspark";

  private AuditCommandLine() {}

  /** The value of {@code --help} when given: empty text for {@code --help} or {@code --help=true}, else the options interface asked for. */
  static Optional<String> helpRequested(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("--help=true")) {
        return Optional.of("");
      }
      if (arg.startsWith("--help=")) {
        return Optional.of(arg.substring("--help=".length()));
      }
    }
    return Optional.empty();
  }

  /**
   * Prints the audit's options, or with {@code interfaceName} that options interface's (Beam's
   * listing); returns the exit status: 0, or 2 when no registered options interface has that name.
   */
  static int printHelp(String interfaceName, PrintStream out, PrintStream err) {
    if (interfaceName.isEmpty()) {
      printAuditHelp(out);
      return AuditCommand.OK;
    }
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      if (options.getName().equals(interfaceName) || options.getSimpleName().equals(interfaceName)) {
        PipelineOptionsFactory.printHelp(out, options);
        return AuditCommand.OK;
      }
    }
    err.println("provenance-audit: --help=" + interfaceName + ": no options interface of that name; try --help=" + FLINK_OPTIONS);
    return AuditCommand.CONFIGURATION_ERROR;
  }

  private static void printAuditHelp(PrintStream out) {
    out.println("Usage: scripts/audit [--option=value ...]");
    out.println("Audits a studio's production exports for undisclosed generative-AI use; with no options, sample-data/ into audit-out/.");
    out.println();
    out.println("Options:");
    for (Method getter : sortedGetters(AuditOptions.class.getDeclaredMethods())) {
      Optional<String> defaultValue = defaultValue(getter);
      String type = getter.getReturnType() == boolean.class ? "true|false" : getter.getReturnType().getSimpleName();
      out.println("  --" + propertyName(getter).orElseThrow() + "=<" + type + ">" + defaultValue.map(d -> "  (default: " + d + ")").orElse(""));
      Description description = getter.getAnnotation(Description.class);
      if (description != null) {
        out.println(WordUtils.wrap(description.value(), 92, "\n", false).indent(6).stripTrailing());
      }
    }
    out.println();
    out.println("Runners:");
    out.println("  --runner=DirectRunner or --runner=FlinkRunner --flinkMaster=[local]  (default: DirectRunner, embedded Flink");
    out.println("      for inputs over " + (AuditCommand.LARGE_BATCH_BYTES >> 20) + " MiB)");
    out.println("  --runner=SparkRunner --sparkMaster=local[2]  (the Spark build: " + SPARK_BUILD + ")");
    out.println("  A runner's own options: --help=" + FLINK_OPTIONS + " or --help=" + DIRECT_OPTIONS);
    out.println("      (Spark build: --help=" + SPARK_OPTIONS + ")");
    out.println("  Beam's general options: --help=" + PipelineOptions.class.getName());
    out.println();
    out.println("Exit status: 0 no finding at or above --failOn, 1 findings at or above it, 2 a configuration or input error");
    out.println("  before the run (nothing written), 3 the run failed (the previous output is unchanged).");
  }

  private static List<Method> sortedGetters(Method[] methods) {
    List<Method> getters = new ArrayList<>();
    for (Method method : methods) {
      if (propertyName(method).isPresent()) {
        getters.add(method);
      }
    }
    getters.sort(Comparator.comparing(m -> propertyName(m).orElseThrow()));
    return getters;
  }

  /** The option a getter declares, named as Beam names it on the command line: {@code getAssetsRoot} is {@code assetsRoot}. */
  private static Optional<String> propertyName(Method method) {
    String name = method.getName();
    if (method.getParameterCount() != 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
      return Optional.empty();
    }
    if (name.startsWith("get") && name.length() > 3) {
      return Optional.of(Introspector.decapitalize(name.substring(3)));
    }
    if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
      return Optional.of(Introspector.decapitalize(name.substring(2)));
    }
    return Optional.empty();
  }

  /** The value of the getter's {@code @Default.String}, {@code @Default.Boolean} or other {@link Default} annotation. */
  private static Optional<String> defaultValue(Method getter) {
    for (Annotation annotation : getter.getAnnotations()) {
      if (annotation.annotationType().getEnclosingClass() == Default.class) {
        try {
          Object value = annotation.annotationType().getMethod("value").invoke(annotation);
          return Optional.of(value instanceof Class<?> type ? type.getSimpleName() : String.valueOf(value));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("@" + annotation.annotationType().getName() + " has no value()", e);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Checks that every argument is {@code --name} or {@code --name=value} with a name some registered
   * options interface declares, and that {@code --runner} names a runner on the class path.
   *
   * @throws ConfigurationException naming the argument (and the nearest known option) otherwise
   */
  static void checkArguments(String[] args) throws ConfigurationException {
    Set<String> known = new TreeSet<>();
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method getter : options.getMethods()) {
        propertyName(getter).ifPresent(known::add);
      }
    }
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigurationException("unexpected argument '" + arg + "': options are written --name=value (scripts/audit --help lists them)");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!known.contains(name)) {
        throw new ConfigurationException(UnknownOption.message("--" + name, known) + "; scripts/audit --help lists the options");
      }
      if (equals >= 0 && arg.substring(equals + 1).isBlank() && pathOption(name)) {
        throw new ConfigurationException(arg + ": is empty; name a " + (name.equals("policy") ? "file" : "folder") + " (an unset variable?)");
      }
      if (name.equals("runner") && equals >= 0) {
        checkRunner(arg.substring(equals + 1));
      }
    }
  }

  /** Whether the audit's option names a file or folder, where an empty value would silently mean the working folder. */
  private static boolean pathOption(String name) {
    for (Method getter : AuditOptions.class.getDeclaredMethods()) {
      if (getter.getReturnType() == String.class && propertyName(getter).filter(name::equals).isPresent()) {
        return !name.equals("asOf") && !name.equals("failOn");
      }
    }
    return false;
  }

  /**
   * Beam's parse of the checked arguments. Its errors name no option ("Cannot deserialize value of
   * type `java.lang.Integer` from String "abc"", "expected one element but was: <a, b>"), so on
   * failure each argument is parsed alone to find the one at fault, and a repeated option is named.
   *
   * @throws ConfigurationException naming the argument at fault
   */
  static AuditOptions parse(String[] args) throws ConfigurationException {
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(AuditOptions.class);
    } catch (IllegalArgumentException e) {
      Map<String, List<String>> byName = new LinkedHashMap<>();
      for (String arg : args) {
        try {
          PipelineOptionsFactory.fromArgs(arg).as(AuditOptions.class);
        } catch (IllegalArgumentException alone) {
          throw new ConfigurationException(arg + ": " + AuditCommand.describe(alone));
        }
        int equals = arg.indexOf('=');
        byName.computeIfAbsent(equals < 0 ? arg : arg.substring(0, equals), name -> new ArrayList<>()).add(arg);
      }
      for (Map.Entry<String, List<String>> option : byName.entrySet()) {
        if (option.getValue().size() > 1) {
          throw new ConfigurationException(option.getKey() + " is given more than once (" + String.join(" ", option.getValue()) + "); give it once");
        }
      }
      throw new ConfigurationException(AuditCommand.describe(e));
    }
  }

  private static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, AuditCommandLine.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Beam takes a registered runner's simple name in any case, with or without "Runner", or a class name.
   *
   * @throws ConfigurationException naming the runners this build has, when {@code runner} is none of them
   */
  private static void checkRunner(String runner) throws ConfigurationException {
    Set<String> available = new TreeSet<>();
    for (PipelineRunnerRegistrar registrar : ServiceLoader.load(PipelineRunnerRegistrar.class)) {
      for (Class<? extends PipelineRunner<?>> registered : registrar.getPipelineRunners()) {
        String name = registered.getSimpleName();
        boolean runnable = !name.equals(SPARK_STRUCTURED_STREAMING_RUNNER) || onClassPath("org.apache.spark.sql.SparkSession");
        if (name.equalsIgnoreCase(runner) || name.equalsIgnoreCase(runner + "Runner") || registered.getName().equals(runner)) {
          if (!runnable) {
            throw new ConfigurationException("--runner=" + runner + ": Beam's Spark Structured Streaming runner needs Spark SQL (spark-sql),"
                + " which the Spark build leaves out; use --runner=" + SPARK_RUNNER);
          }
          return;
        }
        if (runnable) {
          available.add(name);
        }
      }
    }
    try {
      if (PipelineRunner.class.isAssignableFrom(Class.forName(runner))) {
        return;
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // Not a class on the class path either: reported below.
    }
    throw new ConfigurationException(
        "--runner=" + runner + ": no such runner on the class path (this build has " + String.join(", ", available) + ")"
            + (available.contains(SPARK_RUNNER) ? "" : "; " + SPARK_RUNNER + " is in the Spark build: " + SPARK_BUILD));
  }
}
