package org.provenanceaudit.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The trust the user configured for C2PA signers (C2PA specification, "Trust lists"): the anchors a
 * signing certificate's chain must end at ({@code --trustAnchors}, a PEM bundle) and an optional
 * allowed list of end-entity certificates trusted as they are ({@code --trustedSigners}, PEM). No
 * anchors ship with the tool: with none configured every signer is untrusted.
 *
 * @param anchors the trust anchors, in file order (self-signed roots or intermediates)
 * @param signers end-entity certificates trusted by themselves
 */
public record C2paTrust(List<X509Certificate> anchors, List<X509Certificate> signers) implements Serializable {

  public C2paTrust {
    anchors = List.copyOf(anchors);
    signers = List.copyOf(signers);
  }

  /** No trust list: every signer is untrusted, and validation says no trust list was given. */
  public static C2paTrust none() {
    return new C2paTrust(List.of(), List.of());
  }

  /** Whether the user gave any anchor or allowed signer. */
  public boolean configured() {
    return !anchors.isEmpty() || !signers.isEmpty();
  }

  /**
   * Reads the trust files named by the options; either may be null (not given).
   *
   * @param anchorsFile PEM bundle of trust anchors ({@code --trustAnchors})
   * @param signersFile PEM bundle of allowed end-entity certificates ({@code --trustedSigners})
   * @throws TrustListException naming the option and the file when a file cannot be read, holds no
   *     certificate, or holds something that is not an X.509 certificate
   */
  public static C2paTrust load(String anchorsFile, String signersFile) throws TrustListException {
    return new C2paTrust(read("--trustAnchors", anchorsFile), read("--trustedSigners", signersFile));
  }

  private static List<X509Certificate> read(String option, String file) throws TrustListException {
    if (file == null) {
      return List.of();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new TrustListException(option + "=" + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    Collection<? extends java.security.cert.Certificate> read;
    try {
      read = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
    } catch (CertificateException | RuntimeException e) {
      throw new TrustListException(option + "=" + file + ": not a PEM bundle of X.509 certificates");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (java.security.cert.Certificate certificate : read) {
      certificates.add((X509Certificate) certificate);
    }
    if (certificates.isEmpty()) {
      throw new TrustListException(option + "=" + file + ": holds no certificate");
    }
    return certificates;
  }

  /** A trust file that cannot be used: a configuration error, with a one-line message. */
  public static final class TrustListException extends Exception {
    public TrustListException(String message) {
      super(message);
    }
  }
}
