package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.ProxyClient;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new upstream connection to an origin sealgate has spoken to resumes the TLS session instead of
 * a full handshake (one round trip and the certificate check saved per connection the pool opens).
 */
class UpstreamSessionResumptionTest {
  @TempDir Path dir;
  @TempDir Path freshDir;

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void aSecondConnectionResumesTheFirstSession(String protocol) throws Exception {
    TestCa ca = TestCa.create("resumption CA");
    try (TestOrigin origin = TestOrigin.https(ca.serverContext(protocol))) {
      String url = "http://localhost:" + origin.port() + "/close";
      try (DaemonFixture daemon = withKey(DaemonFixture.start(dir, ca))) {
        for (int i = 0; i < 2; i++) {
          // /close ends each connection, so the second request needs a connection of its own.
          send(daemon, url);
          origin.takeRequest();
          Thread.sleep(50);
        }
      }
      // The control: a proxy that has never spoken to the origin makes a full handshake.
      try (DaemonFixture fresh = withKey(DaemonFixture.start(freshDir, ca))) {
        send(fresh, url);
        origin.takeRequest();
      }
      List<SSLSession> sessions = origin.sessions();
      assertThat(origin.connections()).isEqualTo(3);
      assertThat(sessions).hasSize(3);
      assertThat(sessions).allSatisfy(s -> assertThat(s.getProtocol()).isEqualTo(protocol));
      // A resumed session keeps the creation time of the one it resumes (TLS 1.3 even gives it a
      // new id); a full handshake 50 ms later cannot share its millisecond.
      assertThat(sessions.get(1).getCreationTime())
          .as("creation time of the second connection's session")
          .isEqualTo(sessions.get(0).getCreationTime());
      assertThat(sessions.get(2).getCreationTime())
          .as("creation time of the fresh proxy's session")
          .isNotEqualTo(sessions.get(0).getCreationTime());
    }
  }

  private static DaemonFixture withKey(DaemonFixture daemon) throws Exception {
    daemon.addKey("KEY", "resumption-value", "localhost");
    return daemon;
  }

  private static void send(DaemonFixture daemon, String url) throws Exception {
    ProxyClient client = new ProxyClient(daemon);
    assertThat(client.send(client.request(url).header("Sealgate-Bearer", "KEY")).statusCode())
        .isEqualTo(200);
  }
}
