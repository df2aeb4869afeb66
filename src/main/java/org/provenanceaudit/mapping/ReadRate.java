package org.provenanceaudit.mapping;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.provenanceaudit.io.InputKind;
import org.provenanceaudit.io.InputReader;
import org.provenanceaudit.io.MissingColumnException;
import org.provenanceaudit.io.OtlpAttributes;
import org.provenanceaudit.io.SourceFormats;
import org.provenanceaudit.model.ToolEvent;

/**
 * The read rate of one input file, for scripts/bench-mapped and scripts/bench-formats: reads the
 * file through the audit's reader (parsing, contract checks, duplicates; no pipeline) several times
 * and prints the best pass as {@code rows accepted rejected seconds rows_per_second}. A mapped file
 * is named with the mapping that reads it; an OpenTelemetry trace file with {@code otlp} in its
 * place (its spans read = accepted + rejected + skipped).
 *
 * <p>Usage: {@code ReadRate INPUT FILE [MAPPING|otlp|-] [PASSES]}, INPUT being the contract name
 * ({@code assets}, {@code tool-events}); or {@code ReadRate --as-contract TRACES OUT}, which reads
 * the OpenTelemetry trace file TRACES and writes each tool event it accepts to OUT (gzip) as a
 * contract JSON Lines row, so that the same events can be timed in both formats.
 */
public final class ReadRate {

  private ReadRate() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--as-contract")) {
      asContract(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]));
      return;
    }
    InputKind kind = InputKind.valueOf(args[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    Path file = Path.of(args[1]).toAbsolutePath();
    MappedInputs mapped = MappedInputs.NONE;
    List<String> otlpTraces = List.of();
    if (args.length > 2 && args[2].equals("otlp")) {
      otlpTraces = List.of(file.toString());
    } else if (args.length > 2 && !args[2].equals("-")) {
      Path mapping = Path.of(args[2]).toAbsolutePath();
      mapped = MappedInputs.resolve(MappingLoader.load(mapping), mapping.getParent(), Path::toString);
    }
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    double best = Double.MAX_VALUE;
    InputReader<Object> last = null;
    for (int pass = 0; pass < passes; pass++) {
      InputReader<Object> reader = new InputReader<>(kind, Object.class, name -> Files.newInputStream(Path.of(name)),
          new SourceFormats(otlpTraces, OtlpAttributes.DEFAULTS, mapped));
      long start = System.nanoTime();
      read(reader, file);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
      last = reader;
    }
    System.out.printf("%d %d %d %.3f %.0f%n", last.read(), last.accepted(), last.rejected(), best, last.read() / best);
  }

  /**
   * Writes the tool events of the trace file {@code traces} that the audit accepts to {@code out}
   * (gzip-compressed contract JSON Lines, one row an event, in the file's order, with the
   * contract's field names and spellings, timestamps as ISO-8601 UTC).
   *
   * @throws IOException when the trace file cannot be read or {@code out} written
   */
  private static void asContract(Path traces, Path out) throws IOException, MissingColumnException {
    InputReader<ToolEvent> reader = new InputReader<>(InputKind.TOOL_EVENTS, ToolEvent.class,
        name -> Files.newInputStream(Path.of(name)), new SourceFormats(List.of(traces.toString()), OtlpAttributes.DEFAULTS, MappedInputs.NONE));
    List<ToolEvent> events = new ArrayList<>();
    reader.readAll(List.of(traces.toString()), events::add, rejected -> {});
    JsonFactory json = new JsonFactory();
    try (OutputStream file = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16);
        JsonGenerator row = json.createGenerator(file, JsonEncoding.UTF8)) {
      row.setRootValueSeparator(null);
      for (ToolEvent e : events) {
        row.writeStartObject();
        row.writeStringField("event_id", e.eventId());
        row.writeStringField("timestamp", e.timestamp().toString());
        row.writeStringField("production_id", e.productionId());
        row.writeStringField("vendor_id", e.vendorId());
        row.writeStringField("tool_id", e.toolId());
        row.writeStringField("operation", e.operation().wireName());
        optional(row, "user_id", e.userId());
        optional(row, "model", e.model());
        ids(row, "input_asset_ids", e.inputAssetIds());
        ids(row, "output_asset_ids", e.outputAssetIds());
        optional(row, "prompt", e.prompt());
        optional(row, "deployment", e.deployment() == null ? null : e.deployment().wireName());
        optional(row, "data_retention", e.dataRetention() == null ? null : e.dataRetention().wireName());
        row.writeEndObject();
        row.writeRaw('\n');
      }
    }
  }

  private static void optional(JsonGenerator row, String field, String value) throws IOException {
    if (value != null) {
      row.writeStringField(field, value);
    }
  }

  private static void ids(JsonGenerator row, String field, List<String> ids) throws IOException {
    if (!ids.isEmpty()) {
      row.writeArrayFieldStart(field);
      for (String id : ids) {
        row.writeString(id);
      }
      row.writeEndArray();
    }
  }

  private static void read(InputReader<Object> reader, Path file) throws MissingColumnException {
    reader.readAll(List.of(file.toString()), row -> {}, rejected -> {});
  }
}
