package org.provenanceaudit.io;

import org.provenanceaudit.mapping.MappedInputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.DataRetention;
import org.provenanceaudit.model.Operation;
import org.provenanceaudit.model.ToolEvent;

/** OTLP/JSON and OTLP protobuf trace files read as tool events: mapping, rejections, skipped spans and counts. */
class OtlpTraceReaderTest {

  private static final String RESOURCE =
      "{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"genai-gateway\"}},"
          + "{\"key\":\"production.id\",\"value\":{\"stringValue\":\"P-1\"}},{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-VFX\"}}]}";

  /** One request line: a GenAI image span, a chat span with messages, a non-GenAI span, a GenAI span without a provider. */
  private static final String REQUEST =
      "{\"resourceSpans\":[{\"resource\":" + RESOURCE + ",\"scopeSpans\":[{\"scope\":{\"name\":\"gateway\"},\"spans\":["
          + "{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"EEE19B7EC3C1B174\",\"name\":\"generate_content img\",\"kind\":3,"
          + "\"startTimeUnixNano\":\"1772442000000000000\",\"endTimeUnixNano\":\"1772442001000000000\",\"attributes\":["
          + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"generate_content\"}},"
          + "{\"key\":\"gen_ai.output.type\",\"value\":{\"stringValue\":\"image\"}},"
          + "{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"imagegen-free\"}},"
          + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"img-2\"}},"
          + "{\"key\":\"data_retention\",\"value\":{\"stringValue\":\"training\"}},"
          + "{\"key\":\"asset.output_ids\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"A-1\"},{\"stringValue\":\"A-2\"}]}}}]},"
          + "{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"00f067aa0ba902b7\",\"name\":\"chat\","
          + "\"startTimeUnixNano\":1772445600000000000,\"attributes\":["
          + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
          + "{\"key\":\"gen_ai.system\",\"value\":{\"stringValue\":\"llm-chat-ent\"}},"
          + "{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-ART\"}},"
          + "{\"key\":\"gen_ai.input.messages\",\"value\":{\"stringValue\":"
          + "\"[{\\\"role\\\":\\\"user\\\",\\\"parts\\\":[{\\\"type\\\":\\\"text\\\",\\\"content\\\":\\\"Draft a call sheet\\\"},"
          + "{\\\"type\\\":\\\"blob\\\",\\\"content\\\":\\\"x\\\"},{\\\"type\\\":\\\"text\\\",\\\"content\\\":\\\"for day 3\\\"}]}]\"}}]},"
          + "{\"spanId\":\"1111111111111111\",\"name\":\"GET /health\",\"startTimeUnixNano\":\"1772445600000000000\"},"
          + "{\"spanId\":\"2222222222222222\",\"name\":\"chat\",\"startTimeUnixNano\":\"1772445600000000000\",\"attributes\":["
          + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}}]}"
          + "]}]}]}";

  private static final class Read {
    final List<ToolEvent> events = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();
    InputReader<ToolEvent> reader;
  }

  private static Read read(Map<String, byte[]> files) throws MissingColumnException {
    Read read = new Read();
    read.reader =
        new InputReader<>(
            InputKind.TOOL_EVENTS, ToolEvent.class, file -> new ByteArrayInputStream(files.get(file)),
            new SourceFormats(List.copyOf(files.keySet()), OtlpAttributes.DEFAULTS, MappedInputs.NONE));
    read.reader.readAll(files.keySet().stream().sorted().toList(), read.events::add, read.rejected::add);
    assertEquals(read.reader.read(), read.reader.accepted() + read.reader.rejected() + read.reader.skipped(), "read = accepted + rejected + skipped");
    return read;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void otlpJsonSpansBecomeToolEventsByTheContractTable() throws Exception {
    Read read = read(Map.of("otlp-traces.jsonl", utf8(REQUEST + "\n")));

    assertEquals(2, read.events.size());
    ToolEvent image = read.events.get(0);
    assertEquals("eee19b7ec3c1b174", image.eventId());
    assertEquals(Instant.parse("2026-03-02T09:00:00Z"), image.timestamp());
    assertEquals("P-1", image.productionId());
    assertEquals("V-VFX", image.vendorId());
    assertEquals("imagegen-free", image.toolId());
    assertEquals(Operation.GENERATE, image.operation());
    assertEquals("img-2", image.model());
    assertEquals(List.of("A-1", "A-2"), image.outputAssetIds());
    assertEquals(DataRetention.TRAINING, image.dataRetention());

    ToolEvent chat = read.events.get(1);
    assertEquals("00f067aa0ba902b7", chat.eventId());
    assertEquals("V-ART", chat.vendorId(), "the span's attribute wins over the resource's");
    assertEquals("llm-chat-ent", chat.toolId(), "gen_ai.system when gen_ai.provider.name is absent");
    assertEquals(Operation.TEXT_GENERATE, chat.operation());
    assertEquals("Draft a call sheet\nfor day 3", chat.prompt());

    RejectedRow noTool = read.rejected.get(0);
    assertEquals(1, read.rejected.size());
    assertEquals("otlp-traces.jsonl", noTool.file());
    assertEquals(1, noTool.line());
    assertTrue(noTool.reason().startsWith("span 2222222222222222: missing required value tool_id"), noTool.reason());
    assertTrue(noTool.reason().contains("gen_ai.provider.name or gen_ai.system"), noTool.reason());
    assertTrue(noTool.rawText().contains("\"spanId\":\"2222222222222222\""), noTool.rawText());

    assertEquals(1, read.reader.skipped(), "the /health span is not a GenAI span");
    assertEquals(List.of(new SourceFileTally("otlp-traces.jsonl", "OTLP JSON", 4, 2, 1, 1)), read.reader.sources());
  }

  @Test
  void eachMissingRequiredAttributeIsNamedWithTheSpanAndItsRequestLine() throws Exception {
    String span = "{\"spanId\":\"%s\",\"startTimeUnixNano\":\"%s\",\"attributes\":[{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}}%s]}";
    String provider = ",{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"llm-chat-ent\"}}";
    String production = ",{\"key\":\"production.id\",\"value\":{\"stringValue\":\"P-1\"}}";
    String vendor = ",{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-1\"}}";
    String lines =
        line(span.formatted("aaaaaaaaaaaaaaa1", "1772445600000000000", provider + vendor)) + "\n"
            + line(span.formatted("aaaaaaaaaaaaaaa2", "1772445600000000000", provider + production)) + "\n"
            + line(span.formatted("aaaaaaaaaaaaaaa3", "0", provider + production + vendor)) + "\n"
            + "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + span.formatted("aaaaaaaaaaaaaaa4", "1772445600000000000", provider + production + vendor) + "\n"
            + line(span.formatted("aaaaaaaaaaaaaaa5", "1772445600000000000", provider + production + vendor)
                + "," + span.formatted("aaaaaaaaaaaaaaa5", "1772445600000000001", provider + production + vendor)) + "\n";
    Read read = read(Map.of("traces.json", utf8(lines)));

    List<String> reasons = read.rejected.stream().map(r -> r.line() + " " + r.reason()).toList();
    assertEquals(5, reasons.size(), reasons::toString);
    assertTrue(reasons.get(0).startsWith("1 span aaaaaaaaaaaaaaa1: missing required value production_id: no production.id attribute"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("2 span aaaaaaaaaaaaaaa2: missing required value vendor_id: no vendor.id attribute"), reasons.get(1));
    assertTrue(reasons.get(2).startsWith("3 span aaaaaaaaaaaaaaa3: missing required value timestamp: the span has no startTimeUnixNano"), reasons.get(2));
    assertTrue(reasons.get(3).startsWith("4 broken OTLP/JSON"), reasons.get(3));
    assertTrue(reasons.get(4).startsWith("5 duplicate id event_id=aaaaaaaaaaaaaaa5 (first at traces.json:5)"), reasons.get(4));
    assertEquals(List.of("aaaaaaaaaaaaaaa5"), read.events.stream().map(ToolEvent::eventId).toList());
    assertEquals(new SourceFileTally("traces.json", "OTLP JSON", 6, 1, 5, 0), read.reader.sources().get(0));
  }

  private static final String GOOD_SPAN =
      "{\"spanId\":\"%s\",\"startTimeUnixNano\":\"1772445600000000000\",\"attributes\":["
          + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
          + "{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"llm-chat-ent\"}},"
          + "{\"key\":\"production.id\",\"value\":{\"stringValue\":\"%s\"}},"
          + "{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-1\"}},"
          + "{\"key\":\"gen_ai.prompt\",\"value\":{\"stringValue\":\"%s\"}}]}";

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void aRequestLineThatIsNotUtf8IsRejectedNamingItsFirstBadByteAsTheContractReaderDoes() throws Exception {
    String text = line(GOOD_SPAN.formatted("aaaaaaaaaaaaaaa2", "P-1", "x"));
    int promptAt = text.indexOf("\"x\"}") + 1;
    byte[] before = utf8(text.substring(0, promptAt));
    byte[] after = utf8(text.substring(promptAt));
    byte[] latin1 = concat(before, new byte[] {(byte) 0xE9}, after);
    byte[] overlong = concat(before, new byte[] {(byte) 0xC0, (byte) 0xAF}, after);
    byte[] surrogate = concat(before, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, after);
    byte[] file =
        concat(utf8(line(GOOD_SPAN.formatted("aaaaaaaaaaaaaaa1", "P-1", "x")) + "\n"), latin1, utf8("\n"), overlong, utf8("\n"), surrogate,
            utf8("\n" + line(GOOD_SPAN.formatted("aaaaaaaaaaaaaaa3", "P-1", "x")) + "\n"));
    String reason = "invalid UTF-8 at byte " + (promptAt + 1) + " of the request line";
    Read read = read(Map.of("otlp-traces.jsonl", file));

    assertEquals(List.of("aaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaa3"), read.events.stream().map(ToolEvent::eventId).toList());
    assertEquals(
        List.of(
            "otlp-traces.jsonl:2 " + reason, "otlp-traces.jsonl:3 " + reason, "otlp-traces.jsonl:4 " + reason),
        read.rejected.stream().map(r -> r.file() + ":" + r.line() + " " + r.reason()).toList(),
        "bad bytes in the prompt's text; an overlong form and an encoded surrogate are not UTF-8 either, though Jackson would read them");
    assertEquals(new String(latin1, StandardCharsets.UTF_8), read.rejected.get(0).rawText(), "the line with U+FFFD for the bad byte");
    assertTrue(read.rejected.get(0).rawText().contains("\uFFFD"));
    assertEquals(new SourceFileTally("otlp-traces.jsonl", "OTLP JSON", 5, 2, 3, 0), read.reader.sources().get(0));

    List<RejectedRow> contract = new ArrayList<>();
    new InputReader<>(InputKind.TOOL_EVENTS, ToolEvent.class, name -> new ByteArrayInputStream(concat(latin1, utf8("\n"))), SourceFormats.CONTRACT)
        .readAll(List.of("tool-events.jsonl"), event -> {}, contract::add);
    assertEquals(List.of("invalid UTF-8 at byte " + (promptAt + 1) + " of the record"), contract.stream().map(RejectedRow::reason).toList(),
        "the contract reader names the same byte of the same line");
  }

  @Test
  void nonAsciiTextInIdsAndPromptsIsReadAsWrittenAndARejectedSpanShowsItUnchanged() throws Exception {
    String production = "P-Noël–2 🎬";
    String prompt = "Storyboard – shot 4 🎬: “dawn”, 東京";
    String first = GOOD_SPAN.formatted("bbbbbbbbbbbbbbb1", production, prompt);
    String again = GOOD_SPAN.formatted("bbbbbbbbbbbbbbb1", production, prompt + " ✂");
    Read read = read(Map.of("otlp-traces.jsonl", utf8(line(first + "," + again) + "\n")));

    assertEquals(1, read.events.size());
    assertEquals(production, read.events.get(0).productionId());
    assertEquals(prompt, read.events.get(0).prompt());
    assertEquals(1, read.rejected.size());
    RejectedRow duplicate = read.rejected.get(0);
    assertTrue(duplicate.reason().startsWith("duplicate id event_id=bbbbbbbbbbbbbbb1"), duplicate.reason());
    assertEquals(
        "{\"spanId\":\"bbbbbbbbbbbbbbb1\",\"startTimeUnixNano\":\"1772445600000000000\",\"attributes\":["
            + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
            + "{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"llm-chat-ent\"}},"
            + "{\"key\":\"production.id\",\"value\":{\"stringValue\":\"P-Noël–2 🎬\"}},"
            + "{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-1\"}},"
            + "{\"key\":\"gen_ai.prompt\",\"value\":{\"stringValue\":\"Storyboard – shot 4 🎬: “dawn”, 東京 ✂\"}}]}",
        duplicate.rawText(),
        "the second span's own text, characters as written");
  }

  @Test
  void anAttributeCountsWhateverTheOrderOfItsKeyAndValueAndAnIgnoredAttributeIsStillChecked() throws Exception {
    String span =
        "{\"spanId\":\"%s\",\"startTimeUnixNano\":\"1772445600000000000\",\"attributes\":["
            + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
            + "{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"llm-chat-ent\"}},"
            + "{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-1\"}},%s]}";
    String lines =
        line(span.formatted("ccccccccccccccc1", "{\"value\":{\"stringValue\":\"P-7\"},\"key\":\"production.id\"}")) + "\n"
            + line(span.formatted("ccccccccccccccc2", "{\"key\":\"note\",\"value\":{\"stringValue\":\"P-8\"},\"key\":\"production.id\"}")) + "\n"
            + line(span.formatted("ccccccccccccccc3", "{\"key\":\"production.id\",\"value\":{\"stringValue\":\"P-9\"}},"
                + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"many\"}}")) + "\n";
    Read read = read(Map.of("otlp-traces.jsonl", utf8(lines)));

    assertEquals(List.of("ccccccccccccccc1 P-7", "ccccccccccccccc2 P-8"), read.events.stream().map(e -> e.eventId() + " " + e.productionId()).toList(),
        "the value before its key, and the last of two keys, as the protocol's own decoder reads them");
    assertEquals(1, read.rejected.size());
    assertEquals(3, read.rejected.get(0).line());
    assertTrue(read.rejected.get(0).reason().endsWith("intValue is not an integer: many"), read.rejected.get(0).reason());
  }

  @Test
  void promptsFromGenAiMessagesAreTheTextPartsInOrderWhateverTheMessagesShape() {
    Map<String, String> prompts = new java.util.LinkedHashMap<>();
    prompts.put("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"},{\"type\":\"blob\",\"content\":\"x\"},{\"type\":\"text\",\"content\":\"b\"}]}]", "a\nb");
    prompts.put("[{\"parts\":[{\"content\":\"b\",\"type\":\"text\"}],\"content\":\"a\"},{\"role\":\"system\",\"content\":\"c\"}]", "a\nb\nc");
    prompts.put("[{\"parts\":{\"first\":{\"type\":\"text\",\"content\":\"a\"},\"second\":{\"type\":\"text\",\"content\":\"b\"}}}]", "a\nb");
    prompts.put("[{\"content\":\"a\",\"content\":\"b\"}]", "b");
    prompts.put("[{\"parts\":[{\"type\":\"text\",\"type\":\"image\",\"content\":\"a\"}]}]", "");
    prompts.put("[{\"parts\":[{\"type\":5,\"content\":\"a\"},{\"type\":\"text\",\"content\":7},\"text\",[1]]},3,null,\"x\"]", "");
    prompts.put("[{\"parts\":[{\"type\":\"text\",\"content\":\"a\",\"meta\":{\"k\":[1,{\"content\":\"no\"}]}}]}] trailing", "a");
    prompts.put("[{\"parts\":[{\"type\":\"text\",\"content\":\"a\"}]", "[{\"parts\":[{\"type\":\"text\",\"content\":\"a\"}]");
    prompts.put("Draw a storyboard", "Draw a storyboard");
    prompts.put("{\"content\":\"a\"}", "{\"content\":\"a\"}");
    prompts.put("", "");
    // Shapes the stream reading must hand to the tree reading, or read as the tree reads them.
    prompts.put("[[{\"content\":\"a\"}],{\"parts\":[[{\"type\":\"text\",\"content\":\"b\"}],null,{\"type\":\"text\",\"content\":\"c\"}]}]", "c");
    prompts.put("[{\"content\":\"a\",\"parts\":null,\"parts\":[{\"type\":\"text\",\"content\":\"b\"}]}]", "a\nb");
    prompts.put("[{\"parts\":[{\"type\":\"te\\u0078t\",\"con\\u0074ent\":\"a\"}]}]", "a");
    prompts.put("[{\"content\":\"a\"}]]", "a");
    prompts.put("[{\"content\":\"a\"},]", "[{\"content\":\"a\"},]");
    prompts.put("[{\"content\":\"a\",\"x\":\"\\q\"}]", "[{\"content\":\"a\",\"x\":\"\\q\"}]");
    prompts.put("[{\"content\":\"a\",\"x\":" + "[".repeat(1100) + "]".repeat(1100) + "}]", "[{\"content\":\"a\",\"x\":" + "[".repeat(1100) + "]".repeat(1100) + "}]");
    prompts.put("[{\"content\":\"a\",\"x\":" + "9".repeat(1001) + "}]", "[{\"content\":\"a\",\"x\":" + "9".repeat(1001) + "}]");
    prompts.put("null", "null");
    prompts.put("\"[{\\\"content\\\":\\\"a\\\"}]\"", "\"[{\\\"content\\\":\\\"a\\\"}]\"");
    prompts.forEach((messages, prompt) -> {
      assertEquals(prompt, OtlpTraceReader.messageText(messages), messages);
      assertEquals(OtlpTraceReader.messageTextFromTree(messages), OtlpTraceReader.messageText(messages), "read as a stream as the tree reads it: " + messages);
    });
  }

  @Test
  void aSpanTakesItsResourceWhereverTheResourceIsWrittenAndALineThatBreaksLateGivesNoSpan() throws Exception {
    String span =
        "{\"spanId\":\"%s\",\"startTimeUnixNano\":\"1772445600000000000\",\"attributes\":["
            + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
            + "{\"key\":\"gen_ai.provider.name\",\"value\":{\"stringValue\":\"llm-chat-ent\"}}]}";
    String resource = "\"resource\":{\"attributes\":[{\"key\":\"production.id\",\"value\":{\"stringValue\":\"%s\"}},"
        + "{\"key\":\"vendor.id\",\"value\":{\"stringValue\":\"V-1\"}}]}";
    String scope = "\"scopeSpans\":[{\"spans\":[" + span + "," + span + "]}]";
    String lines =
        "{\"resourceSpans\":[{" + scope.formatted("ddddddddddddddd1", "ddddddddddddddd2") + "," + resource.formatted("P-after") + "}]}\n"
            + "{\"resourceSpans\":[{" + resource.formatted("P-first") + "," + scope.formatted("ddddddddddddddd3", "ddddddddddddddd4") + ","
            + resource.formatted("P-again") + "}]}\n"
            + "{\"resourceSpans\":[{" + resource.formatted("P-1") + "," + scope.formatted("ddddddddddddddd5", "ddddddddddddddd6") + "}],\"x\":}\n";
    Read read = read(Map.of("otlp-traces.jsonl", utf8(lines)));

    assertEquals(
        List.of("ddddddddddddddd1 P-after", "ddddddddddddddd2 P-after", "ddddddddddddddd3 P-again", "ddddddddddddddd4 P-again"),
        read.events.stream().map(e -> e.eventId() + " " + e.productionId()).toList(),
        "a resource written after its spans, or twice (the last counts, as in the protocol's decoder)");
    assertEquals(1, read.rejected.size());
    assertEquals(3, read.rejected.get(0).line());
    assertTrue(read.rejected.get(0).reason().startsWith("broken OTLP/JSON"), read.rejected.get(0).reason());
    assertEquals(List.of(new SourceFileTally("otlp-traces.jsonl", "OTLP JSON", 5, 4, 1, 0)), read.reader.sources(),
        "the spans read before the third line broke are not counted: the line is one rejected row");
  }

  private static String line(String spans) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
  }

  /** The request above, as TracesData messages written length-delimited. */
  private static byte[] delimited(TracesData... messages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TracesData message : messages) {
      message.writeDelimitedTo(out);
    }
    return out.toByteArray();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static TracesData traces(String spanIdHex, String operation, KeyValue... attributes) {
    Span.Builder span =
        Span.newBuilder().setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanIdHex))).setName("span").setStartTimeUnixNano(1772442000123000000L);
    if (operation != null) {
      span.addAttributes(attribute("gen_ai.operation.name", operation));
    }
    span.addAllAttributes(List.of(attributes));
    return TracesData.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("production.id", "P-2")).addAttributes(attribute("vendor.id", "V-2")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static byte[] compressed(byte[] bytes, boolean zstd) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream compressing = zstd ? new ZstdOutputStream(out) : new GZIPOutputStream(out)) {
      compressing.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void otlpProtobufDelimitedTracesDataCompressedOrNot() throws Exception {
    byte[] pb =
        delimited(
            traces("0102030405060708", "embeddings", attribute("gen_ai.provider.name", "llm-chat-ent"),
                KeyValue.newBuilder().setKey("asset.input_ids").setValue(AnyValue.newBuilder().setArrayValue(
                    ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("A-9")))).build()),
            traces("0a0b0c0d0e0f1011", null),
            traces("1112131415161718", "chat"));
    Read read = read(Map.of("otlp-traces.pb", pb, "otlp-traces-2.binpb.gz", compressed(pb, false), "otlp-traces-3.pb.zst", compressed(pb, true)));

    for (SourceFileTally source : read.reader.sources()) {
      assertEquals("OTLP protobuf", source.format());
      assertEquals(3, source.read(), source.toString());
      assertEquals(1, source.skipped(), source.toString());
    }
    ToolEvent event = read.events.get(0);
    assertEquals("0102030405060708", event.eventId());
    assertEquals(Instant.parse("2026-03-02T09:00:00.123Z"), event.timestamp());
    assertEquals(Operation.OTHER, event.operation());
    assertEquals(List.of("A-9"), event.inputAssetIds());
    assertEquals("P-2", event.productionId());
    RejectedRow noTool = read.rejected.stream().filter(r -> r.file().equals("otlp-traces-2.binpb.gz") && r.line() == 3).findFirst().orElseThrow();
    assertTrue(noTool.reason().startsWith("span 1112131415161718: missing required value tool_id"), noTool.reason());
    assertEquals(1, read.reader.accepted(), "the span ids repeat in the later files");
    assertEquals(5, read.reader.rejected(), "three spans without a tool, two duplicates");
  }

  @Test
  void aBrokenProtobufMessageIsOneRejectedRowAndEndsTheFile() throws Exception {
    byte[] good = delimited(traces("0102030405060708", "chat", attribute("gen_ai.provider.name", "llm-chat-ent")));
    byte[] broken = new byte[good.length + 3];
    System.arraycopy(good, 0, broken, 0, good.length);
    broken[good.length] = 0x7f;
    broken[good.length + 1] = 0x0a;
    Read read = read(Map.of("otlp-traces.pb", broken));
    assertEquals(1, read.events.size(), () -> read.rejected.toString());
    assertEquals(1, read.rejected.size());
    assertEquals(2, read.rejected.get(0).line());
    assertTrue(read.rejected.get(0).reason().startsWith("broken OTLP protobuf: TracesData message 2"), read.rejected.get(0).reason());
  }

  @Test
  void overridesRenameTheAttributeAFieldComesFrom() throws Exception {
    OtlpAttributes renamed = OtlpAttributes.DEFAULTS.withOverrides(Map.of("production_id", "studio.show_code"));
    assertEquals(List.of("studio.show_code"), renamed.names("production_id"));
    assertEquals(List.of("gen_ai.provider.name", "gen_ai.system"), renamed.names("tool_id"));
    IllegalArgumentException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> OtlpAttributes.DEFAULTS.withOverrides(Map.of("event_id", "x")));
    assertTrue(unknown.getMessage().startsWith("event_id is not a tool-event field"), unknown.getMessage());
  }
}
