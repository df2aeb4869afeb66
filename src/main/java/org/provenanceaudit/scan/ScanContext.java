package org.provenanceaudit.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one file's scan shared by the container walks: the signals found so far, the caps
 * and counters, and the policy that decides each signal's {@code genai}. Walks call {@link #visit}
 * for every box or chunk and {@link #checkDepth} on every descent, so no input can make them loop
 * or recurse past the caps.
 */
final class ScanContext {
  static final int EXCERPT_CHARS = 200;
  private static final int MAX_ERRORS = 3;

  final ScanPolicy policy;
  final ScanLimits limits;
  private final List<Signal> signals = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private boolean c2pa;
  private final List<Jumbf.Box> c2paStores = new ArrayList<>();
  private int elements;

  ScanContext(ScanPolicy policy, ScanLimits limits) {
    this.policy = policy;
    this.limits = limits;
  }

  /** Counts one visited box, chunk, segment, tag or frame. */
  void visit(String what, long offset) {
    if (++elements > limits.maxElements()) {
      throw new MalformedContentException(
          "more than " + limits.maxElements() + " boxes/chunks; stopped at " + what + " at offset " + offset);
    }
  }

  void checkDepth(int depth, String what, long offset) {
    if (depth > limits.maxDepth()) {
      throw new MalformedContentException(
          what + " nested deeper than " + limits.maxDepth() + " levels at offset " + offset);
    }
  }

  /** Refuses a declared length larger than what may be held in memory. */
  int checkBlobLength(long length, String what, long offset) {
    if (length < 0 || length > limits.maxManifestBytes()) {
      throw new MalformedContentException(
          what + " at offset " + offset + " declares " + length + " bytes, over the cap of "
              + limits.maxManifestBytes());
    }
    return (int) length;
  }

  /** Records a problem that did not stop the walk. */
  void softError(String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(message);
    }
  }

  /** Runs a walk; a malformed structure ends it with an error, keeping what was found. */
  void run(Walk walk) {
    try {
      walk.run();
    } catch (MalformedContentException e) {
      softError(e.getMessage());
    }
  }

  interface Walk {
    void run();
  }

  void markC2pa() {
    c2pa = true;
  }

  boolean c2pa() {
    return c2pa;
  }

  /** Keeps a C2PA manifest store (its {@code c2pa} superbox) for validation after the walk. */
  void keepC2paStore(Jumbf.Box store) {
    c2paStores.add(store);
  }

  /** The C2PA manifest stores found, in the order the walk found them. */
  List<Jumbf.Box> c2paStores() {
    return List.copyOf(c2paStores);
  }

  /**
   * Sets the {@code validation} of every C2PA signal from the validated store: a signal of an
   * ingredient manifest takes that manifest's state, every other the active manifest's.
   */
  void setC2paValidation(Map<String, String> manifestStates, String activeState) {
    signals.replaceAll(signal -> {
      if (!signal.source().equals("c2pa") || !signal.values().containsKey("validation")) {
        return signal;
      }
      Map<String, String> values = new LinkedHashMap<>(signal.values());
      String manifest = values.get("manifest");
      boolean ingredient = "ingredient".equals(values.get("role"));
      values.put("validation", ingredient && manifestStates.containsKey(manifest) ? manifestStates.get(manifest) : activeState);
      return new Signal(signal.source(), signal.kind(), values, signal.genai());
    });
  }

  List<Signal> signals() {
    return List.copyOf(signals);
  }

  String error() {
    return errors.isEmpty() ? null : String.join("; ", errors);
  }

  void add(Signal signal) {
    signals.add(signal);
  }

  /** A digital source type: always reported; GenAI when its code is in the policy. */
  void digitalSourceType(String source, String value, String where) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("digital_source_type", ScanPolicy.digitalSourceTypeCode(value));
    values.put("value", value.strip());
    values.put("where", where);
    add(new Signal(source, "digital_source_type", values, policy.isGenaiSourceType(value)));
  }

  /** A software-like tag: reported only when it names a GenAI tool of the policy. */
  void softwareTag(String source, String kind, String tag, String value) {
    policy.genaiSoftwareIn(value).ifPresent(tool -> {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("tag", tag);
      values.put("value", excerpt(value));
      values.put("matched", tool);
      add(new Signal(source, kind, values, true));
    });
  }

  /**
   * A key/value text entry (PNG text chunk, ID3 TXXX, ...). A value under a generation-record key
   * of the policy, or shaped like a generation record under any key ({@link GenerationRecords}),
   * is reported with an excerpt and the front end it matches; a {@code Software} entry is checked
   * against the tool names.
   */
  void textEntry(String source, String container, String key, String value) {
    Optional<String> frontEnd = GenerationRecords.frontEnd(value);
    if (policy.isGenaiTextKey(key) || frontEnd.isPresent()) {
      generationRecord(source, container, key, value, frontEnd);
    } else if (key.equalsIgnoreCase("Software")) {
      softwareTag(source, "software", key, value);
    }
  }

  /**
   * A text slot without a key of its own (EXIF UserComment, an XMP description, an MP4 comment):
   * a generation record when shaped like one, a {@code key:value} record when its prefix is a
   * policy text key (ComfyUI writes its workflow and prompt that way into EXIF Make/Model of
   * animated WebP); otherwise checked as a software name.
   */
  void taggedValue(String source, String tag, String value) {
    Optional<String> frontEnd = GenerationRecords.frontEnd(value);
    if (frontEnd.isPresent()) {
      generationRecord(source, tag, tag, value, frontEnd);
      return;
    }
    int colon = value.indexOf(':');
    if (colon > 0 && colon <= 64) {
      String key = value.substring(0, colon).strip();
      if (policy.isGenaiTextKey(key)) {
        textEntry(source, tag, key, value.substring(colon + 1));
        return;
      }
    }
    softwareTag(source, "software", tag, value);
  }

  private void generationRecord(String source, String container, String key, String value, Optional<String> frontEnd) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("container", container);
    values.put("key", key);
    frontEnd.ifPresent(name -> values.put("front_end", name));
    values.put("excerpt", excerpt(value));
    values.put("length", Integer.toString(value.length()));
    add(new Signal(source, "generation_record", values, true));
  }

  static String excerpt(String value) {
    String v = value.strip();
    if (v.length() <= EXCERPT_CHARS) {
      return v;
    }
    int end = EXCERPT_CHARS;
    if (Character.isHighSurrogate(v.charAt(end - 1))) {
      end--;
    }
    return v.substring(0, end);
  }
}
