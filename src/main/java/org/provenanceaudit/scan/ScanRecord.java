package org.provenanceaudit.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What the byte scan found in one file. {@code error} is null when the whole walk completed; when it
 * is set, the signals are those found before the walk had to stop. {@code c2paValidation} is the
 * verdict on the file's C2PA manifest store, null when it has none.
 */
public record ScanRecord(
    String path,
    String mediaType,
    boolean c2pa,
    boolean genai,
    List<Signal> signals,
    long bytesRead,
    String error,
    C2paValidation c2paValidation) {

  private static final JsonFactory JSON = new JsonFactory();

  public ScanRecord {
    signals = List.copyOf(signals);
  }

  /** A record of a file without a C2PA manifest store, or one whose store was not validated. */
  public ScanRecord(String path, String mediaType, boolean c2pa, boolean genai, List<Signal> signals, long bytesRead,
      String error) {
    this(path, mediaType, c2pa, genai, signals, bytesRead, error, null);
  }

  /** The same record under another path (the path as the caller spelled it). */
  public ScanRecord withPath(String newPath) {
    return new ScanRecord(newPath, mediaType, c2pa, genai, signals, bytesRead, error, c2paValidation);
  }

  /** One JSON line, keys in a fixed order. */
  public String toJson() {
    return toJson(null);
  }

  /** One JSON line with {@code asset_id} first when it is not null. */
  public String toJson(String assetId) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      if (assetId != null) {
        json.writeStringField("asset_id", assetId);
      }
      json.writeStringField("path", path);
      json.writeStringField("media_type", mediaType);
      json.writeBooleanField("c2pa", c2pa);
      json.writeBooleanField("genai", genai);
      json.writeArrayFieldStart("signals");
      for (Signal signal : signals) {
        json.writeStartObject();
        json.writeStringField("source", signal.source());
        json.writeStringField("kind", signal.kind());
        for (Map.Entry<String, String> value : signal.values().entrySet()) {
          json.writeStringField(value.getKey(), value.getValue());
        }
        json.writeBooleanField("genai", signal.genai());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (c2paValidation != null) {
        c2paValidation.write(json);
      }
      json.writeNumberField("bytes_read", bytesRead);
      json.writeStringField("error", error);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
