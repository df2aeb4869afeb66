package org.provenanceaudit.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text items of MP4 and QuickTime metadata that can carry provenance: comments and
 * descriptions (where ComfyUI's video nodes, through ffmpeg, write the prompt graph), the
 * encoding software, and the title. Reads three layouts:
 *
 * <ul>
 *   <li>an item list ({@code ilst}) under a {@code meta} box whose handler is {@code mdir}
 *       (iTunes style, as ffmpeg writes MP4): each item's type is its key ({@code ©cmt});
 *   <li>an item list under a {@code meta} box whose handler is {@code mdta} (QuickTime File
 *       Format, "Metadata"): each item's type is a 1-based index into the {@code keys} box
 *       ({@code com.apple.quicktime.comment}, ffmpeg's {@code comment} and {@code encoder});
 *   <li>QuickTime user data text atoms under {@code udta} ({@code ©cmt} holding 16-bit length,
 *       16-bit language, text; QuickTime File Format, "User data atoms").
 * </ul>
 *
 * Comments and descriptions go through {@link ScanContext#taggedValue} (a generation record by
 * its shape, else a software name); software items through {@link ScanContext#softwareTag}; a
 * title only when it holds a generation record ({@link ScanContext#textEntry}), since people write
 * tool names into titles. Only the values of these items are read, each within the blob cap.
 */
final class QuickTimeMetadata {
  private QuickTimeMetadata() {}

  private static final String SOURCE = "quicktime";

  /** What an item's text is checked for. */
  private enum Role { DESCRIPTION, SOFTWARE, TITLE }

  /** Item types of {@code ilst} under an {@code mdir} handler, and of {@code udta} text atoms. */
  private static final Map<String, Role> ITEM_TYPES = Map.of(
      "\u00a9cmt", Role.DESCRIPTION, "\u00a9des", Role.DESCRIPTION, "desc", Role.DESCRIPTION,
      "ldes", Role.DESCRIPTION, "\u00a9inf", Role.DESCRIPTION,
      "\u00a9too", Role.SOFTWARE, "\u00a9swr", Role.SOFTWARE, "\u00a9enc", Role.SOFTWARE,
      "\u00a9nam", Role.TITLE);

  /** Keys of {@code mdta} metadata: Apple's reverse-DNS keys and the plain keys ffmpeg writes. */
  private static final Map<String, Role> MDTA_KEYS = Map.ofEntries(
      Map.entry("com.apple.quicktime.comment", Role.DESCRIPTION),
      Map.entry("com.apple.quicktime.description", Role.DESCRIPTION),
      Map.entry("com.apple.quicktime.information", Role.DESCRIPTION),
      Map.entry("comment", Role.DESCRIPTION),
      Map.entry("description", Role.DESCRIPTION),
      Map.entry("synopsis", Role.DESCRIPTION),
      Map.entry("com.apple.quicktime.software", Role.SOFTWARE),
      Map.entry("encoder", Role.SOFTWARE),
      Map.entry("software", Role.SOFTWARE),
      Map.entry("com.apple.quicktime.title", Role.TITLE),
      Map.entry("title", Role.TITLE));

  /** Well-known data types of a {@code data} atom (QuickTime File Format, "Well-known types"). */
  private static final int DATA_UTF8 = 1;
  private static final int DATA_UTF16BE = 2;

  /** Whether a {@code udta} child of this type is a text atom this class reads. */
  static boolean isUserDataText(String name) {
    return name.charAt(0) == '\u00a9' && ITEM_TYPES.containsKey(name);
  }

  /**
   * Reads a QuickTime user data text atom: a sequence of (16-bit length, 16-bit language code,
   * text) strings, each checked by the item's role, or (as some MP4 writers do) {@code data}
   * atoms as in an item list. Text is decoded as UTF-8 (Macintosh language codes below 0x400
   * formally mean Mac Roman, which agrees with UTF-8 on ASCII).
   */
  static void userDataText(ScanContext ctx, ByteSource source, BmffBox atom) {
    byte[] body = atom.readBody(ctx, source);
    if (body.length >= 8 && Bytes.fourCc(body, 4).equals("data")) {
      // Some MP4 writers put iTunes-style data atoms under udta instead of text strings.
      dataAtoms(ctx, source, atom, atom.name(), ITEM_TYPES.get(atom.name()));
      return;
    }
    int at = 0;
    while (body.length - at >= 4) {
      int length = Bytes.u16be(body, at);
      if (length > body.length - at - 4) {
        ctx.softError("QuickTime text atom '" + atom.type() + "' at offset " + atom.at() + " claims a "
            + length + "-byte string, " + (body.length - at - 4) + " remain; not read");
        return;
      }
      check(ctx, ITEM_TYPES.get(atom.name()), atom.name(), new String(body, at + 4, length, StandardCharsets.UTF_8));
      at += 4 + length;
    }
  }

  /**
   * Reads the {@code keys} box of {@code mdta} metadata: full box header, entry count, then for
   * each key its size (header included), namespace and UTF-8 name. A key that does not fit ends
   * the list with an error; the keys before it are kept.
   *
   * @return the key names, index 0 holding key 1
   */
  static List<String> keys(ScanContext ctx, ByteSource source, BmffBox keys) {
    byte[] body = keys.readBody(ctx, source);
    List<String> names = new ArrayList<>();
    if (body.length < 8) {
      ctx.softError("QuickTime 'keys' box at offset " + keys.at() + " is cut; mdta items not read");
      return names;
    }
    long count = Bytes.u32be(body, 4);
    int at = 8;
    for (long i = 0; i < count; i++) {
      ctx.visit("QuickTime metadata key", keys.body() + at);
      long size = body.length - at >= 8 ? Bytes.u32be(body, at) : -1;
      if (size < 8 || size > body.length - at) {
        ctx.softError("QuickTime 'keys' box at offset " + keys.at() + ": key " + (i + 1) + " of " + count
            + " does not fit; the keys after it are not read");
        break;
      }
      names.add(new String(body, at + 8, (int) size - 8, StandardCharsets.UTF_8));
      at += (int) size;
    }
    return names;
  }

  /**
   * Reads the items of an {@code ilst} box. Under an {@code mdta} handler an item's type is a
   * 1-based index into {@code keys}; otherwise it is the key itself. Items whose key has no role
   * here (cover art, track numbers, ...) are skipped without reading their values.
   *
   * @param mdta whether the enclosing {@code meta} box's handler is {@code mdta}
   */
  static void itemList(ScanContext ctx, ByteSource source, BmffBox ilst, boolean mdta, List<String> keys) {
    long at = ilst.body();
    while (ilst.end() - at >= 8) {
      BmffBox item = BmffBox.read(ctx, source, at, ilst.end());
      at = item.end();
      String key;
      Role role;
      if (mdta) {
        if (item.code() < 1 || item.code() > keys.size()) {
          ctx.softError("QuickTime metadata item at offset " + item.at() + " names key " + item.code()
              + " of " + keys.size() + "; not read");
          continue;
        }
        key = keys.get((int) item.code() - 1);
        role = MDTA_KEYS.get(key);
      } else {
        key = item.name();
        role = ITEM_TYPES.get(key);
      }
      if (role != null) {
        dataAtoms(ctx, source, item, key, role);
      }
    }
  }

  /**
   * Reads the {@code data} atoms of one item: type indicator (a reserved byte and a 24-bit
   * well-known type), locale, value. UTF-8 and UTF-16 text are read; any other type of a text
   * item is an error saying it was not read.
   */
  private static void dataAtoms(ScanContext ctx, ByteSource source, BmffBox item, String key, Role role) {
    long at = item.body();
    while (item.end() - at >= 8) {
      BmffBox data = BmffBox.read(ctx, source, at, item.end());
      at = data.end();
      if (!data.type().equals("data")) {
        continue;
      }
      if (data.bodyLength() < 8) {
        ctx.softError("QuickTime metadata item '" + key + "' at offset " + item.at() + " has a cut data atom; not read");
        continue;
      }
      byte[] body = data.readBody(ctx, source);
      int type = (int) (Bytes.u32be(body, 0) & 0xFFFFFF);
      String text;
      if (type == DATA_UTF8) {
        text = new String(body, 8, body.length - 8, StandardCharsets.UTF_8);
      } else if (type == DATA_UTF16BE) {
        text = new String(body, 8, body.length - 8, StandardCharsets.UTF_16BE);
      } else {
        ctx.softError("QuickTime metadata item '" + key + "' at offset " + item.at() + " has data type " + type
            + ", not text; not read");
        continue;
      }
      check(ctx, role, key, text);
    }
  }

  private static void check(ScanContext ctx, Role role, String key, String text) {
    switch (role) {
      case DESCRIPTION -> ctx.taggedValue(SOURCE, key, text);
      case SOFTWARE -> ctx.softwareTag(SOURCE, "software", key, text);
      case TITLE -> ctx.textEntry(SOURCE, key, key, text);
    }
  }
}
