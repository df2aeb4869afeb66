package org.provenanceaudit.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The verdict on one file's C2PA manifest store: its active manifest's claim signature, hard
 * binding and signer trust, with every status code the checks produced (C2PA specification,
 * "Validation"), the ingredients that failed, and why anything was not checked.
 *
 * @param signature {@code valid}, {@code invalid} or {@code not_checked}
 * @param binding {@code match}, {@code mismatch}, {@code none} (the claim has no hard binding) or
 *     {@code not_checked}
 * @param trust {@code trusted}, {@code untrusted} or {@code not_checked}
 * @param signerSubject the signing certificate's subject (RFC 4514), or null
 * @param signerIssuer the signing certificate's issuer (RFC 4514), or null
 * @param signedAt the verified time-stamp's time (ISO 8601, UTC), or null when none was verified
 * @param statusCodes the status codes of the active manifest, in the order found
 * @param ingredientsFailed one entry per failed ingredient: its manifest label or title, a colon and
 *     its failure codes
 * @param reason why a part was not checked or how it was judged, or null
 */
public record C2paValidation(
    String signature,
    String binding,
    String trust,
    String signerSubject,
    String signerIssuer,
    String signedAt,
    List<String> statusCodes,
    List<String> ingredientsFailed,
    String reason) {

  /** Failure codes that mean the manifest or the content changed after signing. */
  private static final Set<String> TAMPER_CODES = Set.of(
      "claimSignature.mismatch", "claimSignature.missing", "assertion.missing",
      "assertion.hashedURI.mismatch", "assertion.dataHash.mismatch", "assertion.boxesHash.mismatch",
      "assertion.bmffHash.mismatch", "assertion.collectionHash.mismatch");

  public C2paValidation {
    statusCodes = List.copyOf(statusCodes);
    ingredientsFailed = List.copyOf(ingredientsFailed);
  }

  /**
   * The codes that say the manifest or its content was altered after signing (signature, hard
   * binding or assertion hash failures); empty when none.
   */
  public List<String> tamperCodes() {
    return statusCodes.stream().filter(TAMPER_CODES::contains).distinct().toList();
  }

  /** Whether the manifest was altered after signing or carries a failed ingredient. */
  public boolean tampered() {
    return !tamperCodes().isEmpty() || !ingredientsFailed.isEmpty();
  }

  /**
   * The state a C2PA signal carries as its {@code validation}: {@code valid and trusted},
   * {@code valid, untrusted signer}, {@code invalid}, or {@code not checked (why)}. A manifest is
   * invalid when its signature fails, its content no longer matches its hard binding, or an
   * assertion hash fails or an assertion is missing ({@link #tamperCodes}).
   */
  public String state() {
    if (signature.equals("invalid") || binding.equals("mismatch") || !tamperCodes().isEmpty()) {
      return "invalid";
    }
    if (signature.equals("not_checked")) {
      return "not checked (" + (reason == null ? "signature not checked" : reason) + ")";
    }
    return trust.equals("trusted") ? "valid and trusted" : "valid, untrusted signer";
  }

  /**
   * The verdict in words for a finding's evidence: "signed by CN=…, O=…; signature valid; content
   * unchanged since signing; signer not in the trust list", followed, for a failed manifest, by its
   * failing codes and failed ingredients.
   */
  public String sentence() {
    StringBuilder out = new StringBuilder(verdict());
    if (state().equals("invalid") || !ingredientsFailed.isEmpty()) {
      List<String> failing = statusCodes.stream().filter(C2paValidation::isFailure).distinct().toList();
      if (!failing.isEmpty()) {
        out.append("; failing: ").append(String.join(", ", failing));
      }
      if (!ingredientsFailed.isEmpty()) {
        out.append("; failed ingredients: ").append(String.join("; ", ingredientsFailed));
      }
    }
    return out.toString();
  }

  /**
   * The signer and the three verdicts in words, without the failing codes: "signed by CN=…, O=…;
   * signature valid; content changed since signing; signer in the trust list".
   */
  public String verdict() {
    StringBuilder out = new StringBuilder();
    out.append(signerSubject == null ? "signer unknown" : "signed by " + signerSubject);
    out.append(switch (signature) {
      case "valid" -> "; signature valid";
      case "invalid" -> "; signature invalid";
      default -> "; signature not checked";
    });
    out.append(switch (binding) {
      case "match" -> "; content unchanged since signing";
      case "mismatch" -> "; content changed since signing";
      case "none" -> "; no content binding";
      default -> "; content binding not checked";
    });
    out.append(switch (trust) {
      case "trusted" -> "; signer in the trust list";
      case "untrusted" -> "; signer not in the trust list";
      default -> "; trust not checked";
    });
    return out.toString();
  }

  /**
   * Whether a status code reports a failure in the specification's sense (mismatch, missing,
   * invalid, expired, revoked, malformed, outside validity, general error).
   */
  static boolean isFailure(String code) {
    return code.endsWith(".mismatch") || code.endsWith(".missing") || code.endsWith(".invalid")
        || code.endsWith(".expired") || code.endsWith(".revoked") || code.endsWith(".malformed")
        || code.endsWith(".outsideValidity") || code.equals("general.error");
  }

  /** Writes the {@code c2pa_validation} object, keys in a fixed order. */
  void write(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("c2pa_validation");
    json.writeStringField("signature", signature);
    json.writeStringField("binding", binding);
    json.writeStringField("trust", trust);
    json.writeObjectFieldStart("signer");
    json.writeStringField("subject", signerSubject);
    json.writeStringField("issuer", signerIssuer);
    json.writeEndObject();
    json.writeStringField("signed_at", signedAt);
    json.writeArrayFieldStart("status_codes");
    for (String code : statusCodes) {
      json.writeString(code);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("ingredients_failed");
    for (String ingredient : ingredientsFailed) {
      json.writeString(ingredient);
    }
    json.writeEndArray();
    json.writeStringField("reason", reason);
    json.writeEndObject();
  }
}
