package dev.sealgate.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made fresh for one test run, and a leaf for {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1} that it signed. Tests trust this CA explicitly (the proxy through
 * {@code upstream.extra_ca_file}, clients through their own CA options); nothing ever turns
 * verification off.
 */
public final class TestCa {
  private final KeyPair caKey;
  private final X509Certificate caCert;
  private final KeyPair leafKey;
  private final X509Certificate leafCert;

  private TestCa(String name) throws GeneralSecurityException, IOException {
    caKey = ecKey();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=" + name);
    X509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))),
            caName,
            caKey.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    ca.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    caCert = sign(ca, caKey);

    leafKey = ecKey();
    leafCert =
        leaf(
            leafKey,
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1"));
  }

  private X509Certificate leaf(KeyPair key, GeneralName... names)
      throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder leaf =
        new JcaX509v3CertificateBuilder(
            new X500Name(caCert.getSubjectX500Principal().getName()),
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=" + names[0].getName()),
            key.getPublic());
    leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    return sign(leaf, caKey);
  }

  public static TestCa create(String name) {
    try {
      return new TestCa(name);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a test CA", e);
    }
  }

  private static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** Writes the CA certificate as PEM (for {@code extra_ca_file}, curl's --cacert, Python). */
  public Path writeCaPem(Path file) {
    try {
      StringWriter s = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(s)) {
        w.writeObject(caCert);
      }
      Files.writeString(file, s.toString());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Netty server context presenting the leaf. */
  public SslContext serverContext() {
    try {
      return SslContextBuilder.forServer(leafKey.getPrivate(), leafCert, caCert).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same, speaking only {@code protocol} ({@code TLSv1.2}, {@code TLSv1.3}). */
  public SslContext serverContext(String protocol) {
    try {
      return SslContextBuilder.forServer(leafKey.getPrivate(), leafCert, caCert)
          .protocols(protocol)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A server context with a leaf of this CA for {@code dnsName} only: trusted, but for another name
   * than the one a client connects to.
   */
  public SslContext serverContextFor(String dnsName) {
    try {
      KeyPair key = ecKey();
      X509Certificate cert = leaf(key, new GeneralName(GeneralName.dNSName, dnsName));
      return SslContextBuilder.forServer(key.getPrivate(), cert, caCert).build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a test leaf", e);
    }
  }

  /** A JDK context that trusts this CA only (for clients such as HttpClient). */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("test-ca", caCert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, tmf.getTrustManagers(), null);
      return c;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
