package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.ProxyClient;
import dev.sealgate.testing.RecordedRequest;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each SPEC §2 injection style, end to end: agent → daemon → verified TLS → a real origin. */
class InjectionStylesTest {
  private static final String VALUE = "sk_live_canary_" + System.nanoTime();
  private static final String USER_PASS = "alice:s3cr3t pass";

  @TempDir static Path dir;
  static TestCa ca;
  static TestOrigin origin;
  static DaemonFixture daemon;
  static ProxyClient client;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create("sealgate test CA");
    origin = TestOrigin.https(ca);
    daemon = DaemonFixture.start(dir, ca);
    daemon.addKey("API_KEY", VALUE, "localhost");
    daemon.addKey("BASIC_KEY", USER_PASS, "localhost");
    client = new ProxyClient(daemon);
    // http:// on purpose: a request that carries a key always leaves over TLS.
    base = "http://localhost:" + origin.port();
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
  }

  @Test
  void bearerReplacesTheAgentsAuthorizationAndTravelsOverTls() throws Exception {
    HttpResponse<String> response =
        client.send(
            client
                .request(base + "/v1/balance?limit=3")
                .header("Sealgate-Bearer", "API_KEY")
                .header("Authorization", "Bearer agent-guess"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    RecordedRequest seen = origin.takeRequest();
    assertThat(seen.tls()).isTrue();
    assertThat(seen.uri()).isEqualTo("/v1/balance?limit=3");
    assertThat(seen.headers().getAll("Authorization")).containsExactly("Bearer " + VALUE);
    assertThat(seen.header("Host")).isEqualTo("localhost:" + origin.port());
    assertNoProxyHeaders(seen);
  }

  @Test
  void basicSendsTheStoredUserAndPasswordBase64Encoded() throws Exception {
    client.send(client.request(base + "/basic").header("Sealgate-Basic", "BASIC_KEY"));

    String expected =
        Base64.getEncoder().encodeToString(USER_PASS.getBytes(StandardCharsets.UTF_8));
    assertThat(origin.takeRequest().header("Authorization")).isEqualTo("Basic " + expected);
  }

  @Test
  void headerStyleKeepsTheNamesCaseAndAcceptsAList() throws Exception {
    client.send(
        client
            .request(base + "/h")
            .header("sealgate-header", "x-api-key=API_KEY, X-Other=BASIC_KEY"));

    RecordedRequest seen = origin.takeRequest();
    List<String> names = seen.headers().names().stream().toList();
    assertThat(names).contains("x-api-key", "X-Other");
    assertThat(seen.header("x-api-key")).isEqualTo(VALUE);
    assertThat(seen.header("X-Other")).isEqualTo(USER_PASS);
  }

  @Test
  void queryStyleAddsAnUrlEncodedParameterAndKeepsTheOthers() throws Exception {
    client.send(client.request(base + "/q?a=1&key=old").header("Sealgate-Query", "key=BASIC_KEY"));

    String uri = origin.takeRequest().uri();
    assertThat(uri).startsWith("/q?a=1");
    assertThat(uri).contains("key=alice%3As3cr3t%20pass").doesNotContain("key=old");
  }

  @Test
  void bodyStyleSetsTheJsonFieldAsAString() throws Exception {
    client.send(
        client
            .request(base + "/json")
            .header("Sealgate-Body", "/auth/token=API_KEY")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"auth\":{\"token\":\"?\",\"user\":\"me\"},\"n\":1}")));

    RecordedRequest seen = origin.takeRequest();
    assertThat(seen.bodyText())
        .isEqualTo("{\"auth\":{\"token\":\"" + VALUE + "\",\"user\":\"me\"},\"n\":1}");
    assertThat(seen.header("Content-Length")).isEqualTo(String.valueOf(seen.bodyLength()));
  }

  @Test
  void formStyleSetsTheFieldOfAnUrlEncodedBody() throws Exception {
    client.send(
        client
            .request(base + "/form")
            .header("Sealgate-Form", "client_secret=BASIC_KEY")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&client_secret=x")));

    assertThat(origin.takeRequest().bodyText())
        .isEqualTo("grant_type=client_credentials&client_secret=alice%3As3cr3t%20pass");
  }

  @Test
  void eachInjectedRequestIsAuditedWithNamesNeverValues() throws Exception {
    client.send(
        client.request(base + "/audited/path?token=abc").header("Sealgate-Bearer", "API_KEY"));
    origin.takeRequest();

    AuditRecord r = daemon.lastAudit();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.scheme()).isEqualTo("https");
    assertThat(r.host()).isEqualTo("localhost");
    assertThat(r.port()).isEqualTo(origin.port());
    assertThat(r.path()).isEqualTo("/audited/path");
    assertThat(r.keys()).containsExactly("API_KEY");
    assertThat(r.styles()).containsExactly("bearer");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.outcome()).isEqualTo(Outcome.OK);
    // Head and body as on the wire: a GET sends its request line and headers, as in SPEC §3.
    assertThat(r.bytesOut()).isBetween(50L, 2048L);
    assertThat(r.bytesIn()).isBetween(2L + 17, 2L + 2048); // "HTTP/1.1 200 OK\r\n" and "ok"
    assertThat(r.client()).startsWith("127.0.0.1:");
    assertThat(r.toString()).doesNotContain(VALUE);
  }

  @Test
  void gatewayModeForwardsToTheNamedTarget() throws Exception {
    HttpResponse<String> response =
        client.gateway(
            "/v1/gw?x=1",
            "https://localhost:" + origin.port(),
            "Sealgate-Token",
            daemon.token(),
            "Sealgate-Bearer",
            "API_KEY");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest seen = origin.takeRequest();
    assertThat(seen.uri()).isEqualTo("/v1/gw?x=1");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer " + VALUE);
    assertNoProxyHeaders(seen);
  }

  private static void assertNoProxyHeaders(RecordedRequest seen) {
    for (Map.Entry<String, String> h : seen.headers()) {
      assertThat(h.getKey().toLowerCase())
          .doesNotStartWith("sealgate-")
          .isNotEqualTo("proxy-authorization")
          .isNotEqualTo("proxy-connection");
    }
  }
}
