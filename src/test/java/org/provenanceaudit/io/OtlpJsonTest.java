package org.provenanceaudit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/JSON decoder against the specification's encoding: hex ids, 64-bit integers as strings,
 * enums as numbers or names, unknown fields ignored; and against protobuf's own JSON printer
 * (proto3 JSON: base64 ids), which must decode to the same message.
 */
class OtlpJsonTest {

  private static final OtlpSpans.AttributeKeys KEYS = new OtlpSpans.AttributeKeys(List.of("gen_ai.operation.name", "production.id"));

  private static final String COLLECTOR_LINE =
      "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"production.id\",\"value\":{\"stringValue\":\"P-1\"}}]},"
          + "\"scopeSpans\":[{\"scope\":{\"name\":\"gw\",\"version\":\"1\"},\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
          + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"chat m\",\"kind\":\"SPAN_KIND_CLIENT\",\"startTimeUnixNano\":\"1772442000000000000\","
          + "\"attributes\":[{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"412\"}},{\"key\":\"ok\",\"value\":{\"boolValue\":true}},"
          + "{\"key\":\"ids\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"A-1\"},{\"stringValue\":\"A-2\"}]}}}],"
          + "\"events\":[{\"name\":\"gen_ai.content.prompt\",\"timeUnixNano\":1772442000000000001,\"attributes\":[]}],"
          + "\"status\":{\"code\":2,\"message\":\"boom\"},\"droppedLinksCount\":0,\"futureField\":{\"a\":[1,2]}}]}]}]}";

  @Test
  void decodesTheCollectorsEncoding() throws Exception {
    ExportTraceServiceRequest request = OtlpJson.request(COLLECTOR_LINE);
    ResourceSpans resource = request.getResourceSpans(0);
    assertEquals("P-1", resource.getResource().getAttributes(0).getValue().getStringValue());
    ScopeSpans scope = resource.getScopeSpans(0);
    assertEquals("gw", scope.getScope().getName());
    Span span = scope.getSpans(0);
    assertEquals("eee19b7ec3c1b174", HexFormat.of().formatHex(span.getSpanId().toByteArray()));
    assertEquals(16, span.getTraceId().size());
    assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, span.getKind());
    assertEquals(1772442000000000000L, span.getStartTimeUnixNano());
    assertEquals(412, span.getAttributes(0).getValue().getIntValue());
    assertTrue(span.getAttributes(1).getValue().getBoolValue());
    assertEquals("A-2", span.getAttributes(2).getValue().getArrayValue().getValues(1).getStringValue());
    assertEquals(1772442000000000001L, span.getEvents(0).getTimeUnixNano());
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.getStatus().getCode());
  }

  @Test
  void decodesWhatProtobufsOwnJsonPrinterWrites() throws Exception {
    Span span =
        Span.newBuilder()
            .setSpanId(com.google.protobuf.ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708")))
            .setName("generate_content img")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(-1L)
            .addAttributes(KeyValue.newBuilder().setKey("d").setValue(AnyValue.newBuilder().setDoubleValue(0.5)))
            .build();
    ExportTraceServiceRequest written =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
            .build();
    assertEquals(written, OtlpJson.request(JsonFormat.printer().omittingInsignificantWhitespace().print(written)));
    assertEquals(written, OtlpJson.request(JsonFormat.printer().preservingProtoFieldNames().print(written)));
  }

  @Test
  void aKnownFieldOfTheWrongTypeOrACutLineIsMalformed() {
    OtlpJson.MalformedRequestException wrongType =
        assertThrows(OtlpJson.MalformedRequestException.class, () -> OtlpJson.request("{\"resourceSpans\":{\"resource\":{}}}"));
    assertEquals("resourceSpans must be an array (column 18)", wrongType.getMessage());
    OtlpJson.MalformedRequestException badTime =
        assertThrows(
            OtlpJson.MalformedRequestException.class,
            () -> OtlpJson.request("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"yesterday\"}]}]}]}"));
    assertEquals("startTimeUnixNano is not an integer: yesterday", badTime.getMessage());
    assertThrows(OtlpJson.MalformedRequestException.class, () -> OtlpJson.request(COLLECTOR_LINE.substring(0, COLLECTOR_LINE.length() / 2)));
    assertThrows(OtlpJson.MalformedRequestException.class, () -> OtlpJson.request(COLLECTOR_LINE + "{}"));
  }

  /** What a decoder made of a line: each span's id and its message, or the problem's wording. */
  private static List<String> outcome(ExportTraceServiceRequest request) {
    List<String> spans = new ArrayList<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          spans.add(HexFormat.of().formatHex(span.getSpanId().toByteArray()) + " " + span);
        }
      }
    }
    return spans;
  }

  /** What the streaming decoder gave for a line: each span's id and its message, in order. */
  private static List<String> streamed(byte[] line) throws OtlpJson.MalformedRequestException {
    List<String> spans = new ArrayList<>();
    for (OtlpSpans.Group group : OtlpJsonSpans.request(line, KEYS)) {
      for (OtlpSpans.SpanFields span : group.spans()) {
        // The start time, read in Jackson's buffer, is the one the message decoder reads.
        assertEquals(span.message().get().getStartTimeUnixNano(), span.startTimeUnixNano(), "startTimeUnixNano");
        spans.add(span.spanId() + " " + span.message().get());
      }
    }
    return spans;
  }

  @Test
  void theStreamingDecoderOverBytesAcceptsAndRefusesWhatTheMessageDecoderDoesInTheSameWords() {
    String nonAscii = "{\"note\":\"Storyboard – 🎬 東京\",\"resourceSpans\":{}}";
    List<String> lines =
        List.of(
            COLLECTOR_LINE,
            COLLECTOR_LINE.replace("\"chat m\"", "\"chat – 🎬\"").replace("\"P-1\"", "\"P–1 東京\""),
            "{}",
            "[]",
            nonAscii,
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"– 🎬\",\"startTimeUnixNano\":\"yesterday\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"– 🎬\",\"spanId\":\"–\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"– 🎬\",\"attributes\":{}}]}]}]}",
            "{\"note\":\"– 🎬\",\"resourceSpans\":[1,2}",
            "{\"note\":\"– 🎬\",\"resourceSpans\":[",
            "{\"note\":\"– 🎬\"} x",
            // Strings no field is taken from are passed over, not made into Strings: a bad escape or
            // a raw control character in them is still refused, in the same words.
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"scope\":{\"name\":\"g\\q\"},\"spans\":[]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"chat\u0001\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"note\",\"value\":{\"stringValue\":\"x\\u12\"}}]}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"note\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":\"x\"}]}}}]}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5B8EFFF798038103D269B633813FC60\",\"spanId\":\"EEE19B7EC3C1B174\"}]}]}]}",
            // Strings passed over at every level, odd start times, ids checked in Jackson's buffer.
            "{\"resourceSpans\":[{\"schemaUrl\":\"\\x\",\"scopeSpans\":[]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"scope\":{\"version\":\"v\u001f\"},\"spans\":[]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceState\":\"\\ud800\\u00\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"status\":{\"message\":\"a\\\"b\\q\"}}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"n\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"\\u00zz\"}}]}}}]}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"AAAAAAAAAAAAAAA1\",\"startTimeUnixNano\":\"+5\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"startTimeUnixNano\":\"\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"startTimeUnixNano\":\"-1\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"startTimeUnixNano\":\"18446744073709551616\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"startTimeUnixNano\":\"-9223372036854775808\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"startTimeUnixNano\":\"\uff11\uff12\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"\\u0061aaaaaaaaaaaaaa1\",\"traceId\":\"5b8efff798038103d269b633813fc60g\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"traceId\":\"5b8efff798038103d269b633813fc6\uff10\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"traceId\":\"5b8efff798038103d269b633813fc6\u0661\u0661\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aaaaaaaaaaaaaaa1\",\"attributes\":[{\"key\":\"note\",\"value\":{\"stringValue\":\"x\"},\"key\":\"production.id\"},{\"value\":{\"stringValue\":\"\\q\"}}]}]}]}]}",
            COLLECTOR_LINE.replace("\"chat m\"", "\"chat – 🎬\"").substring(0, COLLECTOR_LINE.length() / 2),
            COLLECTOR_LINE + "{}");
    for (String line : lines) {
      String expected;
      try {
        expected = "accepted " + outcome(OtlpJson.request(line));
      } catch (OtlpJson.MalformedRequestException e) {
        expected = "refused: " + e.getMessage();
      }
      String actual;
      try {
        actual = "accepted " + streamed(line.getBytes(StandardCharsets.UTF_8));
      } catch (OtlpJson.MalformedRequestException e) {
        actual = "refused: " + e.getMessage();
      }
      assertEquals(expected, actual, line);
    }

    OtlpJson.MalformedRequestException inCharacters =
        assertThrows(OtlpJson.MalformedRequestException.class, () -> streamed(nonAscii.getBytes(StandardCharsets.UTF_8)));
    assertEquals("resourceSpans must be an array (column " + (nonAscii.indexOf(":{}") + 2) + ")", inCharacters.getMessage(), "columns count characters, not bytes");
  }
}
