package org.provenanceaudit.scan;

import java.util.Objects;

/**
 * One result of validating a C2PA manifest, as the C2PA specification's validation section names
 * them ("Validation", "Standard status codes"): a success code such as
 * {@code claimSignature.validated} or {@code assertion.dataHash.match}, an informational code, or a
 * failure code such as {@code assertion.dataHash.mismatch}.
 *
 * @param code the status code, spelled as the specification spells it
 * @param url the JUMBF URI of what the code is about (an assertion, a claim signature), or null
 * @param explanation one sentence a person can check, or null
 */
public record C2paStatus(String code, String url, String explanation) {
  public C2paStatus {
    Objects.requireNonNull(code, "code");
  }
}
