package dev.sealgate.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafCertificatesTest {
  @TempDir Path home;
  private LocalCa ca;
  private final Instant now = Instant.now();

  @BeforeEach
  void ca() throws Exception {
    ca = LocalCa.loadOrCreate(home.resolve("ca"), Clock.systemUTC());
  }

  /**
   * What a client that trusts only the local CA concludes: the chain is trusted, and the leaf names
   * the host (the handshake in ConnectTest checks names the way clients do).
   */
  private void verify(X509Certificate leaf, String host) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
    X509Certificate[] chain = {leaf, ca.certificate()};
    tm.checkServerTrusted(chain, "ECDHE_ECDSA");
    int type = host.chars().allMatch(c -> Character.isDigit(c) || c == '.') ? 7 : 2;
    if (leaf.getSubjectAlternativeNames().stream()
        .noneMatch(san -> san.equals(List.of(type, host)))) {
      throw new CertificateException("the leaf does not name " + host);
    }
  }

  @Test
  void leafForANameVerifiesAgainstTheCaForThatNameOnly() throws Exception {
    X509Certificate leaf =
        new LeafCertificates(ca, Clock.systemUTC()).issue("api.example.com", now);

    verify(leaf, "api.example.com");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getNotAfter().toInstant()).isBefore(now.plus(Duration.ofDays(8)));
    assertThatThrownBy(() -> verify(leaf, "evil.example.com"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void leafForAnAddressCarriesItAsAnIpSan() throws Exception {
    LeafCertificates leafs = new LeafCertificates(ca, Clock.systemUTC());

    verify(leafs.issue("127.0.0.1", now), "127.0.0.1");
    X509Certificate v6 = leafs.issue("::1", now);
    assertThat(v6.getSubjectAlternativeNames())
        .anyMatch(san -> san.equals(List.of(7, "0:0:0:0:0:0:0:1")));
  }

  @Test
  void contextsAreCachedPerHostAndRenewedBeforeTheLeafExpires() {
    Clock start = Clock.fixed(now, ZoneOffset.UTC);
    MutableClock clock = new MutableClock(start);
    LeafCertificates leafs = new LeafCertificates(ca, clock);

    var first = leafs.serverContext("api.example.com");
    assertThat(leafs.serverContext("api.example.com")).isSameAs(first);
    assertThat(leafs.serverContext("other.example.com")).isNotSameAs(first);
    clock.now = now.plus(LeafCertificates.VALIDITY).minus(Duration.ofHours(12));
    assertThat(leafs.serverContext("api.example.com")).isNotSameAs(first);
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Clock start) {
      this.now = start.instant();
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
