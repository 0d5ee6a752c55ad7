package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Which absolute URLs name the proxy itself, so that a gateway request sent through it works. */
class GatewayTargetTest {
  private static final InetSocketAddress SELF =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 8765);

  @Test
  void anAbsoluteUrlNamingThisProxyBecomesItsOriginFormTarget() {
    assertThat(UpstreamTarget.gatewayTarget("http://127.0.0.1:8765/v1/x?a=1", SELF))
        .isEqualTo("/v1/x?a=1");
    assertThat(UpstreamTarget.gatewayTarget("HTTP://localhost:8765", SELF)).isEqualTo("/");
    assertThat(UpstreamTarget.gatewayTarget("http://localhost:8765?a=1", SELF)).isEqualTo("/?a=1");
  }

  @Test
  void anyOtherUriIsLeftForTheUsualChecks() {
    for (String uri :
        new String[] {
          "/v1/x", // already origin-form
          "http://127.0.0.1:8766/v1/x", // another port
          "http://127.0.0.1/v1/x", // port 80
          "http://127.0.0.2:8765/v1/x", // another address
          "http://api.example.com:8765/v1/x", // a name that is not localhost
          "https://127.0.0.1:8765/v1/x", // TLS is never spoken to the proxy itself
          "http://[bad/v1/x"
        }) {
      assertThat(UpstreamTarget.gatewayTarget(uri, SELF)).as(uri).isEqualTo(uri);
    }
  }
}
