package org.provenanceaudit.io;

import static org.provenanceaudit.model.Fields.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.provenanceaudit.io.OtlpSpans.AttributeKeys;
import org.provenanceaudit.io.OtlpSpans.Attributes;
import org.provenanceaudit.model.SourcePosition;

/**
 * Reads one file of OpenTelemetry traces into tool-event rows (CONTRACT.md section 2b): OTLP/JSON
 * as the Collector's file exporter writes it, one {@code ExportTraceServiceRequest} a line, or
 * OTLP protobuf, {@code TracesData} messages each prefixed with its varint length (the
 * OpenTelemetry file exporter specification). Each span carrying {@code gen_ai.operation.name}
 * becomes one row with the contract's field names, which the caller's {@link
 * InputFileReader.RowModel} then checks exactly as it checks a contract row; every other span is
 * counted in {@link #skipped}. So spans read = rows + rejected rows + skipped, per file.
 *
 * <p>A row's position is the file and the line of its request; in a protobuf file, the ordinal of
 * its {@code TracesData} message. A request line that does not parse, or is not UTF-8, is one
 * rejected row: its spans cannot be counted. A protobuf message that does not parse ends the file there (the
 * length prefixes after it cannot be trusted), as one rejected row.
 */
public final class OtlpTraceReader implements SourceFileReader {

  /** The two OTLP encodings, named as the reports name them. */
  public enum Encoding {
    JSON("OTLP JSON"),
    PROTOBUF("OTLP protobuf");

    private final String format;

    Encoding(String format) {
      this.format = format;
    }
  }

  private static final int BATCH_LINES = 64;
  /** A batch also ends at this many bytes: a Collector's request line may hold thousands of spans. */
  private static final int BATCH_BYTES = 256 << 10;
  private static final int BATCHES_IN_FLIGHT = 8;
  private static final JsonFormat.Printer SPAN_JSON = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final ObjectMapper MESSAGES = new ObjectMapper();
  private static final List<String> REQUIRED_ATTRIBUTE_FIELDS = List.of(PRODUCTION_ID, VENDOR_ID, TOOL_ID);
  private static final List<String> OPTIONAL_ATTRIBUTE_FIELDS = List.of(MODEL, USER_ID, INPUT_ASSET_IDS, OUTPUT_ASSET_IDS, DEPLOYMENT, DATA_RETENTION);
  private static final List<String> TEXT_OPERATIONS = List.of("chat", "text_completion", "generate_content");

  /** The attribute of a span event {@code gen_ai.content.prompt} that holds the prompt (older GenAI conventions). */
  private static final String EVENT_PROMPT = "gen_ai.prompt";

  private final String fileName;
  private final Encoding encoding;
  /** Every attribute a field, the operation or the prompt event is taken from, numbered. */
  private final AttributeKeys keys;
  private final int operationName;
  private final int outputType;
  private final int eventPrompt;
  private final FieldSource[] required;
  private final FieldSource[] optional;
  private final FieldSource promptSource;
  private long skipped;

  /** Where one tool-event field comes from: its attributes' names and slots, in the order they are tried. */
  private record FieldSource(String field, List<String> names, int[] slots) {
    FieldSource(String field, OtlpAttributes attributes, AttributeKeys keys) {
      this(field, attributes.names(field), attributes.names(field).stream().mapToInt(keys::slot).toArray());
    }
  }

  /** A reader of {@code fileName} in {@code encoding}, taking each field from {@code attributes}. */
  public OtlpTraceReader(String fileName, Encoding encoding, OtlpAttributes attributes) {
    this.fileName = fileName;
    this.encoding = encoding;
    List<String> looked = new ArrayList<>(List.of(OtlpAttributes.OPERATION_NAME, OtlpAttributes.OUTPUT_TYPE, EVENT_PROMPT));
    List<String> fields = new ArrayList<>(REQUIRED_ATTRIBUTE_FIELDS);
    fields.addAll(OPTIONAL_ATTRIBUTE_FIELDS);
    fields.add(PROMPT);
    fields.forEach(field -> looked.addAll(attributes.names(field)));
    keys = new AttributeKeys(looked);
    operationName = keys.slot(OtlpAttributes.OPERATION_NAME);
    outputType = keys.slot(OtlpAttributes.OUTPUT_TYPE);
    eventPrompt = keys.slot(EVENT_PROMPT);
    required = REQUIRED_ATTRIBUTE_FIELDS.stream().map(field -> new FieldSource(field, attributes, keys)).toArray(FieldSource[]::new);
    optional = OPTIONAL_ATTRIBUTE_FIELDS.stream().map(field -> new FieldSource(field, attributes, keys)).toArray(FieldSource[]::new);
    promptSource = new FieldSource(PROMPT, attributes, keys);
  }

  /**
   * The encoding a trace file's name says: {@code .json}, {@code .jsonl}, {@code .ndjson} are
   * OTLP/JSON, {@code .pb} and {@code .binpb} OTLP protobuf, each optionally {@code .gz} or
   * {@code .zst}; empty for any other name.
   */
  public static Optional<Encoding> encodingOf(String fileName) {
    String lower = InputFormat.withoutCompression(fileName.toLowerCase(Locale.ROOT));
    if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Optional.of(Encoding.JSON);
    }
    if (lower.endsWith(".pb") || lower.endsWith(".binpb")) {
      return Optional.of(Encoding.PROTOBUF);
    }
    return Optional.empty();
  }

  @Override
  public String format() {
    return encoding.format;
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public void read(InputStream in, InputFileReader.RowModel model, InputFileReader.Sink sink, ExecutorService workers) throws IOException {
    if (encoding == Encoding.PROTOBUF) {
      readProtobuf(in, model, sink);
    } else {
      readJson(in, model, sink, workers);
    }
  }

  /** What one batch of lines came to: rows and rejected rows in order, and the spans skipped. */
  private record Outcomes(List<Object> rows, long skipped) {}

  /**
   * Lines are cut here and decoded and parsed on the workers, a batch at a time; results reach the
   * sink in file order. This thread only inflates and cuts: whatever else it did would bound the
   * whole read, however many workers there are.
   */
  private void readJson(InputStream in, InputFileReader.RowModel model, InputFileReader.Sink sink, ExecutorService workers)
      throws IOException {
    RecordSplitter splitter = new RecordSplitter(in, InputFormat.JSON_LINES);
    ArrayDeque<Future<Outcomes>> inFlight = new ArrayDeque<>();
    List<RawLine> batch = new ArrayList<>();
    long batchBytes = 0;
    try {
      for (RecordSplitter.Record record = splitter.next(); record != null; record = splitter.next()) {
        RawLine line = new RawLine(Arrays.copyOf(record.bytes(), record.length()), record.firstLine(), record.oversized());
        batch.add(line);
        batchBytes += line.bytes().length;
        if (batch.size() == BATCH_LINES || batchBytes >= BATCH_BYTES) {
          List<RawLine> full = batch;
          inFlight.add(workers.submit(() -> parseLines(full, model)));
          batch = new ArrayList<>();
          batchBytes = 0;
        }
        while (inFlight.size() > BATCHES_IN_FLIGHT) {
          deliver(inFlight.poll(), sink);
        }
      }
    } catch (IOException broken) {
      finish(inFlight, batch, model, sink);
      throw broken;
    } catch (RuntimeException | Error e) {
      inFlight.forEach(future -> future.cancel(true));
      throw e;
    }
    finish(inFlight, batch, model, sink);
  }

  private void finish(ArrayDeque<Future<Outcomes>> inFlight, List<RawLine> batch, InputFileReader.RowModel model, InputFileReader.Sink sink) {
    while (!inFlight.isEmpty()) {
      deliver(inFlight.poll(), sink);
    }
    deliver(parseLines(batch, model), sink);
  }

  private void deliver(Future<Outcomes> parsed, InputFileReader.Sink sink) {
    deliver(InputFileReader.awaitBatch(parsed, fileName), sink);
  }

  private void deliver(Outcomes outcomes, InputFileReader.Sink sink) {
    skipped += outcomes.skipped();
    InputFileReader.deliver(outcomes.rows(), sink);
  }

  /** A request line's UTF-8 bytes, copied out of the splitter's buffer. */
  private record RawLine(byte[] bytes, long line, boolean oversized) {}

  /** One batch of request lines, on a worker: plain function of the lines, no state kept. */
  private Outcomes parseLines(List<RawLine> lines, InputFileReader.RowModel model) {
    List<Object> rows = new ArrayList<>();
    long skippedSpans = 0;
    for (RawLine line : lines) {
      SourcePosition position = new SourcePosition(fileName, line.line());
      byte[] bytes = line.bytes();
      if (line.oversized()) {
        rows.add(reject(position, new String(bytes, StandardCharsets.UTF_8), "request line longer than " + (RecordSplitter.MAX_RECORD_BYTES >> 20) + " MiB"));
        continue;
      }
      if (!WellFormedUtf8.check(bytes)) {
        rows.add(invalidUtf8(position, bytes));
        continue;
      }
      if (isBlank(bytes)) {
        continue;
      }
      List<OtlpSpans.Group> request;
      try {
        request = OtlpJsonSpans.request(bytes, keys);
      } catch (OtlpJson.MalformedRequestException e) {
        rows.add(reject(position, new String(bytes, StandardCharsets.UTF_8), "broken OTLP/JSON: not an ExportTraceServiceRequest: " + firstLine(e.getMessage())));
        continue;
      }
      skippedSpans += spans(request, position, model, rows);
    }
    return new Outcomes(rows, skippedSpans);
  }

  /**
   * A line that is not UTF-8 (RFC 3629: overlong forms, encoded surrogates and code points past
   * U+10FFFF are not) is rejected as the contract reader rejects such a record: the reason names
   * the first bad byte, counted from 1, and the raw text is the line's start with U+FFFD for bad
   * bytes. The check runs on the bytes without decoding them; only a bad line is decoded, to find
   * the byte.
   */
  private static RejectedRow invalidUtf8(SourcePosition position, byte[] line) {
    ByteBuffer bytes = ByteBuffer.wrap(line);
    StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(bytes, CharBuffer.allocate(line.length), true);
    String lenient = new String(line, 0, Math.min(line.length, RejectedRow.RAW_TEXT_LIMIT), StandardCharsets.UTF_8);
    return reject(position, lenient, "invalid UTF-8 at byte " + (bytes.position() + 1) + " of the request line");
  }

  /** Whether the line is only white space, as {@link String#isBlank} judges it; decoded only when it holds a non-ASCII byte before any other character. */
  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b < 0) {
        return new String(line, StandardCharsets.UTF_8).isBlank();
      }
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads each message's varint length and then exactly that many bytes: protobuf's own {@code
   * parseDelimitedFrom} stops quietly at the end of a cut file and reads the fragment as a shorter
   * message, which would lose the rest of the cut message's spans without a word.
   */
  private void readProtobuf(InputStream in, InputFileReader.RowModel model, InputFileReader.Sink sink) throws IOException {
    long message = 0;
    while (true) {
      int first = in.read();
      if (first < 0) {
        return;
      }
      message++;
      SourcePosition position = new SourcePosition(fileName, message);
      TracesData traces;
      try {
        int size = CodedInputStream.readRawVarint32(first, in);
        if (size < 0 || size > RecordSplitter.MAX_RECORD_BYTES) {
          throw new InvalidProtocolBufferException("a length of " + Integer.toUnsignedString(size) + " bytes");
        }
        byte[] bytes = in.readNBytes(size);
        if (bytes.length < size) {
          throw new InvalidProtocolBufferException("the file ends " + bytes.length + " bytes into its " + size + " bytes");
        }
        traces = TracesData.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        sink.rejected(
            reject(position, "", "broken OTLP protobuf: TracesData message " + message + " does not parse (" + firstLine(e.getMessage())
                + "); the rest of the file is not read"));
        return;
      }
      List<Object> rows = new ArrayList<>();
      deliver(new Outcomes(rows, spans(OtlpSpans.of(traces, keys), position, model, rows)), sink);
    }
  }

  /** Adds a row or rejected row for each GenAI span to {@code rows}; returns how many spans were not GenAI spans. */
  private long spans(List<OtlpSpans.Group> groups, SourcePosition position, InputFileReader.RowModel model, List<Object> rows) {
    long notGenAi = 0;
    for (OtlpSpans.Group group : groups) {
      for (OtlpSpans.SpanFields span : group.spans()) {
        if (span.attributes().get(operationName) == null) {
          notGenAi++;
          continue;
        }
        Supplier<String> rawText = () -> spanJson(span);
        try {
          OtlpSpanRow row = row(span, group.resource(), position, rawText);
          rows.add(new InputFileReader.ParsedRow(model.parse(row), model.id(row), position, rawText));
        } catch (InvalidRowException e) {
          String spanId = span.spanId();
          rows.add(reject(position, rawText.get(), "span " + (spanId == null ? "without a valid spanId" : spanId) + ": " + e.getMessage()));
        }
      }
    }
    return notGenAi;
  }

  /** A GenAI span's tool-event fields, by CONTRACT.md section 2b's table. */
  private OtlpSpanRow row(OtlpSpans.SpanFields span, Attributes resource, SourcePosition position, Supplier<String> rawText)
      throws InvalidRowException {
    if (span.spanId() == null) {
      throw new InvalidRowException("missing required value " + EVENT_ID + ": spanId is not 8 bytes (16 hex digits)");
    }
    Attributes own = span.attributes();
    OtlpSpanRow row = new OtlpSpanRow(position, rawText);
    row.put(EVENT_ID, span.spanId());
    for (FieldSource source : required) {
      Object value = value(source, own, resource);
      if (value == null) {
        throw new InvalidRowException(
            "missing required value " + source.field() + ": no " + String.join(" or ", source.names()) + " attribute on the span or its resource");
      }
      row.put(source.field(), value);
    }
    if (span.startTimeUnixNano() == 0) {
      throw new InvalidRowException("missing required value " + TIMESTAMP + ": the span has no startTimeUnixNano");
    }
    long nanos = span.startTimeUnixNano();
    row.put(TIMESTAMP, Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L)));
    row.put(OPERATION, operation(own, resource));
    for (FieldSource source : optional) {
      Object value = value(source, own, resource);
      if (value != null) {
        row.put(source.field(), value);
      }
    }
    String prompt = prompt(span, own, resource);
    if (prompt != null) {
      row.put(PROMPT, prompt);
    }
    return row;
  }

  /**
   * The contract operation: by {@code gen_ai.output.type} when it names one, else by {@code
   * gen_ai.operation.name}. An operation name the table does not list ({@code image_generation},
   * a vendor's own) is {@code other}: still GenAI use, so every rule still sees it.
   */
  private String operation(Attributes own, Attributes resource) throws InvalidRowException {
    String output = lower(text(OtlpAttributes.OUTPUT_TYPE, firstOf(outputType, own, resource)));
    if (output != null) {
      switch (output) {
        case "image":
          return "generate";
        case "speech":
          return "voice_synthesis";
        case "text", "json":
          return "text_generate";
        default:
          break;
      }
    }
    String name = lower(text(OtlpAttributes.OPERATION_NAME, own.get(operationName)));
    return name != null && TEXT_OPERATIONS.contains(name) ? "text_generate" : "other";
  }

  /** The field's value from the first of its attributes present, each looked up on the span, then on the resource. */
  private static Object value(FieldSource source, Attributes own, Attributes resource) throws InvalidRowException {
    int[] slots = source.slots();
    for (int i = 0; i < slots.length; i++) {
      Object value = firstOf(slots[i], own, resource);
      if (value != null && value != OtlpSpans.OtherValue.VALUE_NOT_SET) {
        if (value instanceof String string) {
          return string;
        }
        String name = source.names().get(i);
        return value instanceof List<?> array ? strings(name, array) : text(name, value);
      }
    }
    return null;
  }

  private static Object firstOf(int slot, Attributes own, Attributes resource) {
    Object value = own.get(slot);
    return value != null ? value : resource.get(slot);
  }

  /**
   * The prompt: the text parts of {@code gen_ai.input.messages} (a JSON string of messages, each
   * with {@code parts} of {@code type: text} holding {@code content}, or an older plain {@code
   * content}) or the value of the other prompt attributes, joined by newlines; failing those, the
   * {@code gen_ai.prompt} attribute of the span event {@code gen_ai.content.prompt}.
   */
  private String prompt(OtlpSpans.SpanFields span, Attributes own, Attributes resource) throws InvalidRowException {
    List<String> names = promptSource.names();
    int[] slots = promptSource.slots();
    for (int i = 0; i < slots.length; i++) {
      String value = text(names.get(i), firstOf(slots[i], own, resource));
      if (value != null) {
        return names.get(i).equals(OtlpAttributes.INPUT_MESSAGES) ? messageText(value) : value;
      }
    }
    for (OtlpSpans.Event event : span.events()) {
      if (event.name().equals(OtlpAttributes.PROMPT_EVENT)) {
        String value = text(EVENT_PROMPT, event.attributes().get(eventPrompt));
        if (value != null) {
          return value;
        }
      }
    }
    return null;
  }

  /**
   * The text parts of a GenAI messages array ({@code gen_ai.input.messages}, GenAI semantic
   * conventions 1.37), joined by newlines: per message its plain {@code content} string, then the
   * {@code content} of each part whose {@code type} is the string {@code text}; the value as given
   * when it is not such an array (anything after the array is ignored). Messages of the usual shape
   * are read as a stream; any other (a field given twice, {@code parts} as an object) go through
   * {@link #messageTextFromTree}, which defines the result. One difference is left: the tree
   * reading gives up on a string of over 20,000,000 characters (Jackson's limit) in a field the
   * stream passes over; no such string fits in a record ({@link RecordSplitter#MAX_RECORD_BYTES}).
   */
  static String messageText(String messages) {
    try (JsonParser parser = MESSAGES.getFactory().createParser(messages)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return messages;
      }
      List<String> texts = new ArrayList<>();
      if (streamedTextParts(parser, texts)) {
        return texts.size() == 1 ? texts.get(0) : String.join("\n", texts);
      }
    } catch (IOException e) {
      // The tree reading below decides what a malformed value gives.
    }
    return messageTextFromTree(messages);
  }

  /**
   * Adds the text parts of the messages array the parser stands on to {@code texts}; false, with
   * {@code texts} incomplete, when a message or part has a field given twice or {@code parts} that
   * is not an array or a scalar, which the tree reading handles.
   */
  private static boolean streamedTextParts(JsonParser parser, List<String> texts) throws IOException {
    return streamedObjects(parser, () -> streamedMessage(parser, texts));
  }

  /** Reads one object element of an array, the parser on its {@code START_OBJECT}; false hands the whole value to the tree reading. */
  @FunctionalInterface
  private interface StreamedObject {
    boolean read() throws IOException;
  }

  /** Reads each object element of the array the parser stands in with {@code element}, passing over any other element; false when an element gives false or the array is cut short. */
  private static boolean streamedObjects(JsonParser parser, StreamedObject element) throws IOException {
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token == null) {
        return false;
      }
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
      } else if (!element.read()) {
        return false;
      }
    }
    return true;
  }

  /** One message: its plain {@code content}, then the text of its parts, added to {@code texts}. */
  private static boolean streamedMessage(JsonParser parser, List<String> texts) throws IOException {
    String content = null;
    List<String> parts = List.of();
    boolean contentSeen = false;
    boolean partsSeen = false;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("content")) {
        if (contentSeen) {
          return false;
        }
        contentSeen = true;
        content = value == JsonToken.VALUE_STRING ? parser.getText() : null;
      } else if (name.equals("parts")) {
        if (partsSeen || value == JsonToken.START_OBJECT) {
          return false;
        }
        partsSeen = true;
        if (value == JsonToken.START_ARRAY) {
          List<String> partTexts = new ArrayList<>();
          if (!streamedObjects(parser, () -> streamedPart(parser, partTexts))) {
            return false;
          }
          parts = partTexts;
          continue;
        }
      }
      parser.skipChildren();
    }
    if (token != JsonToken.END_OBJECT) {
      return false;
    }
    if (content != null) {
      texts.add(content);
    }
    texts.addAll(parts);
    return true;
  }

  /** One part: its {@code content} added to {@code texts} when its {@code type} is the string {@code text}. */
  private static boolean streamedPart(JsonParser parser, List<String> texts) throws IOException {
    String type = null;
    String content = null;
    boolean typeSeen = false;
    boolean contentSeen = false;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("type")) {
        if (typeSeen) {
          return false;
        }
        typeSeen = true;
        type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
      } else if (name.equals("content")) {
        if (contentSeen) {
          return false;
        }
        contentSeen = true;
        content = value == JsonToken.VALUE_STRING ? parser.getText() : null;
      }
      parser.skipChildren();
    }
    if (token != JsonToken.END_OBJECT) {
      return false;
    }
    if ("text".equals(type) && content != null) {
      texts.add(content);
    }
    return true;
  }

  /** {@link #messageText} from the value read whole as a tree: the reading that defines the result for every shape. */
  static String messageTextFromTree(String messages) {
    JsonNode array;
    try {
      array = MESSAGES.readTree(messages);
    } catch (JsonProcessingException e) {
      return messages;
    }
    if (array == null || !array.isArray()) {
      return messages;
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode message : array) {
      if (message.path("content").isTextual()) {
        texts.add(message.path("content").textValue());
      }
      for (JsonNode part : message.path("parts")) {
        if ("text".equals(part.path("type").asText()) && part.path("content").isTextual()) {
          texts.add(part.path("content").textValue());
        }
      }
    }
    return String.join("\n", texts);
  }

  /** A single attribute value as text; null when absent. Arrays and maps name the attribute in the rejection. */
  private static String text(String name, Object value) throws InvalidRowException {
    if (value == null || value == OtlpSpans.OtherValue.VALUE_NOT_SET) {
      return null;
    }
    if (value instanceof String string) {
      return string;
    }
    if (value instanceof Long || value instanceof Boolean || value instanceof Double) {
      return value.toString();
    }
    String kind = value instanceof List<?> ? "array_value" : ((OtlpSpans.OtherValue) value).name().toLowerCase(Locale.ROOT);
    throw new InvalidRowException("attribute " + name + " must be a single value, not " + kind);
  }

  private static List<String> strings(String name, List<?> array) throws InvalidRowException {
    List<String> values = new ArrayList<>(array.size());
    for (Object element : array) {
      String value = text(name, element);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  private static String lower(String value) {
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }

  /** The span as JSON for the rejected report, its ids left out but for the span id, in hex. */
  private static String spanJson(OtlpSpans.SpanFields span) {
    Span message = span.message().get();
    if (message == null) {
      return "";
    }
    try {
      String json = SPAN_JSON.print(message.toBuilder().clearTraceId().clearSpanId().clearParentSpanId().build());
      String id = span.spanId() == null ? "" : "\"spanId\":\"" + span.spanId() + "\"" + (json.length() > 2 ? "," : "");
      return "{" + id + json.substring(1);
    } catch (InvalidProtocolBufferException e) {
      return "";
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }

  private static RejectedRow reject(SourcePosition position, String rawText, String reason) {
    return new RejectedRow(InputKind.TOOL_EVENTS.contractName(), position.file(), position.line(), rawText, reason);
  }
}
