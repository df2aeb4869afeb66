package org.provenanceaudit.io;

import org.provenanceaudit.mapping.MappedInputs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.ToolEvent;

/**
 * Spans made by the OpenTelemetry SDK itself, as an instrumented gateway makes them, marshalled by
 * the SDK's own OTLP exporter code to protobuf and to OTLP/JSON: the reader gives the same tool
 * events from both, with the SDK's span ids.
 */
class OtlpSdkSpansTest {

  private static List<SpanData> gatewaySpans() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Resource resource =
        Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "genai-gateway",
            AttributeKey.stringKey("production.id"), "P-SERIES",
            AttributeKey.stringKey("vendor.id"), "V-VFX-NORTH")));
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().setResource(resource).addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      Tracer tracer = provider.get("gateway");
      Span image =
          tracer.spanBuilder("generate_content imagegen").setStartTimestamp(Instant.parse("2026-03-02T10:00:00Z"))
              .setAttribute("gen_ai.operation.name", "generate_content")
              .setAttribute("gen_ai.output.type", "image")
              .setAttribute("gen_ai.provider.name", "imagegen-free")
              .setAttribute(AttributeKey.stringArrayKey("asset.output_ids"), List.of("A-S-102"))
              .setAttribute("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"harbour at night\"}]}]")
              .startSpan();
      image.end(Instant.parse("2026-03-02T10:00:05Z"));
      Span health = tracer.spanBuilder("GET /health").setStartTimestamp(Instant.parse("2026-03-02T10:00:01Z")).startSpan();
      health.end();
      Span speech =
          tracer.spanBuilder("chat voicegen").setStartTimestamp(Instant.parse("2026-03-03T11:00:00Z"))
              .setAttribute("gen_ai.operation.name", "chat")
              .setAttribute("gen_ai.output.type", "speech")
              .setAttribute("gen_ai.system", "voicegen-pro")
              .setAttribute("vendor.id", "V-SOUND-EAST")
              .startSpan();
      speech.addEvent("gen_ai.content.prompt", Attributes.of(AttributeKey.stringKey("gen_ai.prompt"), "Say the line softly"));
      speech.end();
      provider.forceFlush().join(5, TimeUnit.SECONDS);
      // Closing the provider shuts the exporter down, which empties it.
      return exporter.getFinishedSpanItems();
    }
  }

  private static List<ToolEvent> read(String name, byte[] bytes, InputReader<ToolEvent>[] reader) throws MissingColumnException {
    List<ToolEvent> events = new ArrayList<>();
    List<RejectedRow> rejected = new ArrayList<>();
    reader[0] =
        new InputReader<>(
            InputKind.TOOL_EVENTS, ToolEvent.class, file -> new ByteArrayInputStream(bytes), new SourceFormats(List.of(name), OtlpAttributes.DEFAULTS, MappedInputs.NONE));
    reader[0].readAll(List.of(name), events::add, rejected::add);
    assertEquals(List.of(), rejected);
    return events;
  }

  @Test
  @SuppressWarnings("unchecked")
  void sdkSpansReadTheSameFromProtobufAndOtlpJson() throws Exception {
    List<SpanData> spans = gatewaySpans();
    TraceRequestMarshaler request = TraceRequestMarshaler.create(spans);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    request.writeBinaryTo(message);
    ByteArrayOutputStream delimited = new ByteArrayOutputStream();
    CodedOutputStream prefix = CodedOutputStream.newInstance(delimited);
    prefix.writeUInt32NoTag(message.size());
    prefix.flush();
    message.writeTo(delimited);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeJsonTo(json);
    json.write('\n');

    InputReader<ToolEvent>[] protobufReader = new InputReader[1];
    InputReader<ToolEvent>[] jsonReader = new InputReader[1];
    List<ToolEvent> fromProtobuf = read("otlp-traces.pb", delimited.toByteArray(), protobufReader);
    List<ToolEvent> fromJson = read("otlp-traces.json", json.toByteArray(), jsonReader);

    Map<String, SpanData> byName = new java.util.HashMap<>();
    spans.forEach(span -> byName.put(span.getName(), span));
    assertEquals(2, fromProtobuf.size());
    ToolEvent image = fromProtobuf.stream().filter(e -> e.toolId().equals("imagegen-free")).findFirst().orElseThrow();
    assertEquals(byName.get("generate_content imagegen").getSpanId(), image.eventId());
    assertEquals(Instant.parse("2026-03-02T10:00:00Z"), image.timestamp());
    assertEquals(Operation.GENERATE, image.operation());
    assertEquals("P-SERIES", image.productionId());
    assertEquals(List.of("A-S-102"), image.outputAssetIds());
    assertEquals("harbour at night", image.prompt());
    ToolEvent speech = fromProtobuf.stream().filter(e -> e.toolId().equals("voicegen-pro")).findFirst().orElseThrow();
    assertEquals(Operation.VOICE_SYNTHESIS, speech.operation());
    assertEquals("V-SOUND-EAST", speech.vendorId());
    assertEquals("Say the line softly", speech.prompt());

    assertEquals(
        fromProtobuf.stream().map(OtlpSdkSpansTest::withoutPosition).toList(),
        fromJson.stream().map(OtlpSdkSpansTest::withoutPosition).toList());
    assertEquals(new SourceFileTally("otlp-traces.pb", "OTLP protobuf", 3, 2, 0, 1), protobufReader[0].sources().get(0));
    assertEquals(new SourceFileTally("otlp-traces.json", "OTLP JSON", 3, 2, 0, 1), jsonReader[0].sources().get(0));
  }

  private static String withoutPosition(ToolEvent event) {
    return event.toString().replace(event.source().toString(), "");
  }
}
