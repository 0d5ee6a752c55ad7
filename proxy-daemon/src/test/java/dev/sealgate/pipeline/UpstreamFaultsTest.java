package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.Outcome;
import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.ProxyClient;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin being down, resetting, hanging or presenting a certificate nobody vouches for. */
class UpstreamFaultsTest {
  @TempDir static Path dir;
  static TestOrigin origin;
  static TestOrigin untrusted;
  static TestOrigin wrongName;
  static DaemonFixture daemon;
  static ProxyClient client;

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create("faults CA");
    origin = TestOrigin.https(ca);
    untrusted = TestOrigin.https(TestCa.create("a CA the proxy does not trust"));
    wrongName = TestOrigin.https(ca.serverContextFor("not-localhost.example"));
    daemon = DaemonFixture.start(dir, ca, "  response_timeout: 1s\n  connect_timeout: 2s\n");
    daemon.addKey("KEY", "fault-value", "localhost");
    client = new ProxyClient(daemon);
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
    untrusted.close();
    wrongName.close();
  }

  @Test
  void aClosedPortIsUpstreamConnectFailed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    HttpResponse<String> r =
        client.send(
            client.request("http://localhost:" + closed + "/").header("Sealgate-Bearer", "KEY"));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue("upstream_connect_failed");
    assertThat(daemon.lastAudit().outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
  }

  @Test
  void aConnectionClosedWithoutAnswerIsUpstreamReset() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request("http://localhost:" + origin.port() + "/reset")
                .header("Sealgate-Bearer", "KEY"));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue("upstream_reset");
  }

  @Test
  void noAnswerWithinTheResponseTimeoutIs504() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request("http://localhost:" + origin.port() + "/hang")
                .header("Sealgate-Bearer", "KEY"));

    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue("upstream_timeout");
  }

  @Test
  void aTrustedCertificateForAnotherNameIsUpstreamTlsFailedAndNothingIsSent() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request("http://localhost:" + wrongName.port() + "/")
                .header("Sealgate-Bearer", "KEY"));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue("upstream_tls_failed");
    assertThat(wrongName.receivedWithin(200)).as("the hostname is verified").isFalse();
  }

  @Test
  void aCertificateFromAnUntrustedCaIsUpstreamTlsFailedAndNothingIsSent() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request("http://localhost:" + untrusted.port() + "/")
                .header("Sealgate-Bearer", "KEY"));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("Sealgate-Error")).hasValue("upstream_tls_failed");
    assertThat(untrusted.receivedWithin(200)).isFalse();
  }
}
