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
    C2paValidation validation = record.c2paValidation();
    String signal = record.signals().stream().filter(Signal::genai).findFirst()
        .map(s -> describe(s, validation)).orElse(null);
    return new AssetScan(assetId, productionId, record.mediaType(), record.genai(), signal, null, record.toJson(assetId),
        tampering(record.path(), validation));
  }

  /**
   * "the C2PA manifest of a.jpg fails claimSignature.mismatch; it carries failed ingredients (…);
   * signed by CN=…; signature invalid; content unchanged since signing; signer in the trust list",
   * or null when the manifest was not altered after signing (or there is none).
   */
  static String tampering(String path, C2paValidation validation) {
    if (validation == null || !validation.tampered()) {
      return null;
    }
    StringBuilder out = new StringBuilder("the C2PA manifest of ").append(path);
    if (!validation.tamperCodes().isEmpty()) {
      out.append(" fails ").append(String.join(", ", validation.tamperCodes()));
    }
    if (!validation.ingredientsFailed().isEmpty()) {
      out.append(validation.tamperCodes().isEmpty() ? " carries" : "; it carries")
          .append(" failed ingredients (").append(String.join("; ", validation.ingredientsFailed())).append(")");
    }
    out.append("; ").append(validation.verdict());
    return out.toString();
  }

  /** An asset whose file could not be opened, for the reason given. */
  public static AssetScan unreadable(String assetId, String productionId, String path, String reason) {
    ScanRecord record = new ScanRecord(path, null, false, false, List.of(), 0, reason);
    return new AssetScan(assetId, productionId, null, false, null, reason, record.toJson(assetId));
  }

  /**
   * "a C2PA action (action c2pa.created, digital_source_type trainedAlgorithmicMedia, …; signed by
   * CN=…; signature valid; content unchanged since signing; signer not in the trust list)"; a C2PA
   * signal of an invalid manifest starts its verdict with "manifest invalid".
   */
  static String describe(Signal signal, C2paValidation validation) {
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
    String verdict = "";
    if (signal.source().equals("c2pa") && validation != null) {
      verdict = "; " + ("invalid".equals(signal.values().get("validation")) ? "manifest invalid: " : "") + validation.sentence();
    } else if ("unverified".equals(signal.values().get("validation"))) {
      verdict = "; signature not verified";
    }
    return where + " (" + String.join(", ", parts) + verdict + ")";
  }
}
