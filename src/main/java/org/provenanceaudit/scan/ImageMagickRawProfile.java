package org.provenanceaudit.scan;

import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.iptc.IptcReader;
import com.drew.metadata.photoshop.PhotoshopReader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the metadata profiles ImageMagick keeps in PNG text chunks keyed {@code Raw profile type
 * NAME} ({@code tEXt} or {@code zTXt}), a layout no library reads on its own: the value is
 * {@code \nNAME\n<spaces><decimal length>\n} followed by the profile's bytes as hex digits broken
 * by newlines (ImageMagick {@code coders/png.c}, {@code Magick_png_write_raw_profile}; ExifTool
 * reads it the same way). The decoded profile then goes to the reader of its kind: {@code xmp} to
 * {@link XmpPacket}, {@code exif} (TIFF, with or without the JPEG {@code Exif\0\0} header) to
 * {@link TiffWalker}, {@code APP1} (a JPEG APP1 payload: EXIF or XMP) to either, and {@code iptc}
 * (IPTC-IIM records, or a Photoshop 8BIM resource block holding them) to metadata-extractor.
 */
final class ImageMagickRawProfile {
  private ImageMagickRawProfile() {}

  static final String KEY_PREFIX = "Raw profile type ";
  private static final Set<String> READ = Set.of("xmp", "exif", "app1", "iptc");
  private static final byte[] XMP_HEADER = Bytes.ascii("http://ns.adobe.com/xap/1.0/\0");
  private static final byte[] PHOTOSHOP_RESOURCE = Bytes.ascii("8BIM");
  private static final int MAX_LENGTH_DIGITS = 10;
  private static final String SOURCE_IPTC = "iptc";

  /** A decoded profile, and why it is shorter than declared (null when whole). */
  record Profile(String name, byte[] bytes, String problem) {}

  /** True for the keys whose profile is read: {@code Raw profile type xmp|exif|APP1|iptc}. */
  static boolean isReadKey(String key) {
    return key.length() > KEY_PREFIX.length() && key.startsWith(KEY_PREFIX)
        && READ.contains(key.substring(KEY_PREFIX.length()).toLowerCase(Locale.ROOT));
  }

  /**
   * Decodes the text of a raw profile into the profile's bytes.
   *
   * @param text the chunk's value, Latin-1 bytes as stored (after inflation for {@code zTXt})
   * @param maxBytes the largest profile accepted (a declared length above it is refused)
   * @return the profile; its {@code problem} says why it holds fewer bytes than declared
   * @throws MalformedContentException when the header is missing or malformed, the declared length
   *     is over {@code maxBytes}, or a character other than a hex digit or white space appears
   */
  static Profile decode(byte[] text, int maxBytes) {
    if (text.length == 0 || text[0] != '\n') {
      throw new MalformedContentException("no '\\n<name>\\n' header");
    }
    int nameEnd = 1;
    while (nameEnd < text.length && text[nameEnd] != '\n') {
      nameEnd++;
    }
    if (nameEnd >= text.length) {
      throw new MalformedContentException("no length after the profile name");
    }
    String name = Bytes.latin1(text, 1, nameEnd);
    int p = nameEnd + 1;
    while (p < text.length && text[p] == ' ') {
      p++;
    }
    long declared = 0;
    int digits = 0;
    while (p < text.length && text[p] >= '0' && text[p] <= '9' && digits < MAX_LENGTH_DIGITS) {
      declared = declared * 10 + (text[p++] - '0');
      digits++;
    }
    if (digits == 0 || p >= text.length || text[p] != '\n') {
      throw new MalformedContentException("no decimal length after the profile name '" + name + "'");
    }
    if (declared > maxBytes) {
      throw new MalformedContentException("profile '" + name + "' declares " + declared
          + " bytes, over the cap of " + maxBytes);
    }
    byte[] out = new byte[(int) Math.min(declared, (text.length - p) / 2)];
    int n = 0;
    int high = -1;
    for (p++; p < text.length && n < out.length; p++) {
      int c = text[p] & 0xFF;
      int nibble = Character.digit(c, 16);
      if (nibble < 0) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
          continue;
        }
        throw new MalformedContentException("character 0x" + Integer.toHexString(c) + " among the hex digits of profile '"
            + name + "' at offset " + p);
      }
      if (high < 0) {
        high = nibble;
      } else {
        out[n++] = (byte) (high << 4 | nibble);
        high = -1;
      }
    }
    byte[] bytes = n == out.length ? out : Arrays.copyOf(out, n);
    String problem = n < declared ? "hex data ends after " + n + " of " + declared + " bytes" : null;
    return new Profile(name, bytes, problem);
  }

  /**
   * Decodes the profile in {@code text} (the value of a chunk whose key passes {@link #isReadKey})
   * and reports what its reader finds. Problems become soft errors naming {@code where}.
   */
  static void report(ScanContext ctx, String key, byte[] text, String where) {
    Profile profile;
    try {
      profile = decode(text, ctx.limits.maxManifestBytes());
    } catch (MalformedContentException e) {
      ctx.softError("unreadable ImageMagick raw profile in " + where + ": " + e.getMessage());
      return;
    }
    if (profile.problem() != null) {
      ctx.softError("ImageMagick raw profile in " + where + ": " + profile.problem());
    }
    byte[] bytes = profile.bytes();
    String kind = key.substring(KEY_PREFIX.length()).toLowerCase(Locale.ROOT);
    switch (kind) {
      case "xmp" -> XmpPacket.report(ctx, bytes, 0, bytes.length, where);
      case "exif" -> PngWalker.exif(ctx, bytes, where);
      case "app1" -> {
        if (Bytes.startsWith(bytes, 0, XMP_HEADER)) {
          XmpPacket.report(ctx, bytes, XMP_HEADER.length, bytes.length - XMP_HEADER.length, where);
        } else {
          PngWalker.exif(ctx, bytes, where);
        }
      }
      default -> iptc(ctx, bytes, where);
    }
  }

  /**
   * IPTC-IIM (IPTC IIM 4.2 §1.5: records tagged 0x1C) or a Photoshop image resource block holding
   * them (resource 0x0404); reports 2:65 OriginatingProgram as software and 2:120 Caption/Abstract
   * as a possible generation record.
   */
  private static void iptc(ScanContext ctx, byte[] bytes, String where) {
    Metadata metadata = new Metadata();
    try {
      if (bytes.length > 0 && bytes[0] == 0x1C) {
        new IptcReader().extract(new SequentialByteArrayReader(bytes), metadata, bytes.length);
      } else if (Bytes.startsWith(bytes, 0, PHOTOSHOP_RESOURCE)) {
        new PhotoshopReader().extract(new SequentialByteArrayReader(bytes), bytes.length, metadata);
      } else {
        ctx.softError("ImageMagick raw profile in " + where + " holds neither IPTC-IIM records nor a Photoshop resource block");
        return;
      }
    } catch (RuntimeException e) {
      // metadata-extractor reports most damage as directory errors, but not all of it.
      ctx.softError("unreadable IPTC in " + where + ": " + e.getClass().getSimpleName());
      return;
    }
    for (IptcDirectory directory : metadata.getDirectoriesOfType(IptcDirectory.class)) {
      directory.getErrors().forEach(error -> ctx.softError("IPTC in " + where + ": " + error));
      String program = directory.getString(IptcDirectory.TAG_ORIGINATING_PROGRAM);
      if (program != null) {
        ctx.softwareTag(SOURCE_IPTC, "software", "OriginatingProgram", program);
      }
      String caption = directory.getString(IptcDirectory.TAG_CAPTION);
      if (caption != null) {
        ctx.taggedValue(SOURCE_IPTC, "Caption-Abstract", caption);
      }
    }
  }
}
