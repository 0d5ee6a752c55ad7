package dev.sealgate.ca;

import dev.sealgate.inject.AddressClassifier;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Server TLS contexts presenting a leaf from the {@link LocalCa} for one host each, for intercepted
 * CONNECTs. One leaf key serves every host (a key per leaf would cost a key generation per new host
 * and protect nothing more: all of them live in this process). Leaves live a week and are issued
 * again when less than a day is left; the most recently used hosts are kept.
 */
public final class LeafCertificates {
  static final Duration VALIDITY = Duration.ofDays(7);
  private static final Duration RENEW_BEFORE = Duration.ofDays(1);
  private static final int CACHED_HOSTS = 1024;

  private record Issued(SslContext context, Instant notAfter) {}

  private final LocalCa ca;
  private final Clock clock;
  private final KeyPair leafKey = Certificates.newP256Key();
  private final Map<String, Issued> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
          return size() > CACHED_HOSTS;
        }
      };

  public LeafCertificates(LocalCa ca, Clock clock) {
    this.ca = ca;
    this.clock = clock;
  }

  /**
   * A server context for {@code host} (a DNS name, or an IP literal without brackets). Thread-safe;
   * issuing a new leaf takes about a millisecond, so call it off the event loop.
   */
  public synchronized SslContext serverContext(String host) {
    Instant now = clock.instant();
    Issued issued = cache.get(host);
    if (issued == null || issued.notAfter().minus(RENEW_BEFORE).isBefore(now)) {
      X509Certificate leaf = issue(host, now);
      issued = new Issued(context(leaf), leaf.getNotAfter().toInstant());
      cache.put(host, issued);
    }
    return issued.context();
  }

  X509Certificate issue(String host, Instant now) {
    InetAddress literal = AddressClassifier.literal(host);
    GeneralName san =
        literal != null
            ? new GeneralName(GeneralName.iPAddress, literal.getHostAddress())
            : new GeneralName(GeneralName.dNSName, host);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, host)
            .addRDN(BCStyle.O, "sealgate")
            .build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      return Certificates.sign(
          new JcaX509v3CertificateBuilder(
                  ca.certificate(),
                  Certificates.serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(VALIDITY)),
                  subject,
                  leafKey.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(ca.certificate()))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(leafKey.getPublic())),
          ca.key());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a leaf certificate", e);
    }
  }

  private SslContext context(X509Certificate leaf) {
    try {
      return SslContextBuilder.forServer(leafKey.getPrivate(), leaf, ca.certificate())
          .sslProvider(SslProvider.JDK)
          // The inner requests are read with an HTTP/1.1 codec: never agree to h2.
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build a TLS context for an intercepted host", e);
    }
  }
}
