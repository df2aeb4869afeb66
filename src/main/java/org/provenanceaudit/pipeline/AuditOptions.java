package org.provenanceaudit.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The audit's command line; {@code scripts/audit --help} lists it, from these descriptions and defaults. */
public interface AuditOptions extends PipelineOptions {

  @Description(
      "Folder holding the inputs, found by file name: assets*, tool-events*, disclosures*, consents*, productions*"
          + " (.csv, .jsonl or .ndjson, optionally .gz), otlp-traces* (OpenTelemetry GenAI spans: .json, .jsonl, .ndjson, .pb"
          + " or .binpb, optionally .gz or .zst) and policy.yaml. With no input options at all, sample-data/ is audited. A local"
          + " folder, or an object-store prefix such as s3://bucket/exports (with --awsRegion and the other AWS options).")
  String getInput();

  void setInput(String value);

  @Description("Asset inventory files (a glob); overrides what --input found.")
  String getAssets();

  void setAssets(String value);

  @Description("Tool event log files (a glob); overrides what --input found.")
  String getToolEvents();

  void setToolEvents(String value);

  @Description(
      "OpenTelemetry trace files (a glob) whose GenAI spans are tool events: OTLP/JSON as the Collector's file exporter writes it"
          + " (.json, .jsonl, .ndjson) or OTLP protobuf (.pb, .binpb), optionally .gz or .zst; overrides the otlp-traces* files"
          + " --input found.")
  String getOtlpTraces();

  void setOtlpTraces(String value);

  @Description("Disclosure files (a glob); overrides what --input found.")
  String getDisclosures();

  void setDisclosures(String value);

  @Description("Talent consent files (a glob); overrides what --input found.")
  String getConsents();

  void setConsents(String value);

  @Description("Production files (a glob, optional); overrides what --input found.")
  String getProductions();

  void setProductions(String value);

  @Description(
      "Mapping YAML (docs/mapping.md): reads other CSV or JSON Lines exports as inputs, by file glob relative to the mapping"
          + " file's folder; overrides mapping.yaml in --input.")
  String getMapping();

  void setMapping(String value);

  @Description("Policy YAML (tool registry and rule settings); overrides policy.yaml in --input. Default: the built-in policy.")
  String getPolicy();

  void setPolicy(String value);

  @Description(
      "Output folder; written whole or not at all. An existing folder is replaced only when it is empty or a previous audit's"
          + " output; it may not be, hold or lie inside --input, an input file's folder, --assetsRoot or --baseline. An s3://"
          + " prefix is copied in after the run, _SUCCESS last (README, Object stores).")
  @Default.String("audit-out")
  String getOutput();

  void setOutput(String value);

  @Description(
      "The audit date (YYYY-MM-DD), stamped on the reports and used as first_seen of new findings."
          + " Without it the reports carry no date, so reruns are byte-identical.")
  String getAsOf();

  void setAsOf(String value);

  @Description(
      "How an input of several files is read: on (side by side, one worker per file, the duplicate ids between files settled"
          + " after), off (one reader, the files one after the other in path order) or auto: on when the job runs on a Flink"
          + " cluster, off in this JVM, where one reader's parsing threads already use every core. The reports are the same.")
  @Default.String("auto")
  String getParallelReading();

  void setParallelReading(String value);

  @Description("Show prompts in full in the reports instead of a redacted 60-character excerpt.")
  @Default.Boolean(false)
  boolean getIncludePrompts();

  void setIncludePrompts(boolean value);

  @Description("Folder the assets' file_path values are relative to; when set, each asset file is scanned for provenance signals.")
  String getAssetsRoot();

  void setAssetsRoot(String value);

  @Description("PEM bundle of trust anchors: a C2PA signer is trusted only when its certificate chain ends at one of them."
      + " None ship with the tool; without this option every signer is untrusted.")
  String getTrustAnchors();

  void setTrustAnchors(String value);

  @Description("PEM bundle of C2PA signing certificates trusted as they are, whatever their chain.")
  String getTrustedSigners();

  void setTrustedSigners(String value);

  @Description(
      "A previous audit's output folder (local, or an s3:// prefix holding _SUCCESS): findings are marked new or persisting, and"
          + " resolved.jsonl lists those gone.")
  String getBaseline();

  void setBaseline(String value);

  @Description("Exit with status 1 when a finding at or above this severity exists: critical, high, medium, low or none.")
  @Default.String("critical")
  String getFailOn();

  void setFailOn(String value);

  @Description("No progress lines on standard error.")
  @Default.Boolean(false)
  boolean getQuiet();

  void setQuiet(boolean value);
}
