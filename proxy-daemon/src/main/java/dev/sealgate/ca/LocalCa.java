package dev.sealgate.ca;

import dev.sealgate.store.AtomicFile;
import dev.sealgate.store.PrivateDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * This machine's own certificate authority, {@code <home>/ca/ca.pem} and {@code ca.key} (SPEC §1).
 * Clients that trust it let the proxy end their TLS for hosts a stored key may reach.
 *
 * <p>EC P-256, valid ten years, its key {@code 0600} beside the secret store: whoever can read the
 * key can already read the store. It carries no name constraints: the hosts it must sign for are
 * the keys' allowlists, which change after the CA has been trusted. To rotate it, delete {@code
 * <home>/ca}, run {@code sealgate init} (or start the proxy) and trust the new {@code ca.pem}.
 */
public final class LocalCa {
  static final Duration VALIDITY = Duration.ofDays(3650);
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private final Path dir;
  private final X509Certificate certificate;
  private final PrivateKey key;

  private LocalCa(Path dir, X509Certificate certificate, PrivateKey key) {
    this.dir = dir;
    this.certificate = certificate;
    this.key = key;
  }

  public static Path certificateFile(Path caDir) {
    return caDir.resolve("ca.pem");
  }

  static Path keyFile(Path caDir) {
    return caDir.resolve("ca.key");
  }

  /**
   * The CA in {@code caDir}, made there first when it is missing or half-written.
   *
   * @throws IOException when the files cannot be read or written, or hold no usable CA; the message
   *     names the file and the fix
   */
  public static LocalCa loadOrCreate(Path caDir, Clock clock) throws IOException {
    Path pem = certificateFile(caDir);
    Path keyFile = keyFile(caDir);
    if (Files.exists(pem) && Files.exists(keyFile)) {
      return load(caDir, clock);
    }
    // The key is written first, so a crash leaves at worst a key without its certificate, which
    // is treated as no CA at all: a certificate someone may have trusted is never orphaned.
    PrivateDirectory.create(caDir);
    KeyPair pair = Certificates.newP256Key();
    X509Certificate cert = selfSign(pair, clock.instant());
    AtomicFile.write(keyFile, pkcs8(pair.getPrivate()));
    AtomicFile.write(pem, Certificates.pem(cert).getBytes(StandardCharsets.US_ASCII));
    return new LocalCa(caDir, cert, pair.getPrivate());
  }

  private static LocalCa load(Path caDir, Clock clock) throws IOException {
    Path pem = certificateFile(caDir);
    X509Certificate cert;
    PrivateKey key;
    try {
      cert = readCertificate(pem);
      key = readKey(keyFile(caDir));
      cert.checkValidity(Date.from(clock.instant()));
      checkPair(cert, key);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw unusable(pem, caDir, "is outside its validity period");
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw unusable(pem, caDir, "is not a CA certificate and key this program wrote");
    }
    return new LocalCa(caDir, cert, key);
  }

  private static IOException unusable(Path pem, Path caDir, String why) {
    return new IOException(
        "the local CA "
            + pem
            + " "
            + why
            + "; delete "
            + caDir
            + " and run sealgate init, then trust the new ca.pem");
  }

  private static X509Certificate selfSign(KeyPair pair, Instant now) {
    X500Name name =
        new X500Name(
            "CN=sealgate local CA "
                + HexFormat.of().formatHex(Certificates.serial().toByteArray(), 0, 4)
                + ", O=sealgate");
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      return Certificates.sign(
          new JcaX509v3CertificateBuilder(
                  name,
                  Certificates.serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(VALIDITY)),
                  name,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic())),
          pair.getPrivate());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  private static byte[] pkcs8(PrivateKey key) {
    try {
      return Certificates.pem(new JcaPKCS8Generator(key, null).generate())
          .getBytes(StandardCharsets.US_ASCII);
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException("cannot encode the CA key", e);
    }
  }

  // The CA is read with the JDK alone: BouncyCastle is needed only to write certificates, and
  // leaving it unloaded until the first leaf is issued keeps ~160 classes out of an idle proxy.

  private static X509Certificate readCertificate(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** The PKCS#8 {@code PRIVATE KEY} block {@link #pkcs8} writes. */
  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(PKCS8_BEGIN);
    int end = text.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      throw new IOException("not a private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** A certificate beside someone else's key would sign leaves no client can verify. */
  private static void checkPair(X509Certificate cert, PrivateKey key)
      throws GeneralSecurityException {
    byte[] probe = "sealgate".getBytes(StandardCharsets.US_ASCII);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(probe);
    byte[] sig = s.sign();
    s.initVerify(cert.getPublicKey());
    s.update(probe);
    if (!s.verify(sig)) {
      throw new GeneralSecurityException("the key does not belong to the certificate");
    }
  }

  public Path certificateFile() {
    return certificateFile(dir);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  PrivateKey key() {
    return key;
  }
}
