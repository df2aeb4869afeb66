package org.provenanceaudit.io;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.provenanceaudit.mapping.MappedFile;
import org.provenanceaudit.mapping.MappedFileReader;
import org.provenanceaudit.mapping.MappedInputs;

/**
 * Which reader reads each source file of an input: a file found as OpenTelemetry traces ({@code
 * --otlpTraces}, or {@code otlp-traces*} in {@code --input}) is a tool-event source read by
 * {@link OtlpTraceReader} with {@code otlpAttributes}; a file a mapping file claims is read through its
 * mapping by {@link MappedFileReader}; every other file is a contract file read by {@link
 * InputFileReader}. Travels with the pipeline to the worker that reads the files.
 *
 * @param otlpTraces the trace files, as the run names them
 * @param otlpAttributes which span and resource attributes give each tool-event field
 * @param mapped the exports the mapping file claims, by path as the run names them
 */
public record SourceFormats(List<String> otlpTraces, OtlpAttributes otlpAttributes, MappedInputs mapped)
    implements Serializable {

  /** Contract files only. */
  public static final SourceFormats CONTRACT = new SourceFormats(List.of(), OtlpAttributes.DEFAULTS, MappedInputs.NONE);

  public SourceFormats {
    otlpTraces = List.copyOf(otlpTraces);
  }

  /**
   * The reader of {@code file} as an input of {@code kind}.
   *
   * @throws IllegalArgumentException when a trace file's name says no OTLP encoding (the run's
   *     configuration checks names before it starts), or a contract file's no contract format
   */
  public SourceFileReader readerFor(InputKind kind, String file) {
    if (kind == InputKind.TOOL_EVENTS && otlpTraces.contains(file)) {
      OtlpTraceReader.Encoding encoding =
          OtlpTraceReader.encodingOf(file).orElseThrow(() -> new IllegalArgumentException("not an OTLP trace file name: " + file));
      return new OtlpTraceReader(file, encoding, otlpAttributes);
    }
    Optional<MappedFile> mapping = mapped.of(file);
    if (mapping.isPresent()) {
      return new MappedFileReader(mapping.get());
    }
    return new InputFileReader(kind, file);
  }
}
