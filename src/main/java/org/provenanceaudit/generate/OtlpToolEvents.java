package org.provenanceaudit.generate;

import static org.provenanceaudit.model.Fields.*;

import java.io.IOException;
import java.io.Writer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tool events written as an instrumented GenAI gateway's traces reach the OpenTelemetry
 * Collector's file exporter: OTLP/JSON, one {@code ExportTraceServiceRequest} a line (CONTRACT.md
 * section 2b, read back by the audit's OTLP trace reader). Like the SDK's batch span processor, a
 * request holds up to {@value #BATCH_SPANS} spans, one {@code resourceSpans} per resource (that
 * is, per production and vendor) in the order each resource first came. The resource carries {@code service.name}, {@code telemetry.sdk.*}, {@code production.id} and
 * {@code vendor.id}; the span {@code gen_ai.operation.name}, {@code gen_ai.output.type}, {@code
 * gen_ai.provider.name} (the tool id), {@code gen_ai.request.model}, {@code user.id}, {@code
 * gen_ai.input.messages} (the prompt as one user message with one text part), {@code
 * asset.input_ids}/{@code asset.output_ids} and, when the event overrides the registry, {@code
 * deployment}/{@code data_retention}.
 *
 * <p>Written by hand rather than with protobuf's {@code JsonFormat}: OTLP/JSON writes trace and
 * span ids as hex where proto3 JSON writes base64 (OTLP specification, "JSON Protobuf Encoding").
 * The event id {@code E-00000042} becomes span id {@code 000000000000002a}, so a duplicated event
 * is a duplicated span. A planted bad timestamp is written as the {@code startTimeUnixNano} text,
 * which makes its request line unreadable, so that span gets a request of its own (rejected whole,
 * like a broken JSON line); an empty required field leaves its attribute out, which the reader
 * rejects naming it.
 */
final class OtlpToolEvents implements RowEncoder {

  /** The file the Collector's file exporter would write, gzipped like every generated tool log. */
  static final String FILE_NAME = "otlp-traces.jsonl.gz";

  /** Spans a request holds at most: the SDK batch span processor's default export batch size. */
  static final int BATCH_SPANS = 512;

  private static final List<String> SPAN_OPERATIONS = List.of("generate", "voice_synthesis", "text_generate", "other");
  private static final String SCOPE = "\"scopeSpans\":[{\"scope\":{\"name\":\"opentelemetry.instrumentation.genai\",\"version\":\"0.1b0\"},\"spans\":[";

  private final List<InputTable.Field> fields = InputTable.TOOL_EVENTS.fields();
  private final int eventId = index(EVENT_ID);
  private final int timestamp = index(TIMESTAMP);
  private final int productionId = index(PRODUCTION_ID);
  private final int vendorId = index(VENDOR_ID);
  private final int toolId = index(TOOL_ID);
  private final int operation = index(OPERATION);
  private final int userId = index(USER_ID);
  private final int model = index(MODEL);
  private final int inputAssets = index(INPUT_ASSET_IDS);
  private final int outputAssets = index(OUTPUT_ASSET_IDS);
  private final int prompt = index(PROMPT);
  private final int deployment = index(DEPLOYMENT);
  private final int dataRetention = index(DATA_RETENTION);

  /**
   * Whether a span can carry this contract operation (an index into {@link Vocabulary#OPERATIONS}):
   * only {@code generate}, {@code voice_synthesis}, {@code text_generate} and {@code other} map
   * back from {@code gen_ai.output.type} and {@code gen_ai.operation.name}; events with any other
   * operation stay contract rows.
   */
  static boolean carries(int operationIndex) {
    return SPAN_OPERATIONS.contains(Vocabulary.OPERATIONS.get(operationIndex));
  }

  @Override
  public void header(Writer out) {
    // One request a line; nothing comes before the first.
  }

  /** The spans of the request being gathered, by their resource's attributes, in first-come order. */
  private final Map<String, StringBuilder> batch = new LinkedHashMap<>();
  private int batched;

  @Override
  public void row(Writer out, String[] values) throws IOException {
    String time = value(values, timestamp);
    if (!time.isEmpty() && nanos(time) == null) {
      endBatch(out);
      out.write(text(values));
      out.write('\n');
      return;
    }
    StringBuilder spans = batch.computeIfAbsent(resource(values), resource -> new StringBuilder(BATCH_SPANS * 64));
    if (spans.length() > 0) {
      spans.append(',');
    }
    span(spans, values);
    if (++batched == BATCH_SPANS) {
      endBatch(out);
    }
  }

  @Override
  public void endBatch(Writer out) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    out.write("{\"resourceSpans\":[");
    boolean first = true;
    for (Map.Entry<String, StringBuilder> resource : batch.entrySet()) {
      out.write(first ? "{" : ",{");
      out.write(resource.getKey());
      out.write(SCOPE);
      out.append(resource.getValue());
      out.write("]}]}");
      first = false;
    }
    out.write("]}\n");
    batch.clear();
    batched = 0;
  }

  @Override
  public String text(String[] values) {
    StringBuilder out = new StringBuilder(1024);
    out.append("{\"resourceSpans\":[{").append(resource(values)).append(SCOPE);
    span(out, values);
    return out.append("]}]}]}").toString();
  }

  /** {@code "resource":{...},} of the event's sender. */
  private String resource(String[] values) {
    StringBuilder out = new StringBuilder(384);
    out.append("\"resource\":{\"attributes\":[");
    attribute(out, "service.name", "genai-gateway");
    out.append(',');
    attribute(out, "telemetry.sdk.name", "opentelemetry");
    out.append(',');
    attribute(out, "telemetry.sdk.language", "python");
    out.append(',');
    attribute(out, "telemetry.sdk.version", "1.38.0");
    optional(out, "production.id", value(values, productionId));
    optional(out, "vendor.id", value(values, vendorId));
    return out.append("]},").toString();
  }

  /** One span object. */
  private void span(StringBuilder out, String[] values) {
    out.append('{');
    String span = spanId(value(values, eventId));
    out.append("\"traceId\":\"").append(span).append(span).append("\",\"spanId\":\"").append(span).append("\",\"name\":");
    String op = value(values, operation).trim().toLowerCase(Locale.ROOT);
    String[] spanOperation = spanOperation(op);
    RowEncoder.JsonLines.appendString(out, spanOperation[1] + " " + value(values, toolId));
    out.append(",\"kind\":3");
    String time = value(values, timestamp);
    if (!time.isEmpty()) {
      out.append(",\"startTimeUnixNano\":");
      String nanos = nanos(time);
      RowEncoder.JsonLines.appendString(out, nanos == null ? time : nanos);
    }
    out.append(",\"attributes\":[");
    attribute(out, "gen_ai.operation.name", spanOperation[1]);
    if (spanOperation[0] != null) {
      out.append(',');
      attribute(out, "gen_ai.output.type", spanOperation[0]);
    }
    optional(out, "gen_ai.provider.name", value(values, toolId));
    optional(out, "gen_ai.request.model", value(values, model));
    optional(out, "user.id", value(values, userId));
    ids(out, "asset.input_ids", value(values, inputAssets));
    ids(out, "asset.output_ids", value(values, outputAssets));
    optional(out, "deployment", value(values, deployment));
    optional(out, "data_retention", value(values, dataRetention));
    String promptText = value(values, prompt);
    if (!promptText.isEmpty()) {
      StringBuilder messages = new StringBuilder(promptText.length() + 64);
      messages.append("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":");
      RowEncoder.JsonLines.appendString(messages, promptText);
      messages.append("}]}]");
      optional(out, "gen_ai.input.messages", messages.toString());
    }
    out.append("],\"status\":{}}");
  }

  /** {@code gen_ai.output.type} (or null) and {@code gen_ai.operation.name} that the reader maps back to {@code op}. */
  private static String[] spanOperation(String op) {
    return switch (op) {
      case "generate" -> new String[] {"image", "generate_content"};
      case "voice_synthesis" -> new String[] {"speech", "generate_content"};
      case "text_generate" -> new String[] {"text", "chat"};
      case "other" -> new String[] {null, "execute_tool"};
      default -> new String[] {null, op};
    };
  }

  /** The contract time as nanoseconds since the epoch; null for text that is no time (a planted defect). */
  private static String nanos(String time) {
    try {
      Instant instant = time.length() == 10 ? LocalDate.parse(time).atStartOfDay(ZoneOffset.UTC).toInstant() : OffsetDateTime.parse(time).toInstant();
      return Long.toString(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** 16 hex digits from the event id's number; an id without one keeps its hash, so it stays the same span id wherever it appears. */
  private static String spanId(String eventId) {
    String digits = eventId.startsWith("E-") ? eventId.substring(2) : "";
    long number = !digits.isEmpty() && digits.length() <= 15 && digits.chars().allMatch(Character::isDigit) ? Long.parseLong(digits) : eventId.hashCode() & 0xFFFFFFFFL;
    return String.format("%016x", number);
  }

  private static void ids(StringBuilder out, String key, String joined) {
    if (joined.isEmpty()) {
      return;
    }
    out.append(",{\"key\":\"").append(key).append("\",\"value\":{\"arrayValue\":{\"values\":[");
    boolean first = true;
    for (String id : joined.split(";")) {
      if (id.isBlank()) {
        continue;
      }
      out.append(first ? "" : ",").append("{\"stringValue\":");
      RowEncoder.JsonLines.appendString(out, id.trim());
      out.append('}');
      first = false;
    }
    out.append("]}}}");
  }

  private static void optional(StringBuilder out, String key, String value) {
    if (!value.isEmpty()) {
      out.append(',');
      attribute(out, key, value);
    }
  }

  private static void attribute(StringBuilder out, String key, String value) {
    out.append("{\"key\":\"").append(key).append("\",\"value\":{\"stringValue\":");
    RowEncoder.JsonLines.appendString(out, value);
    out.append("}}");
  }

  private static String value(String[] values, int index) {
    return index < values.length && values[index] != null ? values[index] : "";
  }

  private int index(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("tool events have no field " + name);
  }
}
