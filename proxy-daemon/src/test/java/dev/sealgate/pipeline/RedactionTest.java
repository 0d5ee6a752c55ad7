package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.ProxyClient;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that echoes what it was sent (the {@code /echo} origin) never gets an injected value
 * back to the agent: in headers or body, in the spelling it was injected in, split across chunks,
 * compressed, or in the middle of an event stream.
 */
class RedactionTest {
  /**
   * Has a slash, a quote and a space, so each encoding spells it differently from the raw bytes.
   */
  private static final String VALUE = "sk/live \"" + System.nanoTime() + "\"+tail";

  private static final String MARKER = "[REDACTED:API_KEY]";

  @TempDir static Path dir;
  static TestOrigin origin;
  static DaemonFixture daemon;
  static ProxyClient client;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create("redaction CA");
    origin = TestOrigin.https(ca);
    daemon = DaemonFixture.start(dir, ca);
    daemon.addKey("API_KEY", VALUE, "localhost");
    client = new ProxyClient(daemon);
    base = "http://localhost:" + origin.port();
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    origin.drain();
  }

  @Test
  void aRawValueEchoedInAHeaderIsRedactedAndCounted() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/echo").header("Sealgate-Bearer", "API_KEY"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Echo-Authorization")).hasValue("Bearer " + MARKER);
    assertThat(origin.takeRequest().header("authorization")).isEqualTo("Bearer " + VALUE);

    AuditRecord audit = daemon.lastAudit();
    assertThat(audit.outcome()).isEqualTo(Outcome.REDACTED);
    assertThat(audit.redactions()).isEqualTo(1);
  }

  @Test
  void theBase64OfBasicIsRedacted() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/echo").header("Sealgate-Basic", "API_KEY"));
    assertThat(r.headers().firstValue("X-Echo-Authorization")).hasValue("Basic " + MARKER);
    String sent = origin.takeRequest().header("authorization");
    assertThat(sent)
        .isEqualTo(
            "Basic " + Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aPercentEncodedQueryValueIsRedacted() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/echo?a=1").header("Sealgate-Query", "key=API_KEY"));
    assertThat(r.headers().firstValue("X-Echo-Uri")).hasValue("/echo?a=1&key=" + MARKER);
    assertThat(origin.takeRequest().uri()).contains("sk%2Flive%20%22");
  }

  @Test
  void aFormEncodedBodyValueIsRedacted() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/echo")
                .header("Sealgate-Form", "token=API_KEY")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1")));
    assertThat(r.body()).isEqualTo("a=1&token=" + MARKER);
    assertThat(r.headers().firstValue("Content-Length"))
        .as("the length changed, so the body is re-framed")
        .isEmpty();
  }

  @Test
  void aJsonEscapedBodyValueIsRedacted() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/echo")
                .header("Sealgate-Body", "/auth/token=API_KEY")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":1}")));
    assertThat(r.body()).isEqualTo("{\"q\":1,\"auth\":{\"token\":\"" + MARKER + "\"}}");
    assertThat(origin.takeRequest().bodyText()).contains("sk/live \\\"");
    assertThat(daemon.lastAudit().redactions()).isEqualTo(1);
  }

  @Test
  void aValueSplitAcrossChunksIsRedacted() throws Exception {
    // Three-byte chunks: the value arrives in many pieces, none of which is a match on its own.
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/echo?chunk=3")
                .header("Sealgate-Body", "/token=API_KEY")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(r.body()).isEqualTo("{\"token\":\"" + MARKER + "\"}");
  }

  @Test
  void gzipAndDeflateBodiesAreDecodedAndRedacted() throws Exception {
    for (String encoding : new String[] {"gzip", "deflate"}) {
      HttpResponse<String> r =
          client.send(
              client
                  .request(base + "/echo?chunk=7&encoding=" + encoding)
                  .header("Sealgate-Body", "/token=API_KEY")
                  .header("Accept-Encoding", "br, " + encoding)
                  .POST(HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(r.body()).as(encoding).isEqualTo("{\"token\":\"" + MARKER + "\"}");
      assertThat(r.headers().firstValue("Content-Encoding")).as(encoding).isEmpty();
      assertThat(origin.takeRequest().header("accept-encoding"))
          .as("only codings the proxy can decode are asked for")
          .isEqualTo(encoding);
    }
  }

  @Test
  void aBodyInACodingThatCannotBeScannedIsNotPassedOn() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/echo?encoding=br")
                .header("Sealgate-Body", "/token=API_KEY")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body())
        .contains("\"error\":\"upstream_reset\"")
        .contains("br")
        .doesNotContain(VALUE);
    assertThat(daemon.lastAudit().outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
  }

  @Test
  void eventsStillArriveOneByOneWhileRedacted() throws Exception {
    HttpResponse<InputStream> r =
        client.stream(
            client.request(base + "/sse?events=3&echo=1").header("Sealgate-Bearer", "API_KEY"));
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (int i = 1; i <= 3; i++) {
        origin.releaseEvent(); // event i is written only now
        assertThat(events.readLine()).isEqualTo("id: " + i);
        assertThat(events.readLine()).isEqualTo("data: event " + i + " Bearer " + MARKER);
        assertThat(events.readLine()).isEmpty();
      }
      assertThat(events.readLine()).isNull();
    }
    assertThat(daemon.lastAudit().redactions()).isEqualTo(3);
  }

  @Test
  void aResponseWithoutTheValueKeepsItsBody() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request(base + "/echo")
                .header("Sealgate-Header", "X-Api-Key=API_KEY")
                .POST(HttpRequest.BodyPublishers.ofString("nothing secret, just sk/live")));
    assertThat(r.body()).isEqualTo("nothing secret, just sk/live");
    assertThat(daemon.lastAudit().outcome()).isEqualTo(Outcome.OK);
    assertThat(daemon.lastAudit().redactions()).isZero();
  }
}
