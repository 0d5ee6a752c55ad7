package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.RecordedRequest;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import dev.sealgate.testing.Tunnels;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HTTPS_PROXY}: a CONNECT to a host some key may reach is intercepted with a leaf from the
 * local CA and injected; any other host gets a blind tunnel that shows the client the upstream's
 * own certificate.
 */
class ConnectTest {
  private static final String VALUE = "connect-value-" + System.nanoTime();

  @TempDir static Path dir;
  static TestCa upstreamCa;
  static TestOrigin origin;
  static DaemonFixture daemon;
  static SSLContext trustLocalCa;

  @BeforeAll
  static void start() throws Exception {
    upstreamCa = TestCa.create("connect upstream CA");
    origin = TestOrigin.https(upstreamCa);
    daemon = DaemonFixture.start(dir, upstreamCa);
    daemon.addKey("API_KEY", VALUE, "localhost");
    trustLocalCa = Tunnels.trusting(daemon.paths().caDir().resolve("ca.pem"));
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", daemon.port())))
        .sslContext(trustLocalCa)
        .authenticator(
            new Authenticator() {
              @Override
              protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("sealgate", daemon.token().toCharArray());
              }
            })
        .build();
  }

  @Test
  void interceptedRequestIsInjectedAndAudited() throws Exception {
    String url = "https://localhost:" + origin.port() + "/v1/balance?x=1";
    HttpResponse<String> r =
        client()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Sealgate-Bearer", "API_KEY")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    RecordedRequest seen = origin.takeRequest();
    assertThat(seen.tls()).isTrue();
    assertThat(seen.uri()).isEqualTo("/v1/balance?x=1");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer " + VALUE);
    assertThat(seen.header("Sealgate-Bearer")).isNull();
    assertThat(seen.header("Proxy-Authorization")).isNull();
    AuditRecord record = daemon.lastAudit();
    assertThat(record.method()).isEqualTo("GET");
    assertThat(record.scheme()).isEqualTo("https");
    assertThat(record.host()).isEqualTo("localhost");
    assertThat(record.port()).isEqualTo(origin.port());
    assertThat(record.path()).isEqualTo("/v1/balance");
    assertThat(record.keys()).containsExactly("API_KEY");
    assertThat(record.status()).isEqualTo(200);
  }

  @Test
  void interceptedTunnelCarriesManyRequests() throws Exception {
    HttpClient http = client();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + origin.port() + "/n/" + i))
                  .header("Sealgate-Header", "x-api-key=API_KEY")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(origin.takeRequest().header("x-api-key")).isEqualTo(VALUE);
    }
  }

  @Test
  void interceptionPresentsALeafForTheHostFromTheLocalCa() throws Exception {
    Tunnels.Answer answer =
        Tunnels.connect(daemon.port(), "localhost:" + origin.port(), daemon.proxyAuthorization());
    assertThat(answer.status()).isEqualTo(200);

    try (SSLSocket tls = Tunnels.tls(answer, "localhost", trustLocalCa, "h2", "http/1.1")) {
      X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
      assertThat(leaf.getIssuerX500Principal().getName()).contains("sealgate local CA");
      assertThat(leaf.getSubjectAlternativeNames()).anyMatch(san -> san.get(1).equals("localhost"));
      assertThat(tls.getApplicationProtocol()).isEqualTo("http/1.1");
    }
  }

  @Test
  void otherHostsGetABlindTunnelWithTheUpstreamsOwnCertificate() throws Exception {
    TestCa otherCa = TestCa.create("blind upstream CA");
    try (TestOrigin other = TestOrigin.https(otherCa)) {
      // No key may reach 127.0.0.1, so nothing is intercepted.
      Tunnels.Answer answer =
          Tunnels.connect(daemon.port(), "127.0.0.1:" + other.port(), daemon.proxyAuthorization());
      assertThat(answer.status()).isEqualTo(200);
      try (SSLSocket tls = Tunnels.tls(answer, "127.0.0.1", otherCa.clientContext())) {
        X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
        assertThat(leaf.getIssuerX500Principal().getName()).contains("blind upstream CA");
        OutputStream out = tls.getOutputStream();
        out.write(
            "GET /blind HTTP/1.1\r\nHost: 127.0.0.1\r\nSealgate-Bearer: API_KEY\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(Tunnels.readHead(tls.getInputStream())).startsWith("HTTP/1.1 200");
      }
      // Unread: the header went through as the client wrote it, and nothing was injected.
      RecordedRequest seen = other.takeRequest();
      assertThat(seen.header("Sealgate-Bearer")).isEqualTo("API_KEY");
      assertThat(seen.header("Authorization")).isNull();
    }
    AuditRecord tunnel = awaitRecord("CONNECT", "127.0.0.1");
    assertThat(tunnel.status()).isEqualTo(200);
    assertThat(tunnel.outcome()).isEqualTo(Outcome.OK);
    assertThat(tunnel.keys()).isEmpty();
    assertThat(tunnel.bytesOut()).isPositive();
    assertThat(tunnel.bytesIn()).isPositive();
  }

  @Test
  void blindTunnelPassesEachDirectionsEndOnItsOwn() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serverSide =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  long n = s.getInputStream().readAllBytes().length; // until the client's FIN
                  s.getOutputStream().write(("got " + n).getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Tunnels.Answer answer =
          Tunnels.connect(
              daemon.port(), "127.0.0.1:" + server.getLocalPort(), daemon.proxyAuthorization());
      assertThat(answer.status()).isEqualTo(200);
      Socket s = answer.socket();
      s.getOutputStream().write(new byte[300_000]);
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("got 300000");
      serverSide.get(20, TimeUnit.SECONDS);
      s.close();
    }
  }

  @Test
  void connectWithoutTokenIsAskedForOne() throws Exception {
    Tunnels.Answer answer = Tunnels.connect(daemon.port(), "localhost:" + origin.port(), null);
    assertThat(answer.status()).isEqualTo(407);
    assertThat(answer.header("Proxy-Authenticate")).startsWith("Basic");
    assertThat(answer.body()).contains("\"error\":\"proxy_auth_required\"");
    answer.socket().close();
  }

  @Test
  void connectToABadPortIsABadRequest() throws Exception {
    for (String authority : new String[] {"localhost", "localhost:0", "localhost:99999", "x:y"}) {
      Tunnels.Answer answer =
          Tunnels.connect(daemon.port(), authority, daemon.proxyAuthorization());
      assertThat(answer.status()).as(authority).isEqualTo(400);
      assertThat(answer.body()).as(authority).contains("\"hint\"");
      answer.socket().close();
    }
  }

  @Test
  void connectToAPortNobodyListensOnFails() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Tunnels.Answer answer =
        Tunnels.connect(daemon.port(), "127.0.0.1:" + closed, daemon.proxyAuthorization());
    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.body()).contains("\"error\":\"upstream_connect_failed\"");
    assertThat(answer.socket().getInputStream().read()).isEqualTo(-1); // and the connection ends
    answer.socket().close();
  }

  @Test
  void connectToAHostThatDoesNotResolveFails() throws Exception {
    Tunnels.Answer answer =
        Tunnels.connect(daemon.port(), "no-such-host.invalid:443", daemon.proxyAuthorization());
    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.body()).contains("\"error\":\"upstream_connect_failed\"");
    answer.socket().close();
  }

  @Test
  void interceptedRequestToAnUntrustedUpstreamFailsTls() throws Exception {
    try (TestOrigin rogue = TestOrigin.https(TestCa.create("rogue CA"))) {
      HttpResponse<String> r =
          client()
              .send(
                  HttpRequest.newBuilder(URI.create("https://localhost:" + rogue.port() + "/"))
                      .header("Sealgate-Bearer", "API_KEY")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).contains("\"error\":\"upstream_tls_failed\"");
      assertThat(rogue.receivedWithin(200)).isFalse();
    }
  }

  @Test
  void interceptedHostOnAPrivateAddressIsRefusedUnlessNamedExactly(@TempDir Path other)
      throws Exception {
    try (DaemonFixture anyHost = DaemonFixture.start(other, upstreamCa)) {
      anyHost.addKey("ANY", VALUE, true);
      Tunnels.Answer answer =
          Tunnels.connect(
              anyHost.port(), "127.0.0.1:" + origin.port(), anyHost.proxyAuthorization());
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.body()).contains("\"error\":\"private_address\"");
      answer.socket().close();
    }
  }

  /** The record of a tunnel is written when it closes, a moment after the client saw the end. */
  private static AuditRecord awaitRecord(String method, String host) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (AuditRecord r : daemon.audit()) {
        if (r.method().equals(method) && r.host().equals(host)) {
          return r;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + method + " record for " + host);
  }
}
