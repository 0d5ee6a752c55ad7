package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import dev.sealgate.store.SecretStore;
import dev.sealgate.store.SecretValue;
import dev.sealgate.store.StoreUnavailableException;
import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.ProxyClient;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of SPEC §2: its status, its JSON body, nothing sent upstream, an audit record. */
class RefusalsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALUE = "refusal-value-" + System.nanoTime();

  @TempDir static Path dir;
  static TestOrigin origin;
  static DaemonFixture daemon;
  static ProxyClient client;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create("refusals CA");
    origin = TestOrigin.https(ca);
    daemon = DaemonFixture.start(dir, ca, "inject:\n  max_body_bytes: 64\n");
    daemon.addKey("STRIPE_KEY", VALUE, "api.stripe.com");
    daemon.addKey("LOCAL_KEY", VALUE, "localhost");
    daemon.addKey("ANY_KEY", VALUE, true);
    client = new ProxyClient(daemon);
    base = "http://localhost:" + origin.port();
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
  }

  @Test
  void aKeySentToAHostOutsideItsAllowlistIsRefusedBeforeAnyByteLeaves() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/x").header("Sealgate-Bearer", "STRIPE_KEY"));

    JsonNode body = assertRefusal(r, 403, "host_not_allowed");
    assertThat(body.path("key").asText()).isEqualTo("STRIPE_KEY");
    assertThat(body.path("host").asText()).isEqualTo("localhost");
    assertThat(body.path("hint").asText()).isEqualTo("sealgate secrets allow STRIPE_KEY localhost");
    assertThat(origin.receivedWithin(200)).isFalse();
    AuditRecord audit = daemon.lastAudit();
    assertThat(audit.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(audit.status()).isEqualTo(403);
    assertThat(audit.keys()).containsExactly("STRIPE_KEY");
  }

  @Test
  void anyHostDoesNotReachLoopbackAddresses() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/x").header("Sealgate-Bearer", "ANY_KEY"));

    assertRefusal(r, 403, "private_address");
    assertThat(origin.receivedWithin(200)).isFalse();
  }

  @Test
  void aKeyThatIsNotStoredIs404() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/x").header("Sealgate-Bearer", "NO_SUCH_KEY"));

    assertThat(assertRefusal(r, 404, "unknown_key").path("key").asText()).isEqualTo("NO_SUCH_KEY");
  }

  @Test
  void anUnparsableInjectionHeaderIs400() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/x").header("Sealgate-Header", "no-equals-sign"));

    assertRefusal(r, 400, "bad_injection_header");
    assertThat(daemon.lastAudit().host()).isEqualTo("localhost");
  }

  @Test
  void aFormInjectionIntoABodyOfAnotherTypeIs400AndNothingIsSent() throws Exception {
    HttpResponse<String> json =
        client.send(
            client
                .request(base + "/x")
                .header("Sealgate-Form", "a=ANY_KEY")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
    HttpResponse<String> text =
        client.send(
            client
                .request(base + "/x")
                .header("Sealgate-Form", "a=ANY_KEY")
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

    assertThat(assertRefusal(json, 400, "bad_injection_header").path("hint").asText())
        .contains("application/x-www-form-urlencoded body, and this one is application/json");
    assertThat(assertRefusal(text, 400, "bad_injection_header").path("hint").asText())
        .contains("this one is text/plain");
    assertThat(origin.receivedWithin(200)).isFalse();
  }

  @Test
  void headersOverTheLimitAre431WithTheErrorHeaderAndAnAuditRecord() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/x")
                .header("Sealgate-Bearer", "LOCAL_KEY")
                .header("X-Big", "a".repeat(70_000))); // proxy.max_header_bytes is 65536

    assertThat(r.statusCode()).isEqualTo(431);
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue("headers_too_large");
    assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("headers_too_large");
    assertThat(origin.receivedWithin(200)).isFalse();
    AuditRecord audit = daemon.lastAudit();
    assertThat(audit.status()).isEqualTo(431);
    assertThat(audit.outcome()).isEqualTo(Outcome.DENIED);
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/x")
                .header("Sealgate-Body", "/token=LOCAL_KEY")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"token\":\"" + "x".repeat(100) + "\"}")));

    assertRefusal(r, 413, "body_too_large");
    assertThat(origin.receivedWithin(200)).isFalse();
  }

  @Test
  void aCallerWithoutTheTokenGets407WithAChallenge() throws Exception {
    HttpClient noToken =
        HttpClient.newBuilder()
            .proxy(
                java.net.ProxySelector.of(
                    new java.net.InetSocketAddress("127.0.0.1", daemon.port())))
            .build();
    HttpResponse<String> r =
        noToken.send(
            HttpRequest.newBuilder(URI.create(base + "/x"))
                .header("Sealgate-Bearer", "LOCAL_KEY")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertRefusal(r, 407, "proxy_auth_required");
    assertThat(r.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"sealgate\"");
    assertThat(origin.receivedWithin(200)).isFalse();
    AuditRecord audit = daemon.lastAudit();
    assertThat(audit.status()).isEqualTo(407);
    assertThat(audit.host()).as("proxy logs --host finds it").isEqualTo("localhost");
    assertThat(audit.path()).isEqualTo("/x");
    assertThat(audit.keys()).containsExactly("LOCAL_KEY");
  }

  @Test
  void aWrongTokenIs407() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/x")
                .setHeader("Proxy-Authorization", "Basic c2VhbGdhdGU6d3Jvbmc=")
                .header("Sealgate-Bearer", "LOCAL_KEY"));

    assertRefusal(r, 407, "proxy_auth_required");
  }

  @Test
  void aLockedStoreIs503(@TempDir Path other) throws Exception {
    TestCa ca = TestCa.create("locked CA");
    try (DaemonFixture locked = DaemonFixture.start(other, ca, new LockedStore())) {
      locked.addKey("LOCKED_KEY", "unused", "localhost");
      ProxyClient c = new ProxyClient(locked);
      HttpResponse<String> r =
          c.send(c.request(base + "/x").header("Sealgate-Bearer", "LOCKED_KEY"));

      assertRefusal(r, 503, "store_locked");
    }
  }

  private static JsonNode assertRefusal(HttpResponse<String> r, int status, String error)
      throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue(error);
    assertThat(r.body()).doesNotContain(VALUE);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("error").asText()).isEqualTo(error);
    return body;
  }

  /** Fails the way a locked keychain does: every read and write is refused. */
  private static final class LockedStore implements SecretStore {
    @Override
    public String kind() {
      return "keychain";
    }

    @Override
    public Optional<SecretValue> get(String key) throws StoreUnavailableException {
      throw new StoreUnavailableException("the keychain is locked; unlock it and retry");
    }

    @Override
    public void put(String key, SecretValue value) {
      // The fixture writes the index entry; the value is never needed.
    }

    @Override
    public boolean delete(String key) {
      return false;
    }

    @Override
    public void close() {}
  }
}
