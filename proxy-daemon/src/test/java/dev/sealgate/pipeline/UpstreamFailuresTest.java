package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.ProxyRefusal;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * The failures no loopback origin can produce (an unreachable network needs a route that would let
 * packets leave this machine), classified from the exceptions Netty's epoll transport throws for
 * them; UpstreamFaultsTest drives the ones a real origin can.
 */
class UpstreamFailuresTest {
  @Test
  void noRouteToTheNetworkOrHostIsAConnectFailureNotAReset() {
    // Netty's connect(2) and finishConnect turn ENETUNREACH and EHOSTUNREACH into this exception,
    // annotated with the address, as the cause of the connect future's failure.
    ProxyRefusal r =
        UpstreamFailures.classify(
            new IOException("connect failed", new NoRouteToHostException()), "10.9.0.1", 443);

    assertThat(r.code()).isEqualTo(ErrorCode.UPSTREAM_CONNECT_FAILED);
    assertThat(r.hint()).contains("no network route to 10.9.0.1:443");
  }

  @Test
  void aRefusedOrTimedOutConnectIsAConnectFailure() {
    assertThat(UpstreamFailures.classify(new ConnectException("refused"), "localhost", 8443).code())
        .isEqualTo(ErrorCode.UPSTREAM_CONNECT_FAILED);
    assertThat(
            UpstreamFailures.classify(new ConnectTimeoutException("slow"), "localhost", 8443)
                .hint())
        .contains("timed out");
  }

  @Test
  void aConnectionClosedMidwayIsAReset() {
    assertThat(UpstreamFailures.classify(new ClosedChannelException(), "localhost", 8443).code())
        .isEqualTo(ErrorCode.UPSTREAM_RESET);
  }
}
