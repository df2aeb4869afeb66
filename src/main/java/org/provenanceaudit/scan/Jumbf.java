package org.provenanceaudit.scan;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * JUMBF boxes (ISO/IEC 19566-5) as C2PA uses them: a {@code jumb} superbox whose first child is a
 * {@code jumd} description box (type UUID, label), followed by content boxes ({@code cbor},
 * {@code json}, {@code bfdb}, {@code bidb}, {@code c2sh}, ...) or further superboxes. The whole store
 * is in memory (its size is capped before it is read); parsing only slices it.
 */
final class Jumbf {
  private Jumbf() {}

  static final String C2PA_STORE_TYPE = "6332706100110010800000aa00389b71";

  /**
   * Whether {@code head} starts with a C2PA manifest store as a file of its own (C2PA spec,
   * "Manifest store" and "External manifests", media type {@code application/c2pa}): a {@code jumb}
   * superbox (compact header) whose first child is a {@code jumd} description box of the C2PA store
   * type. Needs the first 32 bytes.
   */
  static boolean isC2paStore(byte[] head) {
    return head.length >= 32 && Bytes.fourCc(head, 4).equals("jumb") && Bytes.fourCc(head, 12).equals("jumd")
        && Bytes.u32be(head, 0) != 1 && HexFormat.of().formatHex(head, 16, 32).equals(C2PA_STORE_TYPE);
  }

  /**
   * One box: its type, where its payload lies in {@code data}, and for a superbox its parts;
   * {@code start} is where its header (LBox) begins in {@code data}.
   */
  record Box(String type, byte[] data, int payloadStart, int payloadEnd, String descriptionType,
      String label, List<Box> children, int start) {

    boolean isSuperbox() {
      return type.equals("jumb");
    }

    /** The first content box after the description, or null. */
    Box content() {
      return children.stream().filter(c -> !c.type().equals("jumd")).findFirst().orElse(null);
    }

    Box childLabelled(String wanted) {
      return children.stream()
          .filter(c -> c.isSuperbox() && wanted.equals(c.label()))
          .findFirst()
          .orElse(null);
    }

    List<Box> superboxes() {
      return children.stream().filter(Box::isSuperbox).toList();
    }
  }

  /** Parses the boxes in {@code data[from, to)}. */
  static List<Box> parse(ScanContext ctx, byte[] data, int from, int to, int depth) {
    ctx.checkDepth(depth, "JUMBF box", from);
    List<Box> boxes = new ArrayList<>();
    int at = from;
    while (at < to) {
      ctx.visit("JUMBF box", at);
      if (to - at < 8) {
        throw new MalformedContentException("truncated JUMBF box header at store offset " + at);
      }
      long length = Bytes.u32be(data, at);
      String type = Bytes.fourCc(data, at + 4);
      int header = 8;
      if (length == 1) {
        if (to - at < 16) {
          throw new MalformedContentException("truncated JUMBF box header at store offset " + at);
        }
        length = Bytes.u64be(data, at + 8);
        header = 16;
      } else if (length == 0) {
        length = to - at;
      }
      if (length < header || length > to - at) {
        throw new MalformedContentException(
            "JUMBF box '" + type + "' at store offset " + at + " claims " + length + " bytes, "
                + (to - at) + " remain");
      }
      int end = at + (int) length;
      boxes.add(type.equals("jumb")
          ? superbox(ctx, data, at, at + header, end, depth)
          : new Box(type, data, at + header, end, null, null, List.of(), at));
      at = end;
    }
    return boxes;
  }

  private static Box superbox(ScanContext ctx, byte[] data, int start, int from, int to, int depth) {
    List<Box> children = parse(ctx, data, from, to, depth + 1);
    if (children.isEmpty() || !children.get(0).type().equals("jumd")) {
      throw new MalformedContentException("JUMBF superbox at store offset " + from + " has no description box");
    }
    Box description = children.get(0);
    int p = description.payloadStart();
    int end = description.payloadEnd();
    if (end - p < 17) {
      throw new MalformedContentException("JUMBF description box at store offset " + p + " is too short");
    }
    String uuid = HexFormat.of().formatHex(data, p, p + 16);
    int toggles = data[p + 16] & 0xFF;
    String label = null;
    if ((toggles & 0x02) != 0) {
      int zero = Bytes.indexOfZero(data, p + 17, end);
      int labelEnd = zero < 0 ? end : zero;
      label = TextValues.utf8Lenient(data, p + 17, labelEnd - (p + 17));
    }
    return new Box("jumb", data, from, to, uuid, label, children, start);
  }
}
