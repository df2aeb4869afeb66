package org.provenanceaudit.scan;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Validates the manifests of a C2PA manifest store (C2PA specification, "Validation"): the active
 * manifest's claim signature (a COSE_Sign1 with detached payload, RFC 9052 section 4.4), its signing
 * certificate against the specification's "Certificate profile", an RFC 3161 time-stamp in the
 * {@code sigTst}/{@code sigTst2} header as the signing time, the chain against the user's trust
 * anchors (RFC 5280 path validation, revocation not checked: the audit runs offline), its hard
 * binding and assertion hashes ({@link C2paContentBinding}), and its ingredients: their recorded
 * validation results and their own manifests' signatures. Never throws for what a store contains:
 * each problem becomes a status code.
 */
final class C2paValidator {

  static final Provider BC = new BouncyCastleProvider();

  private static final ObjectMapper CBOR = new ObjectMapper(CBORFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build());
  private static final Pattern INSTANCE_SUFFIX = Pattern.compile("__\\d+$");
  private static final Pattern HARD_BINDING = Pattern.compile("c2pa\\.hash\\.(data|boxes|bmff|collection)");
  /** The status codes of a hard binding's check against the content. */
  private static final Pattern HARD_BINDING_CHECK = Pattern.compile("assertion\\.(dataHash|boxesHash|bmffHash|collectionHash)\\.\\w+");
  private static final String X5CHAIN = "33";
  private static final String ANY_EKU = KeyPurposeId.anyExtendedKeyUsage.getId();
  /**
   * The extended key usages a C2PA signing certificate may carry ("Certificate profile"):
   * id-kp-emailProtection, id-kp-documentSigning, id-kp-timeStamping, id-kp-OCSPSigning, the
   * Microsoft C2PA signing purpose and the C2PA signing purpose.
   */
  private static final Set<String> SIGNING_EKUS = Set.of(
      "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36", "1.3.6.1.5.5.7.3.8", "1.3.6.1.5.5.7.3.9",
      "1.3.6.1.4.1.311.76.59.1.9", "1.3.6.1.4.1.62558.2.1");

  private final C2paTrust trust;
  private final Instant asOf;

  /**
   * @param trust the user's trust anchors and allowed signers
   * @param asOf when a certificate is judged that has no verified time-stamp; null for the time of
   *     each validation (the machine clock), only when the user gave no {@code --asOf}
   */
  C2paValidator(C2paTrust trust, Instant asOf) {
    this.trust = trust;
    this.asOf = asOf;
  }

  /** The verdict on a store and the state of each of its manifests, by label. */
  record StoreVerdict(C2paValidation validation, Map<String, String> manifestStates) {}

  /**
   * Validates the active (last) manifest of {@code store}, a {@code c2pa} JUMBF superbox, with the
   * file it was found in (for the hard binding), and checks every other manifest in it as an
   * ingredient.
   *
   * @param file the file's channel, or null when the bytes were scanned from memory (the binding is
   *     then not checked)
   */
  StoreVerdict validate(Jumbf.Box store, SeekableByteChannel file, ScanLimits limits) {
    List<Jumbf.Box> manifests = store.superboxes();
    Map<String, String> states = new LinkedHashMap<>();
    if (manifests.isEmpty()) {
      C2paValidation none = new C2paValidation("not_checked", "not_checked", "not_checked", null, null, null,
          List.of("claim.missing"), List.of(), "the manifest store holds no manifest");
      return new StoreVerdict(none, states);
    }
    Jumbf.Box active = manifests.get(manifests.size() - 1);
    SignatureCheck signed = checkSignature(active);
    List<C2paStatus> statuses = new ArrayList<>(signed.statuses());
    C2paContentBinding.Parent parent = C2paContentBinding.isUpdateManifest(active) ? updatedManifest(active, manifests) : null;
    Binding binding = binding(active, signed.claim(), parent, file, limits, statuses);
    Map<String, Set<String>> failed = new LinkedHashMap<>();
    recordedIngredientResults(active, failed);
    for (Jumbf.Box ingredient : manifests.subList(0, manifests.size() - 1)) {
      SignatureCheck check = checkSignature(ingredient);
      String label = label(ingredient);
      C2paValidation own = check.verdict("not_checked", "an ingredient's content binding is to the ingredient's own file");
      states.put(label, own.state());
      for (C2paStatus status : check.statuses()) {
        if (ingredientFailure(status.code())) {
          failed.computeIfAbsent(label, k -> new LinkedHashSet<>()).add(status.code());
        }
      }
    }
    List<String> ingredientsFailed = new ArrayList<>();
    failed.forEach((name, codes) -> ingredientsFailed.add(name + ": " + String.join(", ", codes)));
    String reason = join(signed.reason(), binding.reason());
    C2paValidation validation = new C2paValidation(signed.signature(), binding.state(), signed.trust(),
        signed.subject(), signed.issuer(), signed.signedAt(), statuses.stream().map(C2paStatus::code).toList(),
        ingredientsFailed, reason);
    states.put(label(active), validation.state());
    return new StoreVerdict(validation, states);
  }

  /** A hard binding's state ({@code match}, {@code mismatch}, {@code none}, {@code not_checked}) and why. */
  record Binding(String state, String reason) {}

  /**
   * @param parent for an update manifest, the manifest it updates (whose hard binding binds the
   *     content), else null
   */
  private static Binding binding(Jumbf.Box manifest, JsonNode claim, C2paContentBinding.Parent parent,
      SeekableByteChannel file, ScanLimits limits, List<C2paStatus> statuses) {
    if (claim == null) {
      return new Binding("not_checked", "the claim could not be read");
    }
    if (file == null) {
      return new Binding(namesHardBinding(claim) ? "not_checked" : "none", "the bytes were scanned from memory, not from a file");
    }
    // The assertions' hashed URIs are checked whether or not the claim names a hard binding
    // (C2PA specification, "Validate the assertions").
    List<C2paStatus> found = C2paContentBinding.check(manifest, claim, parent, file, limits);
    statuses.addAll(found);
    Binding state = bindingState(found);
    boolean missing = found.stream().anyMatch(status -> status.code().equals("claim.hardBindings.missing"));
    return missing && !state.state().equals("mismatch") ? new Binding("none", null) : state;
  }

  /**
   * The binding state the content-binding statuses amount to: {@code mismatch} when a hard binding
   * or assertion hash failed, {@code match} when a hard binding matched, otherwise {@code
   * not_checked} with the explanation of the statuses (or that none were given).
   */
  static Binding bindingState(List<C2paStatus> found) {
    // The binding is the hard binding's: an ingredient assertion whose hash fails is a tampered
    // assertion (status codes, PROVENANCE_TAMPERED), not a change to the content.
    boolean mismatch = found.stream().anyMatch(s -> C2paValidation.isFailure(s.code())
        && (HARD_BINDING_CHECK.matcher(s.code()).matches() || s.url() != null && HARD_BINDING.matcher(s.url()).find()));
    if (mismatch) {
      return new Binding("mismatch", null);
    }
    boolean match = found.stream().anyMatch(s -> s.code().matches("assertion\\.(dataHash|boxesHash|bmffHash|collectionHash)\\.match"));
    if (match) {
      return new Binding("match", null);
    }
    String why = found.stream().map(C2paStatus::explanation).filter(e -> e != null && !e.isBlank())
        .findFirst().orElse("the hard binding gave no result");
    return new Binding("not_checked", why);
  }

  private static boolean namesHardBinding(JsonNode claim) {
    for (String list : List.of("assertions", "created_assertions", "gathered_assertions")) {
      for (JsonNode reference : claim.path(list)) {
        if (HARD_BINDING.matcher(reference.path("url").asText("")).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The claim signature of one manifest, judged with its certificate and time-stamp. */
  private record SignatureCheck(JsonNode claim, List<C2paStatus> statuses, String signature, String trust,
      X509Certificate signer, Instant stampedAt, String reason) {

    String subject() {
      return signer == null ? null : distinguishedName(signer.getSubjectX500Principal());
    }

    String issuer() {
      return signer == null ? null : distinguishedName(signer.getIssuerX500Principal());
    }

    String signedAt() {
      return stampedAt == null ? null : DateTimeFormatter.ISO_INSTANT.format(stampedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    C2paValidation verdict(String binding, String bindingReason) {
      return new C2paValidation(signature, binding, trust, subject(), issuer(), signedAt(),
          statuses.stream().map(C2paStatus::code).toList(), List.of(), join(reason, bindingReason));
    }
  }

  private SignatureCheck checkSignature(Jumbf.Box manifest) {
    List<C2paStatus> statuses = new ArrayList<>();
    String url = "self#jumbf=/c2pa/" + label(manifest);
    Jumbf.Box claimBox = manifest.superboxes().stream()
        .filter(b -> b.label() != null && b.label().startsWith("c2pa.claim")).findFirst().orElse(null);
    byte[] claimBytes = claimBox == null ? null : payload(claimBox.content());
    JsonNode claim = claimBytes == null ? null : readCbor(claimBytes);
    if (claim == null) {
      statuses.add(new C2paStatus("claim.missing", url, "the manifest has no readable CBOR claim"));
      return new SignatureCheck(null, statuses, "invalid", "not_checked", null, null, "the manifest has no readable claim");
    }
    Jumbf.Box signatureBox = manifest.childLabelled("c2pa.signature");
    byte[] coseBytes = signatureBox == null ? null : payload(signatureBox.content());
    JsonNode cose = coseBytes == null ? null : readCbor(coseBytes);
    String signatureUrl = url + "/c2pa.signature";
    if (cose == null) {
      statuses.add(new C2paStatus("claimSignature.missing", signatureUrl, "the manifest has no claim signature"));
      return new SignatureCheck(claim, statuses, "invalid", "not_checked", null, null, "the claim is not signed");
    }
    try {
      return checkCose(claim, claimBytes, claimBox.label().equals("c2pa.claim.v2"), cose, signatureUrl, statuses);
    } catch (IOException | RuntimeException e) {
      statuses.add(new C2paStatus("claimSignature.mismatch", signatureUrl, "the COSE_Sign1 structure is malformed"));
      return new SignatureCheck(claim, statuses, "invalid", "not_checked", null, null, "the claim signature is malformed");
    }
  }

  private SignatureCheck checkCose(JsonNode claim, byte[] claimBytes, boolean claimV2, JsonNode cose, String url,
      List<C2paStatus> statuses) throws IOException {
    if (!cose.isArray() || cose.size() != 4 || !cose.get(0).isBinary() || !cose.get(3).isBinary()) {
      throw new IOException("not a COSE_Sign1 array");
    }
    byte[] protectedBytes = cose.get(0).binaryValue();
    JsonNode protectedHeader = protectedBytes.length == 0 ? MissingNode.getInstance() : readCbor(protectedBytes);
    JsonNode unprotected = cose.get(1);
    byte[] signatureBytes = cose.get(3).binaryValue();
    if (protectedHeader == null) {
      throw new IOException("unreadable protected header");
    }
    List<X509Certificate> chain = x5chain(protectedHeader, unprotected);
    if (chain.isEmpty()) {
      statuses.add(new C2paStatus("signingCredential.invalid", url, "no signing certificate in the x5chain header"));
      return new SignatureCheck(claim, statuses, "invalid", "not_checked", null, null, "no signing certificate");
    }
    X509Certificate signer = chain.get(0);
    CoseAlgorithm algorithm = CoseAlgorithm.of(protectedHeader.path("1"));
    if (algorithm == null) {
      statuses.add(new C2paStatus("algorithm.unsupported", url, "signature algorithm " + protectedHeader.path("1") + " is not supported"));
      return new SignatureCheck(claim, statuses, "not_checked", "not_checked", signer, null,
          "the signature algorithm is not one of ES256/384/512, PS256/384/512, Ed25519");
    }
    boolean verified = verify(algorithm, signer, sigStructure("Signature1", protectedBytes, claimBytes), signatureBytes);
    statuses.add(verified
        ? new C2paStatus("claimSignature.validated", url, "the claim signature is valid")
        : new C2paStatus("claimSignature.mismatch", url, "the claim signature does not match the claim"));
    Instant stampedAt = timeStamp(unprotected, protectedBytes, claimBytes, claimV2, signatureBytes, url, statuses);
    Instant at = stampedAt != null ? stampedAt : asOf != null ? asOf : Instant.now();
    String reason = stampedAt != null ? null
        : "no verified" + (claimV2 ? ", trusted" : "") + " time-stamp: the certificate was judged at "
            + (asOf != null ? "--asOf " : "the time of the scan ") + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    boolean profileHolds = certificateProfile(signer, at, url, statuses);
    String trusted = trust(chain, at, url, statuses);
    if (!trust.configured()) {
      reason = join(reason, "no trust list was given (--trustAnchors)");
    }
    return new SignatureCheck(claim, statuses, verified && profileHolds ? "valid" : "invalid", trusted, signer, stampedAt, reason);
  }

  /** The COSE algorithms the C2PA specification allows, by their COSE identifiers (RFC 9053). */
  private enum CoseAlgorithm {
    ES256(-7, "SHA256withPLAIN-ECDSA"), ES384(-35, "SHA384withPLAIN-ECDSA"), ES512(-36, "SHA512withPLAIN-ECDSA"),
    PS256(-37, "SHA256withRSAandMGF1"), PS384(-38, "SHA384withRSAandMGF1"), PS512(-39, "SHA512withRSAandMGF1"),
    ED25519(-8, "Ed25519");

    final int id;
    final String jca;

    CoseAlgorithm(int id, String jca) {
      this.id = id;
      this.jca = jca;
    }

    static CoseAlgorithm of(JsonNode alg) {
      if (alg == null || !alg.canConvertToInt()) {
        return null;
      }
      return Arrays.stream(values()).filter(a -> a.id == alg.asInt()).findFirst().orElse(null);
    }
  }

  private static boolean verify(CoseAlgorithm algorithm, X509Certificate signer, byte[] toBeSigned, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm.jca, BC);
      verifier.initVerify(signer.getPublicKey());
      verifier.update(toBeSigned);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The Sig_structure of RFC 9052 section 4.4 with empty external AAD:
   * {@code [context, body_protected, h'', payload]}, deterministically encoded.
   */
  static byte[] sigStructure(String context, byte[] protectedBytes, byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedBytes.length + 32);
    try (CBORGenerator cbor = (CBORGenerator) CBOR.getFactory().createGenerator(out)) {
      cbor.writeStartArray(null, 4);
      cbor.writeString(context);
      cbor.writeBinary(protectedBytes);
      cbor.writeBinary(new byte[0]);
      cbor.writeBinary(payload);
      cbor.writeEndArray();
    }
    return out.toByteArray();
  }

  private static byte[] cborBytes(byte[] value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 9);
    try (CBORGenerator cbor = (CBORGenerator) CBOR.getFactory().createGenerator(out)) {
      cbor.writeBinary(value);
    }
    return out.toByteArray();
  }

  /**
   * The certificates of the {@code x5chain} header (label 33, RFC 9360; early C2PA writers used the
   * text label), protected first: one DER byte string or an array of them, signer first.
   */
  private static List<X509Certificate> x5chain(JsonNode protectedHeader, JsonNode unprotected) {
    for (JsonNode header : List.of(protectedHeader, unprotected)) {
      for (String label : List.of(X5CHAIN, "x5chain")) {
        if (header.has(label)) {
          return certificates(header.get(label));
        }
      }
    }
    return List.of();
  }

  private static List<X509Certificate> certificates(JsonNode node) {
    List<X509Certificate> chain = new ArrayList<>();
    List<JsonNode> entries = new ArrayList<>();
    if (node.isBinary()) {
      entries.add(node);
    } else if (node.isArray()) {
      node.forEach(entries::add);
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
      for (JsonNode entry : entries) {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(entry.binaryValue())));
      }
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return List.of();
    }
    return chain;
  }

  /**
   * Verifies the first RFC 3161 time-stamp token of {@code sigTst2} (its imprint over the
   * CounterSignature structure of the CBOR-encoded signature) or {@code sigTst} (over the claim), as
   * c2pa-rs does, and returns its time; null when there is none or it fails.
   *
   * <p>The C2PA specification (section "Time-stamps") lets a validator use a time-stamp as the
   * signing time only when its time-stamp authority is trusted. For a version 2 claim ({@code
   * c2pa.claim.v2}) the authority's chain must therefore end at a configured anchor, else the stamp
   * is {@code timeStamp.untrusted} and not used (null), as c2pa-rs does. A version 1 claim's stamp
   * is used without that check, c2pa-rs's "legacy timestamp" rule, which keeps the manifests signed
   * before trust lists for time-stamp authorities existed valid at their stamped time.
   */
  private Instant timeStamp(JsonNode unprotected, byte[] protectedBytes, byte[] claimBytes, boolean claimV2,
      byte[] signatureBytes, String url, List<C2paStatus> statuses) {
    boolean version2 = unprotected.has("sigTst2");
    JsonNode container = version2 ? unprotected.get("sigTst2") : unprotected.get("sigTst");
    if (container == null) {
      return null;
    }
    try {
      byte[] encoded = container.path("tstTokens").path(0).path("val").binaryValue();
      TimeStampToken token = timeStampToken(encoded);
      byte[] payload = version2 ? cborBytes(signatureBytes) : claimBytes;
      byte[] stamped = sigStructure("CounterSignature", protectedBytes, payload);
      MessageDigest digest = MessageDigest.getInstance(token.getTimeStampInfo().getMessageImprintAlgOID().getId(), BC);
      if (!MessageDigest.isEqual(digest.digest(stamped), token.getTimeStampInfo().getMessageImprintDigest())) {
        statuses.add(new C2paStatus("timeStamp.mismatch", url, "the time-stamp does not cover this signature"));
        return null;
      }
      @SuppressWarnings("unchecked")
      X509CertificateHolder tsa = ((java.util.Collection<X509CertificateHolder>) token.getCertificates().getMatches(token.getSID()))
          .stream().findFirst().orElse(null);
      if (tsa == null) {
        statuses.add(new C2paStatus("timeStamp.malformed", url, "the time-stamp carries no TSA certificate"));
        return null;
      }
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(tsa));
      Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
      statuses.add(new C2paStatus("timeStamp.validated", url, "time-stamped at " + genTime));
      List<X509Certificate> tsaChain = new ArrayList<>();
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BC);
      tsaChain.add(converter.getCertificate(tsa));
      @SuppressWarnings("unchecked")
      java.util.Collection<X509CertificateHolder> all = token.getCertificates().getMatches(null);
      for (X509CertificateHolder holder : all) {
        if (!holder.equals(tsa)) {
          tsaChain.add(converter.getCertificate(holder));
        }
      }
      boolean authorityTrusted = chainsToAnchor(tsaChain, genTime);
      if (claimV2 && !authorityTrusted) {
        statuses.add(new C2paStatus("timeStamp.untrusted", url,
            "the time-stamp authority does not chain to a configured anchor, so a version 2 claim's time-stamp is not used"));
        return null;
      }
      if (trust.configured()) {
        statuses.add(authorityTrusted
            ? new C2paStatus("timeStamp.trusted", url, "the time-stamp authority chains to a configured anchor")
            : new C2paStatus("timeStamp.untrusted", url,
                "the time-stamp authority does not chain to a configured anchor; a version 1 claim's time-stamp is used all the same"));
      }
      return genTime;
    } catch (TSPException e) {
      statuses.add(new C2paStatus("timeStamp.mismatch", url, "the time-stamp token does not verify: " + e.getMessage()));
    } catch (IOException | GeneralSecurityException | CMSException | OperatorCreationException | RuntimeException e) {
      statuses.add(new C2paStatus("timeStamp.malformed", url, "the time-stamp cannot be read"));
    }
    return null;
  }

  /** A {@code sigTst} holds a whole TimeStampResp, a {@code sigTst2} just the TimeStampToken. */
  private static TimeStampToken timeStampToken(byte[] encoded) throws IOException, TSPException, CMSException {
    try {
      TimeStampToken token = new TimeStampResponse(encoded).getTimeStampToken();
      if (token != null) {
        return token;
      }
    } catch (TSPException | IOException | RuntimeException e) {
      // Not a TimeStampResp: read it as the token itself below.
    }
    return new TimeStampToken(new CMSSignedData(encoded));
  }

  /**
   * The C2PA "Certificate profile" of a signing certificate at the signing time: version 3, not a
   * CA, key usage with digitalSignature, an extended key usage from the allowed list and not
   * anyExtendedKeyUsage, valid at {@code at}.
   *
   * @return whether it holds; each breach is a status
   */
  private static boolean certificateProfile(X509Certificate signer, Instant at, String url, List<C2paStatus> statuses) {
    List<String> breaches = new ArrayList<>();
    if (signer.getVersion() != 3) {
      breaches.add("not an X.509 version 3 certificate");
    }
    if (signer.getBasicConstraints() != -1) {
      breaches.add("a CA certificate");
    }
    boolean[] keyUsage = signer.getKeyUsage();
    if (keyUsage == null || !keyUsage[0]) {
      breaches.add("key usage lacks digitalSignature");
    }
    try {
      List<String> ekus = signer.getExtendedKeyUsage();
      if (ekus == null || ekus.isEmpty()) {
        breaches.add("no extended key usage");
      } else if (ekus.contains(ANY_EKU)) {
        breaches.add("extended key usage anyExtendedKeyUsage");
      } else if (ekus.stream().noneMatch(SIGNING_EKUS::contains)) {
        breaches.add("no extended key usage allowed for C2PA signing");
      }
    } catch (java.security.cert.CertificateParsingException e) {
      breaches.add("unreadable extended key usage");
    }
    boolean holds = breaches.isEmpty();
    if (!holds) {
      statuses.add(new C2paStatus("signingCredential.invalid", url, "signing certificate: " + String.join("; ", breaches)));
    }
    try {
      signer.checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      statuses.add(new C2paStatus("signingCredential.expired", url, "the signing certificate had expired at " + at));
      holds = false;
    } catch (CertificateNotYetValidException e) {
      statuses.add(new C2paStatus("signingCredential.invalid", url, "the signing certificate was not yet valid at " + at));
      holds = false;
    }
    return holds;
  }

  private String trust(List<X509Certificate> chain, Instant at, String url, List<C2paStatus> statuses) {
    if (!trust.configured()) {
      statuses.add(new C2paStatus("signingCredential.untrusted", url, "no trust list was given"));
      return "untrusted";
    }
    if (trust.signers().contains(chain.get(0)) || chainsToAnchor(chain, at)) {
      statuses.add(new C2paStatus("signingCredential.trusted", url, "the signer is in the trust list"));
      return "trusted";
    }
    statuses.add(new C2paStatus("signingCredential.untrusted", url, "the signer's chain ends at no configured anchor"));
    return "untrusted";
  }

  /**
   * RFC 5280 path validation of {@code chain} (end entity first) to one of the configured anchors at
   * {@code at}, revocation not checked. A certificate of the chain that is itself an anchor ends it.
   */
  private boolean chainsToAnchor(List<X509Certificate> chain, Instant at) {
    if (trust.anchors().isEmpty()) {
      return false;
    }
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate anchor : trust.anchors()) {
        anchors.add(new TrustAnchor(anchor, null));
      }
      List<X509Certificate> path = new ArrayList<>();
      for (X509Certificate certificate : chain) {
        if (trust.anchors().contains(certificate)) {
          break;
        }
        path.add(certificate);
      }
      if (path.isEmpty()) {
        return true;
      }
      CertPath certPath = CertificateFactory.getInstance("X.509", BC).generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX", BC).validate(certPath, parameters);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Failure codes an ingredient's recorded results or own manifest carry (not an expired or untrusted signer). */
  private static boolean ingredientFailure(String code) {
    return C2paValidation.isFailure(code) && !code.equals("signingCredential.expired") && !code.startsWith("timeStamp.");
  }

  /**
   * The failures each ingredient assertion of the active manifest recorded when it was added
   * ({@code validationStatus} of c2pa.ingredient v1/v2, {@code validationResults} of v3), keyed by
   * the ingredient manifest's label when it names one, otherwise by its title.
   */
  private static void recordedIngredientResults(Jumbf.Box active, Map<String, Set<String>> failed) {
    Jumbf.Box assertions = active.childLabelled("c2pa.assertions");
    if (assertions == null) {
      return;
    }
    for (Jumbf.Box assertion : assertions.superboxes()) {
      String name = INSTANCE_SUFFIX.matcher(label(assertion)).replaceFirst("");
      if (!name.startsWith("c2pa.ingredient")) {
        continue;
      }
      Jumbf.Box content = assertion.content();
      byte[] bytes = content == null ? null : payload(content);
      JsonNode ingredient = bytes == null || !"cbor".equals(content.type()) ? null : readCbor(bytes);
      if (ingredient == null) {
        continue;
      }
      List<String> codes = new ArrayList<>();
      ingredient.path("validationStatus").forEach(s -> codes.add(s.path("code").asText("")));
      ingredient.path("validationResults").path("activeManifest").path("failure").forEach(s -> codes.add(s.path("code").asText("")));
      ingredient.path("validationResults").path("ingredientDeltas")
          .forEach(d -> d.path("validationDeltas").path("failure").forEach(s -> codes.add(s.path("code").asText(""))));
      List<String> failures = codes.stream().filter(C2paValidator::ingredientFailure).distinct().toList();
      if (failures.isEmpty()) {
        continue;
      }
      String manifestUrl = ingredient.path("c2pa_manifest").path("url").asText(ingredient.path("activeManifest").path("url").asText(""));
      String key = manifestLabel(manifestUrl);
      if (key == null) {
        key = ingredient.path("title").asText(label(assertion));
      }
      failed.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(failures);
    }
  }

  /**
   * The manifest an update manifest updates: the store's manifest its {@code parentOf} ingredient
   * names (C2PA, "Update Manifests"), with its claim; when that is itself an update manifest, the
   * one it updates, and so on. Null when there is none, or a claim does not decode.
   */
  private static C2paContentBinding.Parent updatedManifest(Jumbf.Box update, List<Jumbf.Box> manifests) {
    Jumbf.Box current = update;
    for (int step = 0; step < manifests.size(); step++) {
      String parentLabel = parentOfLabel(current);
      Jumbf.Box parent = parentLabel == null ? null
          : manifests.stream().filter(m -> parentLabel.equals(m.label())).findFirst().orElse(null);
      if (parent == null || parent == current) {
        return null;
      }
      if (!C2paContentBinding.isUpdateManifest(parent)) {
        Jumbf.Box claimBox = parent.superboxes().stream()
            .filter(b -> b.label() != null && b.label().startsWith("c2pa.claim")).findFirst().orElse(null);
        byte[] claimBytes = claimBox == null ? null : payload(claimBox.content());
        JsonNode claim = claimBytes == null ? null : readCbor(claimBytes);
        return claim == null ? null : new C2paContentBinding.Parent(parent, claim);
      }
      current = parent;
    }
    return null;
  }

  /** The manifest label of {@code manifest}'s {@code parentOf} ingredient, or null. */
  private static String parentOfLabel(Jumbf.Box manifest) {
    Jumbf.Box assertions = manifest.childLabelled("c2pa.assertions");
    if (assertions == null) {
      return null;
    }
    for (Jumbf.Box assertion : assertions.superboxes()) {
      if (!INSTANCE_SUFFIX.matcher(label(assertion)).replaceFirst("").startsWith("c2pa.ingredient")) {
        continue;
      }
      Jumbf.Box content = assertion.content();
      byte[] bytes = content == null ? null : payload(content);
      JsonNode ingredient = bytes == null || !"cbor".equals(content.type()) ? null : readCbor(bytes);
      if (ingredient != null && "parentOf".equals(ingredient.path("relationship").asText())) {
        String url = ingredient.path("c2pa_manifest").path("url").asText(ingredient.path("activeManifest").path("url").asText(""));
        return manifestLabel(url);
      }
    }
    return null;
  }

  /** "self#jumbf=/c2pa/urn:uuid:…/c2pa.claim" gives "urn:uuid:…". */
  private static String manifestLabel(String url) {
    int at = url.indexOf("/c2pa/");
    if (at < 0) {
      return null;
    }
    String rest = url.substring(at + "/c2pa/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /**
   * A name as RFC 4514 writes it, most specific part first ("CN=cai-prod, O=Adobe Inc."), with the
   * short attribute names Bouncy Castle knows (E for an email address) and RFC 4514 escaping.
   */
  static String distinguishedName(X500Principal principal) {
    RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs();
    List<String> parts = new ArrayList<>();
    for (int i = rdns.length - 1; i >= 0; i--) {
      for (AttributeTypeAndValue value : rdns[i].getTypesAndValues()) {
        String type = BCStyle.INSTANCE.oidToDisplayName(value.getType());
        parts.add((type == null ? value.getType().getId() : type) + "=" + IETFUtils.valueToString(value.getValue()));
      }
    }
    return String.join(", ", parts);
  }

  private static byte[] payload(Jumbf.Box content) {
    return content == null ? null : Arrays.copyOfRange(content.data(), content.payloadStart(), content.payloadEnd());
  }

  private static JsonNode readCbor(byte[] bytes) {
    try {
      return CBOR.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String label(Jumbf.Box box) {
    return box.label() == null ? "" : box.label();
  }

  private static String join(String first, String second) {
    if (first == null) {
      return second;
    }
    return second == null ? first : first + "; " + second;
  }
}
