package org.provenanceaudit.scan;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway P-256 keys and certificates (Bouncy Castle), and the COSE_Sign1 claim signature a C2PA
 * manifest carries, for tests and the benchmark that sign their own files. Certificates are valid
 * from 2025-05-31 to 2026-06-01; validate them with an {@code asOf} inside that window.
 */
final class ThrowawaySigner {
  private ThrowawaySigner() {}

  /** The C2PA signing EKU, id-kp-documentSigning's C2PA sibling (1.3.6.1.5.5.7.3.36). */
  private static final String C2PA_SIGNING_EKU = "1.3.6.1.5.5.7.3.36";
  /** JUMBF type of the c2pa.signature superbox ("c2cs"). */
  static final String SIGNATURE_TYPE = "6332637300110010800000aa00389b71";

  static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A CA certificate ({@code ca}) or a C2PA signing certificate for {@code key}, signed by {@code signer}. */
  static X509Certificate certificate(String subject, String issuer, PublicKey key, PrivateKey signer, boolean ca)
      throws Exception {
    Instant now = Instant.parse("2025-06-01T00:00:00Z");
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name(subject), key);
    if (ca) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(C2PA_SIGNING_EKU))));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  /**
   * The {@code c2pa.signature} content: a tagged COSE_Sign1 (RFC 9052) over {@code claim} (detached
   * payload), ES256, with {@code certificate} as the protected {@code x5chain}. Always the same
   * length for the same certificate.
   */
  static byte[] cose(byte[] claim, X509Certificate certificate, PrivateKey signer) throws Exception {
    ByteArrayOutputStream protectedHeader = new ByteArrayOutputStream();
    CBORFactory factory = new CBORFactory();
    try (CBORGenerator cbor = factory.createGenerator(protectedHeader)) {
      cbor.writeStartObject();
      cbor.writeFieldId(1);
      cbor.writeNumber(-7);
      cbor.writeFieldId(33);
      cbor.writeBinary(certificate.getEncoded());
      cbor.writeEndObject();
    }
    Signature es256 = Signature.getInstance("SHA256withPLAIN-ECDSA", C2paValidator.BC);
    es256.initSign(signer);
    es256.update(C2paValidator.sigStructure("Signature1", protectedHeader.toByteArray(), claim));
    ByteArrayOutputStream cose = new ByteArrayOutputStream();
    try (CBORGenerator cbor = factory.createGenerator(cose)) {
      cbor.writeTag(18);
      cbor.writeStartArray(null, 4);
      cbor.writeBinary(protectedHeader.toByteArray());
      cbor.writeStartObject();
      cbor.writeEndObject();
      cbor.writeNull();
      cbor.writeBinary(es256.sign());
      cbor.writeEndArray();
    }
    return cose.toByteArray();
  }
}
