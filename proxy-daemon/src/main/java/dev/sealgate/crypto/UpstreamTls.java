package dev.sealgate.crypto;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client TLS context for upstream connections: the JDK's trust store plus an optional {@code
 * upstream.extra_ca_file}, hostname verification on. There is deliberately no way to turn
 * verification off.
 */
public final class UpstreamTls {
  private UpstreamTls() {}

  /**
   * @param extraCaFile PEM file with one or more CA certificates to trust besides the system's, or
   *     {@code null}
   * @throws IOException naming the file when it cannot be read or holds no certificate
   */
  public static SslContext clientContext(Path extraCaFile) throws IOException {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int n = 0;
      for (X509Certificate cert : systemAnchors()) {
        anchors.setCertificateEntry("system-" + n++, cert);
      }
      if (extraCaFile != null) {
        Collection<? extends java.security.cert.Certificate> extra = readPem(extraCaFile);
        for (java.security.cert.Certificate cert : extra) {
          anchors.setCertificateEntry("extra-" + n++, cert);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      return SslContextBuilder.forClient()
          .sslProvider(SslProvider.JDK)
          .trustManager(tmf)
          .endpointIdentificationAlgorithm("HTTPS")
          .protocols("TLSv1.3", "TLSv1.2")
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build the upstream TLS context: " + e.getMessage(), e);
    }
  }

  private static Collection<? extends java.security.cert.Certificate> readPem(Path file)
      throws IOException, GeneralSecurityException {
    Collection<? extends java.security.cert.Certificate> certs;
    try (InputStream in = Files.newInputStream(file)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("upstream.extra_ca_file " + file + " does not exist", e);
    }
    if (certs.isEmpty()) {
      throw new IOException("upstream.extra_ca_file " + file + " holds no PEM certificate");
    }
    return certs;
  }

  private static X509Certificate[] systemAnchors() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509.getAcceptedIssuers();
      }
    }
    return new X509Certificate[0];
  }
}
