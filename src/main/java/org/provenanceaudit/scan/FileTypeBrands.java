package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The media type of an ISO base media file, decided from the brands of its File Type Box
 * ({@code ftyp}, ISO/IEC 14496-12 §4.3). Tika's magic looks at the major brand only and calls every
 * brand it does not list {@code video/quicktime}, so ffmpeg's {@code isom}, DASH {@code iso5} and
 * {@code dash}, or {@code avc1} MP4s came out as QuickTime.
 *
 * <p>Each known brand names a type and belongs to a tier: <em>product</em> brands name one format
 * ({@code qt  }, {@code heic}, {@code avif}, {@code 3gp5}, {@code M4A }, {@code jp2 }), the
 * <em>MP4 family</em> brands name MP4 ({@code mp41}, {@code mp42}, {@code avc1}, {@code dash},
 * {@code M4V }), and <em>structural</em> brands only say which box rules the file follows
 * ({@code isom}, {@code iso2}…{@code iso9}, {@code mif1}, {@code msf1}, {@code miaf}). The rule:
 * a known major brand that is not structural decides; otherwise the first compatible brand of the
 * most specific tier decides (so {@code isom} with compatible {@code avif} is AVIF, {@code mif1}
 * with {@code heic} is HEIC); a structural major brand with nothing more specific names its own
 * type ({@code isom}: video/mp4, {@code mif1}: image/heif). No known brand: no answer here.
 */
final class FileTypeBrands {
  private FileTypeBrands() {}

  private enum Tier { PRODUCT, MP4_FAMILY, STRUCTURAL }

  private record Brand(String mediaType, Tier tier) {}

  private static final Map<String, Brand> BRANDS = brands();

  private static Map<String, Brand> brands() {
    Map<String, Brand> b = new HashMap<>();
    // QuickTime File Format (Apple), ftyp chapter.
    b.put("qt  ", new Brand("video/quicktime", Tier.PRODUCT));
    // HEIF, ISO/IEC 23008-12 Annex B (HEVC images and sequences) and §10 (structural brands).
    for (String brand : List.of("heic", "heix", "heim", "heis")) {
      b.put(brand, new Brand("image/heic", Tier.PRODUCT));
    }
    for (String brand : List.of("hevc", "hevx", "hevm", "hevs")) {
      b.put(brand, new Brand("image/heic-sequence", Tier.PRODUCT));
    }
    b.put("mif1", new Brand("image/heif", Tier.STRUCTURAL));
    b.put("miaf", new Brand("image/heif", Tier.STRUCTURAL));
    b.put("msf1", new Brand("image/heif-sequence", Tier.STRUCTURAL));
    // AV1 Image File Format §9 (avif, avis; the MA1A/MA1B profile brands). Both are image/avif.
    for (String brand : List.of("avif", "avis", "MA1A", "MA1B")) {
      b.put(brand, new Brand("image/avif", Tier.PRODUCT));
    }
    // 3GPP TS 26.244 §5.4 and 3GPP2 C.S0050.
    for (String brand : List.of("3gp4", "3gp5", "3gp6", "3gp7", "3gs6", "3gs7", "3ge6", "3ge7", "3gg6")) {
      b.put(brand, new Brand("video/3gpp", Tier.PRODUCT));
    }
    for (String brand : List.of("3g2a", "3g2b", "3g2c")) {
      b.put(brand, new Brand("video/3gpp2", Tier.PRODUCT));
    }
    // iTunes audio and audiobooks (Apple): audio/mp4, RFC 4337.
    for (String brand : List.of("M4A ", "M4B ", "M4P ")) {
      b.put(brand, new Brand("audio/mp4", Tier.PRODUCT));
    }
    // JPEG 2000, ISO/IEC 15444-1 Annex I, 15444-2 (jpx), 15444-6 (jpm), 15444-3 (mjp2).
    b.put("jp2 ", new Brand("image/jp2", Tier.PRODUCT));
    b.put("jpx ", new Brand("image/jpx", Tier.PRODUCT));
    b.put("jpm ", new Brand("image/jpm", Tier.PRODUCT));
    b.put("mjp2", new Brand("video/mj2", Tier.PRODUCT));
    // MP4, ISO/IEC 14496-14 (mp41, mp42, mp71), 14496-15 (avc1), DASH (dash), Apple M4V.
    for (String brand : List.of("mp41", "mp42", "mp71", "avc1", "dash", "M4V ", "M4VH", "M4VP", "f4v ", "mmp4")) {
      b.put(brand, new Brand("video/mp4", Tier.MP4_FAMILY));
    }
    // ISO/IEC 14496-12 §4.3 and Annex E: the base format's own brands.
    for (String brand : List.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9")) {
      b.put(brand, new Brand("video/mp4", Tier.STRUCTURAL));
    }
    return Map.copyOf(b);
  }

  /**
   * The media type the {@code ftyp} box at the start of {@code head} names: the box at offset 0,
   * or the one after a JPEG 2000 signature box ({@code jP  }, ISO/IEC 15444-1 §I.5.1). Empty when
   * there is no {@code ftyp} box there, it is cut, or none of its brands is known.
   *
   * @param head the first bytes of a file (any length)
   */
  static Optional<String> mediaType(byte[] head) {
    int at = 0;
    if (head.length >= 12 && Bytes.u32be(head, 0) == 12 && Bytes.fourCc(head, 4).equals("jP  ")) {
      at = 12;
    }
    if (head.length - at < 16 || !Bytes.fourCc(head, at + 4).equals("ftyp")) {
      return Optional.empty();
    }
    long size = Bytes.u32be(head, at);
    if (size < 16 || size > head.length - at) {
      return Optional.empty();
    }
    String major = brand(head, at + 8);
    List<String> compatible = new ArrayList<>();
    for (int i = at + 16; i + 4 <= at + size; i += 4) {
      compatible.add(brand(head, i));
    }
    return decide(major, compatible);
  }

  /** Applies the precedence rule of the class comment to a major brand and compatible brands. */
  static Optional<String> decide(String major, List<String> compatible) {
    Brand majorBrand = BRANDS.get(major);
    if (majorBrand != null && majorBrand.tier() != Tier.STRUCTURAL) {
      return Optional.of(majorBrand.mediaType());
    }
    for (Tier tier : List.of(Tier.PRODUCT, Tier.MP4_FAMILY)) {
      for (String name : compatible) {
        Brand brand = BRANDS.get(name);
        if (brand != null && brand.tier() == tier) {
          return Optional.of(brand.mediaType());
        }
      }
    }
    if (majorBrand != null) {
      return Optional.of(majorBrand.mediaType());
    }
    return compatible.stream().map(BRANDS::get).filter(Objects::nonNull).findFirst().map(Brand::mediaType);
  }

  private static String brand(byte[] b, int at) {
    return new String(b, at, 4, StandardCharsets.ISO_8859_1);
  }
}
