package org.provenanceaudit.generate;

import java.util.List;

/**
 * The contract's enumerations as the generator uses them: small integer codes so that the
 * per-production plan fits in primitive arrays, and the spelling each code is written with.
 * Bit masks over these codes stand for sets (tools of a disclosure, scopes of a consent).
 */
final class Vocabulary {

  private Vocabulary() {}

  static final List<String> OPERATIONS = List.of(
      "generate", "edit", "inpaint", "upscale", "extend", "style_transfer", "voice_clone",
      "voice_synthesis", "face_swap", "lip_sync", "de_age", "digital_replica", "transcribe",
      "translate", "text_generate", "other");
  static final int GENERATE = 0;
  static final int EDIT = 1;
  static final int INPAINT = 2;
  static final int UPSCALE = 3;
  static final int EXTEND = 4;
  static final int STYLE_TRANSFER = 5;
  static final int VOICE_CLONE = 6;
  static final int VOICE_SYNTHESIS = 7;
  static final int FACE_SWAP = 8;
  static final int LIP_SYNC = 9;
  static final int DE_AGE = 10;
  static final int DIGITAL_REPLICA = 11;
  static final int TRANSCRIBE = 12;
  static final int TRANSLATE = 13;
  static final int TEXT_GENERATE = 14;
  static final int OTHER = 15;

  static final List<String> DELIVERABLE_STATUSES = List.of("final", "temp", "working", "archived");
  static final byte FINAL = 0;
  static final byte TEMP = 1;
  static final byte WORKING = 2;
  static final byte ARCHIVED = 3;

  static final List<String> CONTENT_ROLES = List.of(
      "archival", "key_creative", "background", "prop", "previs", "concept", "marketing", "other");
  static final byte ARCHIVAL = 0;
  static final byte KEY_CREATIVE = 1;
  static final byte NO_ROLE = -1;

  static final List<String> DEPLOYMENTS = List.of("enterprise", "consumer", "on_prem", "unknown");
  static final List<String> RETENTIONS = List.of("none", "transient", "stored", "training");

  /** Consent scopes, as bits. A digital_replica consent also covers likeness and voice. */
  static final List<String> CONSENT_SCOPES = List.of("likeness", "voice", "performance", "digital_replica");
  static final int SCOPE_LIKENESS = 1;
  static final int SCOPE_VOICE = 2;
  static final int SCOPE_PERFORMANCE = 4;
  static final int SCOPE_DIGITAL_REPLICA = 8;

  static int effectiveScopes(int scopes) {
    return (scopes & SCOPE_DIGITAL_REPLICA) != 0 ? scopes | SCOPE_LIKENESS | SCOPE_VOICE : scopes;
  }

  /** The consent scope RULES.md asks of a performer for an operation. */
  static int scopeNeeded(int op) {
    switch (op) {
      case VOICE_CLONE:
      case VOICE_SYNTHESIS:
        return SCOPE_VOICE;
      case DIGITAL_REPLICA:
        return SCOPE_DIGITAL_REPLICA;
      default:
        return SCOPE_LIKENESS;
    }
  }

  /** Approvals a disclosure may list, as bits. */
  static final List<String> APPROVALS = List.of(
      "final_deliverable", "talent_likeness", "personal_data", "third_party_ip", "union_work", "key_creative");
  static final int APPROVE_FINAL = 1;
  static final int APPROVE_LIKENESS = 2;
  static final int APPROVE_PERSONAL_DATA = 4;
  static final int APPROVE_IP = 8;
  static final int APPROVE_UNION = 16;
  static final int APPROVE_KEY_CREATIVE = 32;

  /** Joins the names of the set bits of {@code mask}, in the list's order. */
  static String names(List<String> names, long mask) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if ((mask & (1L << i)) != 0) {
        if (out.length() > 0) {
          out.append(';');
        }
        out.append(names.get(i));
      }
    }
    return out.toString();
  }
}
