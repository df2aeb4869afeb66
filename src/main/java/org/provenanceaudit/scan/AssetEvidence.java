package org.provenanceaudit.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.provenanceaudit.model.AssetScan;

/**
 * Turns a file's {@link ScanRecord} into what the rules need of it ({@link AssetScan}): the type
 * the bytes show, whether any signal says GenAI, and that signal in words a person can check
 * against the file with {@code scripts/scan}.
 */
public final class AssetEvidence {

  /** Values that say where or how, not what: left out of the sentence. */
  private static final Set<String> NOT_EVIDENCE = Set.of("excerpt", "validation", "manifest", "length", "value");

  private AssetEvidence() {}

  public static AssetScan of(String assetId, String productionId, ScanRecord record) {
    String signal =
        record.signals().stream().filter(Signal::genai).findFirst().map(AssetEvidence::describe).orElse(null);
    return new AssetScan(assetId, productionId, record.mediaType(), record.genai(), signal, null, record.toJson(assetId));
  }

  /** An asset whose file could not be opened, for the reason given. */
  public static AssetScan unreadable(String assetId, String productionId, String path, String reason) {
    ScanRecord record = new ScanRecord(path, null, false, false, List.of(), 0, reason);
    return new AssetScan(assetId, productionId, null, false, null, reason, record.toJson(assetId));
  }

  /** "a C2PA action (action c2pa.created, digital_source_type trainedAlgorithmicMedia, …; signature not verified)". */
  static String describe(Signal signal) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> value : signal.values().entrySet()) {
      if (!NOT_EVIDENCE.contains(value.getKey())) {
        parts.add(value.getKey() + " " + value.getValue());
      }
    }
    String where = switch (signal.source()) {
      case "c2pa" -> "a C2PA " + signal.kind().replace('_', ' ');
      case "xmp" -> "XMP " + signal.kind().replace('_', ' ');
      case "exif" -> "EXIF " + signal.kind().replace('_', ' ');
      case "png-text" -> "a PNG text " + signal.kind().replace('_', ' ');
      default -> signal.source() + " " + signal.kind().replace('_', ' ');
    };
    String unverified = "unverified".equals(signal.values().get("validation")) ? "; signature not verified" : "";
    return where + " (" + String.join(", ", parts) + unverified + ")";
  }
}
