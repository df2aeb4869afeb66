package org.provenanceaudit.generate;

import static org.provenanceaudit.generate.Vocabulary.*;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The asset inventory of one production, planned in primitive arrays before any row is written,
 * so that events can pick inputs and outputs by what the assets carry. Assets fall in three
 * families: originals (never generated; they hold the performers, personal data and third-party
 * IP), generated assets (each the output of a GenAI event the event stream writes), and assets
 * derived from generated ones through {@code derived_from}. Only generated and derived assets are
 * given the properties the asset rules look at (final, union work, key creative, archival), at
 * planned rates; originals carry them freely, as decoys.
 */
final class AssetPlan {

  static final byte ORIGINAL_CLEAN = 0;
  static final byte ORIGINAL_TALENT = 1;
  static final byte ORIGINAL_PERSONAL = 2;
  static final byte ORIGINAL_IP = 3;
  static final byte GENERATED = 4;
  static final byte GENERATED_LIKENESS = 5;
  static final byte DERIVED = 6;

  /** What a generated or derived asset was planted as. */
  enum Special {
    PLAIN, FINAL, FINAL_APPROVED, FINAL_UNREFERENCED, UNION, KEY_CREATIVE, ARCHIVAL, ARCHIVAL_FINAL,
    ARCHIVAL_LABELED, ARCHIVAL_IN_FICTION
  }

  private static final String[] IP_REFS = {"brand:acme-cola", "artwork:harbour-mural", "music:night-drive",
      "character:captain-comet", "logo:northwind-air", "photo:agency-448812", "font:gotham-like"};
  private static final String[] ORIGINAL_MEDIA = {"image/jpeg", "image/png", "image/tiff", "video/quicktime",
      "video/mp4", "audio/wav", "text/plain", "application/pdf", "model/gltf-binary"};
  private static final String[] ORIGINAL_FOLDERS = {"plates", "stills", "scans", "dailies", "audio", "docs", "3d"};
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  final ProductionCast cast;
  final int size;
  final byte[] category;
  final Special[] special;
  final byte[] status;
  final byte[] role;
  final boolean[] union;
  final boolean[] labeled;
  final int[] vendor;
  final int[] talentA;
  final int[] talentB;
  /** Parents by local index; a negative entry is the number of an id that is not in the inventory. */
  final int[][] parents;
  /** For a generated likeness asset, the original it was made from; for an approval trap, its input. */
  final int[] source;
  /** For a generated likeness asset, the operation that made it. */
  final byte[] likenessOp;

  int[] clean;
  int[] generatedPlain;
  int[] generatedAll;
  int[] likeness;
  int[] talentGood;
  int[] talentBad;
  int[] personal;
  int[] withIp;
  int[] originals;
  int[] approvalTraps;
  int deepChains;
  int cycles;
  int danglingParents;
  private int nextFreeNumber;

  private AssetPlan(ProductionCast cast, int size) {
    this.cast = cast;
    this.size = size;
    category = new byte[size];
    special = new Special[size];
    status = new byte[size];
    role = new byte[size];
    union = new boolean[size];
    labeled = new boolean[size];
    vendor = new int[size];
    talentA = new int[size];
    talentB = new int[size];
    parents = new int[size][];
    source = new int[size];
    likenessOp = new byte[size];
    Arrays.fill(talentA, -1);
    Arrays.fill(talentB, -1);
    Arrays.fill(source, -1);
    nextFreeNumber = size + 1;
  }

  /**
   * @param approvalTraps how many generated final assets to cover with a scoped disclosure (up to
   *     two: one approved with a reference, one whose approval has none)
   */
  static AssetPlan plan(ProductionCast cast, int size, int approvalTraps, SplittableRandom random) {
    AssetPlan p = new AssetPlan(cast, size);
    int[] good = talentsWhere(cast, true);
    int[] bad = talentsWhere(cast, false);
    int[] imageVendors = vendorsUsing(cast, ToolCatalog.FIREFLY_ENT);
    int trapsLeft = approvalTraps;
    for (int a = 0; a < size; a++) {
      double r = random.nextDouble();
      byte c = r < 0.13 ? GENERATED : r < 0.15 ? GENERATED_LIKENESS : r < 0.21 ? DERIVED
          : r < 0.36 ? ORIGINAL_TALENT : r < 0.39 ? ORIGINAL_PERSONAL : r < 0.42 ? ORIGINAL_IP : ORIGINAL_CLEAN;
      p.category[a] = c;
      p.special[a] = Special.PLAIN;
      p.vendor[a] = random.nextInt(cast.vendors.size());
      if (c == ORIGINAL_TALENT) {
        if (good.length > 0 && (bad.length == 0 || random.nextInt(100) < 85)) {
          p.talentA[a] = good[random.nextInt(good.length)];
          if (good.length > 1 && random.nextInt(4) == 0) {
            int second = good[random.nextInt(good.length)];
            p.talentB[a] = second == p.talentA[a] ? -1 : second;
          }
        } else {
          p.talentA[a] = bad[random.nextInt(bad.length)];
        }
      } else if (c == GENERATED) {
        p.vendor[a] = imageVendors[random.nextInt(imageVendors.length)];
        if (trapsLeft > 0) {
          p.special[a] = trapsLeft-- == 2 || approvalTraps == 1 ? Special.FINAL_APPROVED : Special.FINAL_UNREFERENCED;
        } else {
          p.special[a] = generatedSpecial(cast.nonfiction, random);
        }
      } else if (c == DERIVED) {
        p.special[a] = derivedSpecial(cast.nonfiction, random);
      }
    }
    p.fixUnsupportedCategories(good);
    p.buildLists();
    p.assignSources(random);
    p.assignAttributes(random);
    p.assignParents(random);
    return p;
  }

  private static Special generatedSpecial(boolean nonfiction, SplittableRandom random) {
    double r = random.nextDouble();
    if (r < 0.03) {
      return Special.FINAL;
    } else if (r < 0.05) {
      return Special.UNION;
    } else if (r < 0.07) {
      return Special.KEY_CREATIVE;
    } else if (nonfiction) {
      return r < 0.085 ? Special.ARCHIVAL : r < 0.10 ? Special.ARCHIVAL_FINAL
          : r < 0.12 ? Special.ARCHIVAL_LABELED : Special.PLAIN;
    }
    return r < 0.09 ? Special.ARCHIVAL_IN_FICTION : Special.PLAIN;
  }

  private static Special derivedSpecial(boolean nonfiction, SplittableRandom random) {
    double r = random.nextDouble();
    if (r < 0.04) {
      return Special.FINAL;
    } else if (r < 0.07) {
      return Special.KEY_CREATIVE;
    } else if (nonfiction) {
      return r < 0.09 ? Special.ARCHIVAL : r < 0.10 ? Special.ARCHIVAL_FINAL
          : r < 0.12 ? Special.ARCHIVAL_LABELED : Special.PLAIN;
    }
    return Special.PLAIN;
  }

  /** Likeness assets need a consented performer to be made from; derived ones need a generated parent. */
  private void fixUnsupportedCategories(int[] good) {
    boolean consentedOriginal = false;
    for (int a = 0; a < size; a++) {
      consentedOriginal |= category[a] == ORIGINAL_TALENT && cast.goodScopes[talentA[a]] != 0;
    }
    boolean generatedPlain = false;
    for (int a = 0; a < size; a++) {
      if (category[a] == GENERATED_LIKENESS && (!consentedOriginal || good.length == 0)) {
        category[a] = GENERATED;
        vendor[a] = 0;
      }
      generatedPlain |= category[a] == GENERATED && special[a] == Special.PLAIN;
    }
    for (int a = 0; a < size; a++) {
      if (category[a] == DERIVED && !generatedPlain) {
        category[a] = ORIGINAL_CLEAN;
        special[a] = Special.PLAIN;
      }
    }
  }

  private void buildLists() {
    IntList clean = new IntList();
    IntList generatedPlain = new IntList();
    IntList generatedAll = new IntList();
    IntList likeness = new IntList();
    IntList talentGood = new IntList();
    IntList talentBad = new IntList();
    IntList personal = new IntList();
    IntList withIp = new IntList();
    IntList originals = new IntList();
    IntList traps = new IntList();
    for (int a = 0; a < size; a++) {
      switch (category[a]) {
        case ORIGINAL_CLEAN -> clean.add(a);
        case ORIGINAL_TALENT -> {
          boolean consented = cast.goodScopes[talentA[a]] != 0
              && (talentB[a] < 0 || cast.goodScopes[talentB[a]] != 0);
          (consented ? talentGood : talentBad).add(a);
        }
        case ORIGINAL_PERSONAL -> personal.add(a);
        case ORIGINAL_IP -> withIp.add(a);
        case GENERATED -> {
          generatedAll.add(a);
          if (special[a] == Special.PLAIN) {
            generatedPlain.add(a);
          } else if (special[a] == Special.FINAL_APPROVED || special[a] == Special.FINAL_UNREFERENCED) {
            traps.add(a);
          }
        }
        case GENERATED_LIKENESS -> likeness.add(a);
        default -> { }
      }
      if (category[a] <= ORIGINAL_IP) {
        originals.add(a);
      }
    }
    this.clean = clean.toArray();
    this.generatedPlain = generatedPlain.toArray();
    this.generatedAll = generatedAll.toArray();
    this.likeness = likeness.toArray();
    this.talentGood = talentGood.toArray();
    this.talentBad = talentBad.toArray();
    this.personal = personal.toArray();
    this.withIp = withIp.toArray();
    this.originals = originals.toArray();
    this.approvalTraps = traps.toArray();
  }

  private void assignSources(SplittableRandom random) {
    for (int a : likeness) {
      int from = talentGood[random.nextInt(talentGood.length)];
      source[a] = from;
      talentA[a] = talentA[from];
      talentB[a] = talentB[from];
      int scopes = cast.goodScopes[talentA[a]] & (talentB[a] < 0 ? -1 : cast.goodScopes[talentB[a]]);
      IntList ops = new IntList();
      if ((scopes & SCOPE_VOICE) != 0) {
        ops.add(VOICE_SYNTHESIS);
      }
      if ((scopes & SCOPE_LIKENESS) != 0) {
        ops.add(FACE_SWAP);
        ops.add(LIP_SYNC);
        ops.add(DE_AGE);
      }
      if ((scopes & SCOPE_DIGITAL_REPLICA) != 0) {
        ops.add(DIGITAL_REPLICA);
      }
      int[] candidates = ops.toArray();
      likenessOp[a] = (byte) candidates[random.nextInt(candidates.length)];
      int tool = likenessOp[a] == VOICE_SYNTHESIS ? ToolCatalog.VOICEGEN_PRO : ToolCatalog.FACESWAP_ONPREM;
      vendor[a] = cast.likenessVendor(tool);
    }
    for (int a : approvalTraps) {
      source[a] = clean.length == 0 ? -1 : clean[random.nextInt(clean.length)];
    }
  }

  private void assignAttributes(SplittableRandom random) {
    for (int a = 0; a < size; a++) {
      role[a] = NO_ROLE;
      switch (category[a]) {
        case GENERATED, DERIVED -> plantedAttributes(a, random);
        case GENERATED_LIKENESS -> {
          status[a] = random.nextBoolean() ? WORKING : TEMP;
          role[a] = random.nextBoolean() ? (byte) 2 : (byte) 7;
        }
        default -> originalAttributes(a, random);
      }
    }
  }

  private void originalAttributes(int a, SplittableRandom random) {
    double s = random.nextDouble();
    status[a] = s < 0.35 ? FINAL : s < 0.65 ? WORKING : s < 0.8 ? TEMP : ARCHIVED;
    double r = random.nextDouble();
    if (cast.nonfiction) {
      role[a] = r < 0.2 ? ARCHIVAL : r < 0.28 ? KEY_CREATIVE : r < 0.85 ? (byte) (2 + random.nextInt(6)) : NO_ROLE;
    } else {
      role[a] = r < 0.02 ? ARCHIVAL : r < 0.17 ? KEY_CREATIVE : r < 0.85 ? (byte) (2 + random.nextInt(6)) : NO_ROLE;
    }
    union[a] = random.nextInt(100) < (category[a] == ORIGINAL_TALENT ? 40 : 5);
    labeled[a] = random.nextInt(20) == 0;
  }

  private void plantedAttributes(int a, SplittableRandom random) {
    double s = random.nextDouble();
    status[a] = s < 0.4 ? WORKING : s < 0.75 ? TEMP : ARCHIVED;
    role[a] = random.nextInt(7) == 0 ? NO_ROLE : (byte) (2 + random.nextInt(6));
    labeled[a] = random.nextInt(10) < 3;
    switch (special[a]) {
      case PLAIN -> { }
      case FINAL -> status[a] = FINAL;
      case FINAL_APPROVED -> {
        status[a] = FINAL;
        role[a] = 6;
      }
      case FINAL_UNREFERENCED -> {
        status[a] = FINAL;
        role[a] = KEY_CREATIVE;
      }
      case UNION -> union[a] = true;
      case KEY_CREATIVE -> role[a] = KEY_CREATIVE;
      case ARCHIVAL, ARCHIVAL_IN_FICTION -> {
        role[a] = ARCHIVAL;
        labeled[a] = false;
      }
      case ARCHIVAL_FINAL -> {
        role[a] = ARCHIVAL;
        labeled[a] = false;
        status[a] = FINAL;
      }
      case ARCHIVAL_LABELED -> {
        role[a] = ARCHIVAL;
        labeled[a] = true;
        status[a] = random.nextBoolean() ? FINAL : WORKING;
      }
    }
  }

  /**
   * Lineage: originals derive from earlier originals, mostly under ten deep, with a rare chain
   * of 30 to 150 and, in larger productions, a few two-asset cycles; derived assets derive from
   * plain generated ones or from each other. A few parents name ids that are not in the inventory.
   */
  private void assignParents(SplittableRandom random) {
    int[] depth = new int[size];
    IntList earlierOriginals = new IntList();
    IntList earlierDerived = new IntList();
    int deepLeft = 0;
    int previousOriginal = -1;
    for (int a = 0; a < size; a++) {
      IntList mine = new IntList();
      byte c = category[a];
      if (c <= ORIGINAL_IP) {
        if (deepLeft > 0 && previousOriginal >= 0) {
          mine.add(previousOriginal);
          deepLeft--;
        } else if (previousOriginal >= 0 && size >= 500
            && (random.nextInt(4000) == 0 || (deepChains == 0 && a >= size / 3))) {
          deepLeft = 30 + random.nextInt(121);
          deepChains++;
          mine.add(previousOriginal);
        } else if (earlierOriginals.size() > 0 && random.nextInt(100) < 55) {
          addShallowParent(mine, earlierOriginals, depth, random);
          if (random.nextInt(5) == 0) {
            addShallowParent(mine, earlierOriginals, depth, random);
          }
        }
        if (random.nextInt(300) == 0) {
          mine.add(-nextFreeNumber++);
          danglingParents++;
        }
        earlierOriginals.add(a);
        previousOriginal = a;
      } else if (c == GENERATED) {
        if (earlierOriginals.size() > 0 && random.nextInt(10) < 3) {
          mine.add(earlierOriginals.get(random.nextInt(earlierOriginals.size())));
        }
      } else if (c == GENERATED_LIKENESS) {
        mine.add(source[a]);
      } else {
        if (earlierDerived.size() > 0 && random.nextInt(10) < 4) {
          addShallowParent(mine, earlierDerived, depth, random);
        }
        if (mine.size() == 0) {
          mine.add(generatedPlain[random.nextInt(generatedPlain.length)]);
        }
        if (earlierOriginals.size() > 0 && random.nextInt(100) < 15) {
          mine.add(earlierOriginals.get(random.nextInt(earlierOriginals.size())));
        }
        earlierDerived.add(a);
      }
      for (int i = 0; i < mine.size(); i++) {
        int parent = mine.get(i);
        if (parent >= 0) {
          depth[a] = Math.max(depth[a], depth[parent] + 1);
        }
      }
      parents[a] = mine.toArray();
    }
    plantCycles(random);
  }

  private static void addShallowParent(IntList into, IntList candidates, int[] depth, SplittableRandom random) {
    for (int attempt = 0; attempt < 3; attempt++) {
      int candidate = candidates.get(random.nextInt(candidates.size()));
      if (depth[candidate] < 9 && !into.contains(candidate)) {
        into.add(candidate);
        return;
      }
    }
  }

  /** A child made a parent of its own parent: original lineage only, so no rule outcome depends on it. */
  private void plantCycles(SplittableRandom random) {
    if (size < 300) {
      return;
    }
    int wanted = Math.max(1, size / 5000);
    for (int attempt = 0; attempt < wanted * 50 && cycles < wanted; attempt++) {
      int child = originals[random.nextInt(originals.length)];
      if (parents[child].length == 0 || parents[child][0] < 0) {
        continue;
      }
      int parent = parents[child][0];
      int[] grown = Arrays.copyOf(parents[parent], parents[parent].length + 1);
      grown[grown.length - 1] = child;
      parents[parent] = grown;
      cycles++;
    }
  }

  String id(int a) {
    return "A-" + cast.tag + "-" + DatasetIds.pad(a + 1L, 6);
  }

  /** An asset id of this production that the inventory does not hold. */
  String freshId() {
    return "A-" + cast.tag + "-" + DatasetIds.pad(nextFreeNumber++, 6);
  }

  boolean generatedFamily(int a) {
    return category[a] >= GENERATED;
  }

  String[] row(int a, SplittableRandom random) {
    String id = id(a);
    String vendorId = cast.vendors.get(vendor[a]).id();
    String media = mediaType(a, random);
    StringBuilder lineage = new StringBuilder();
    for (int parent : parents[a]) {
      if (lineage.length() > 0) {
        lineage.append(random.nextInt(10) == 0 ? "; " : ";");
      }
      lineage.append(parent >= 0 ? id(parent) : "A-" + cast.tag + "-" + DatasetIds.pad(-parent, 6));
    }
    String talent = talentA[a] < 0 ? ""
        : talentB[a] < 0 ? cast.talentIds[talentA[a]] : cast.talentIds[talentA[a]] + ";" + cast.talentIds[talentB[a]];
    String ip = category[a] == ORIGINAL_IP ? ipRefs(random) : "";
    long created = cast.start - IsoTime.DAY * 60 + (long) (random.nextDouble() * (cast.end - cast.start + IsoTime.DAY * 60));
    int form = random.nextInt(10);
    String createdText = form < 8 ? IsoTime.utc(created) : form == 8 ? IsoTime.date(created) : "";
    return new String[] {
        id, cast.id, vendorId, spell(DELIVERABLE_STATUSES.get(status[a]), random),
        media, filePath(a, vendorId, id, media), sha256(random), createdText, lineage.toString(), talent, ip,
        bool(category[a] == ORIGINAL_PERSONAL, random), bool(union[a], random),
        role[a] == NO_ROLE ? "" : spell(CONTENT_ROLES.get(role[a]), random), bool(labeled[a], random)};
  }

  /** A valid asset row that nothing else refers to, for the writer to break. */
  String[] freshRow(SplittableRandom random) {
    return new String[] {freshId(), cast.id, cast.vendors.get(0).id(), "temp", "image/png", "", "",
        IsoTime.utc(cast.start), "", "", "", "", "", "concept", ""};
  }

  private String mediaType(int a, SplittableRandom random) {
    if (random.nextInt(20) == 0) {
      return "";
    }
    switch (category[a]) {
      case GENERATED, DERIVED -> {
        int r = random.nextInt(10);
        return r < 6 ? "image/png" : r < 8 ? "image/jpeg" : "video/mp4";
      }
      case GENERATED_LIKENESS -> {
        return likenessOp[a] == VOICE_SYNTHESIS ? "audio/wav" : "video/mp4";
      }
      default -> {
        return ORIGINAL_MEDIA[random.nextInt(ORIGINAL_MEDIA.length)];
      }
    }
  }

  private String filePath(int a, String vendorId, String id, String media) {
    String folder = generatedFamily(a) ? "genai" : ORIGINAL_FOLDERS[a % ORIGINAL_FOLDERS.length];
    String extension = switch (media) {
      case "image/jpeg" -> ".jpg";
      case "image/tiff" -> ".tif";
      case "video/quicktime" -> ".mov";
      case "video/mp4" -> ".mp4";
      case "audio/wav" -> ".wav";
      case "text/plain" -> ".txt";
      case "application/pdf" -> ".pdf";
      case "model/gltf-binary" -> ".glb";
      default -> ".png";
    };
    return cast.tag + "/" + vendorId + "/" + folder + "/" + id + extension;
  }

  private static String ipRefs(SplittableRandom random) {
    String first = IP_REFS[random.nextInt(IP_REFS.length)];
    if (random.nextInt(4) != 0) {
      return first;
    }
    String second = IP_REFS[random.nextInt(IP_REFS.length)];
    return second.equals(first) ? first : first + ";" + second;
  }

  private static String sha256(SplittableRandom random) {
    char[] hex = new char[64];
    for (int i = 0; i < 64; i += 16) {
      long bits = random.nextLong();
      for (int j = 0; j < 16; j++) {
        hex[i + j] = HEX[(int) (bits >>> (60 - 4 * j)) & 15];
      }
    }
    return new String(hex);
  }

  /** Enumerations are case-insensitive: a few are written as a spreadsheet user would. */
  static String spell(String value, SplittableRandom random) {
    int r = random.nextInt(100);
    if (r == 0) {
      return value.toUpperCase(Locale.ROOT);
    } else if (r == 1) {
      return Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }
    return value;
  }

  /** Booleans in the spellings the contract accepts; false is often left empty. */
  static String bool(boolean value, SplittableRandom random) {
    int r = random.nextInt(10);
    if (value) {
      return r < 6 ? "true" : r < 8 ? "yes" : r < 9 ? "1" : "TRUE";
    }
    return r < 6 ? "" : r < 8 ? "false" : r < 9 ? "no" : "0";
  }

  static int[] talentsWhere(ProductionCast cast, boolean consented) {
    IntList out = new IntList();
    for (int t = 0; t < cast.talentIds.length; t++) {
      if ((cast.goodScopes[t] != 0) == consented) {
        out.add(t);
      }
    }
    return out.toArray();
  }

  private static int[] vendorsUsing(ProductionCast cast, int tool) {
    IntList out = new IntList();
    for (int v = 0; v < cast.vendors.size(); v++) {
      if (cast.vendors.get(v).uses(tool)) {
        out.add(v);
      }
    }
    return out.toArray();
  }
}
