package org.provenanceaudit.io;

/**
 * What reading one source file came to: its format as the reader that read it names it ({@code
 * contract CSV}, {@code OTLP JSON}, ...), and its records read = accepted + rejected + skipped.
 * A record is a CSV row, a JSON line or an OpenTelemetry span; skipped records are spans that are
 * not GenAI spans.
 */
public record SourceFileTally(String file, String format, long read, long accepted, long rejected, long skipped) {}
