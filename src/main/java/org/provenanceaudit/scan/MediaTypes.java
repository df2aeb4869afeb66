package org.provenanceaudit.scan;

import java.util.Locale;
import java.util.Map;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Media types from the bytes (Tika's magic detection on the first bytes of a file), and the
 * comparison the audit uses to tell a declared type from a detected one.
 */
public final class MediaTypes {
  private MediaTypes() {}

  private static final Tika TIKA = new Tika();
  private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
  /** Names in use that Tika's registry does not list as aliases. */
  private static final Map<String, String> ALIASES = Map.of(
      "image/jpg", "image/jpeg",
      "image/pjpeg", "image/jpeg",
      "image/x-png", "image/png",
      "audio/wav", "audio/vnd.wave",
      "audio/x-wav", "audio/vnd.wave",
      "audio/wave", "audio/vnd.wave",
      "audio/mp3", "audio/mpeg",
      "audio/x-mp3", "audio/mpeg",
      "video/mov", "video/quicktime",
      "image/tif", "image/tiff");

  /** The media type Tika detects from these bytes; application/octet-stream when unknown. */
  public static String detect(byte[] head) {
    return TIKA.detect(head);
  }

  /**
   * Whether two media types name the same base type: parameters and case are ignored, and
   * aliases (image/jpg and image/jpeg, audio/wav, audio/x-wav and audio/vnd.wave, ...) are equal.
   */
  public static boolean sameBaseType(String declared, String detected) {
    if (declared == null || detected == null) {
      return false;
    }
    String a = canonical(declared);
    String b = canonical(detected);
    return a != null && a.equals(b);
  }

  /**
   * Whether the declared type agrees with what the bytes show: the same base type, or a
   * specialisation of it that bytes alone cannot tell apart ({@code text/csv} declared, plain text
   * detected; {@code application/json} over {@code text/plain}).
   */
  public static boolean consistent(String declared, String detected) {
    if (sameBaseType(declared, detected)) {
      return true;
    }
    String a = canonical(declared);
    String b = canonical(detected);
    return a != null && b != null && REGISTRY.isSpecializationOf(MediaType.parse(a), MediaType.parse(b));
  }

  private static String canonical(String value) {
    MediaType parsed = MediaType.parse(value.strip().toLowerCase(Locale.ROOT));
    if (parsed == null) {
      return null;
    }
    String base = parsed.getBaseType().toString();
    base = ALIASES.getOrDefault(base, base);
    MediaType normalized = REGISTRY.normalize(MediaType.parse(base));
    String result = normalized.getBaseType().toString();
    return ALIASES.getOrDefault(result, result);
  }
}
