package org.provenanceaudit.scan;

import java.util.Locale;
import java.util.Map;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Media types from the bytes, and the comparison the audit uses to tell a declared type from a
 * detected one. ISO base media files (MP4, QuickTime, HEIF, AVIF, 3GP, M4A, JPEG 2000) are typed
 * from their {@code ftyp} brands ({@link FileTypeBrands}); everything else by Tika's magic
 * detection on the first bytes.
 */
public final class MediaTypes {
  private MediaTypes() {}

  private static final Tika TIKA = new Tika();
  private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
  /** Names in use that Tika's registry does not list as aliases. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("image/jpg", "image/jpeg"),
      Map.entry("image/pjpeg", "image/jpeg"),
      Map.entry("image/x-png", "image/png"),
      Map.entry("audio/wav", "audio/vnd.wave"),
      Map.entry("audio/x-wav", "audio/vnd.wave"),
      Map.entry("audio/wave", "audio/vnd.wave"),
      Map.entry("audio/mp3", "audio/mpeg"),
      Map.entry("audio/x-mp3", "audio/mpeg"),
      Map.entry("video/mov", "video/quicktime"),
      Map.entry("image/tif", "image/tiff"),
      // Apple's names for MP4 video and iTunes audio/audiobooks, which FileTypeBrands types as
      // video/mp4 and audio/mp4 (RFC 4337).
      Map.entry("video/x-m4v", "video/mp4"),
      Map.entry("audio/x-m4b", "audio/mp4"),
      Map.entry("audio/x-m4p", "audio/mp4"));

  /**
   * The media type of a file from its first bytes: from the {@code ftyp} brands when the file is
   * an ISO base media file with a known brand (ISO/IEC 14496-12 §4.3, see {@link FileTypeBrands}),
   * otherwise Tika's magic detection; application/octet-stream when unknown.
   */
  public static String detect(byte[] head) {
    return FileTypeBrands.mediaType(head).orElseGet(() -> TIKA.detect(head));
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
