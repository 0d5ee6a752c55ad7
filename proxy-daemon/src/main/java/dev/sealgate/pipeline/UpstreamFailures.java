package dev.sealgate.pipeline;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.ProxyRefusal;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/** Maps what went wrong talking to an upstream onto the SPEC §2 error codes, with a hint. */
final class UpstreamFailures {
  private UpstreamFailures() {}

  static ProxyRefusal classify(Throwable cause, String host, int port) {
    String origin = host + ":" + port;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new ProxyRefusal(
            ErrorCode.UPSTREAM_TLS_FAILED,
            null,
            host,
            "TLS to "
                + origin
                + " failed verification or handshake; if it uses a private CA, set"
                + " upstream.extra_ca_file");
      }
      if (t instanceof UnknownHostException) {
        return new ProxyRefusal(
            ErrorCode.UPSTREAM_CONNECT_FAILED, null, host, host + " does not resolve");
      }
      if (t instanceof ConnectTimeoutException) {
        return new ProxyRefusal(
            ErrorCode.UPSTREAM_CONNECT_FAILED,
            null,
            host,
            "connecting to " + origin + " timed out (upstream.connect_timeout)");
      }
      // ENETUNREACH and EHOSTUNREACH: Netty throws this, which is no ConnectException.
      if (t instanceof NoRouteToHostException) {
        return new ProxyRefusal(
            ErrorCode.UPSTREAM_CONNECT_FAILED,
            null,
            host,
            "this machine has no network route to " + origin + "; check its connection");
      }
      if (t instanceof ConnectException) {
        return new ProxyRefusal(
            ErrorCode.UPSTREAM_CONNECT_FAILED,
            null,
            host,
            "nothing accepts connections on " + origin);
      }
      if (t instanceof ClosedChannelException) {
        break;
      }
    }
    return reset(host, port);
  }

  static ProxyRefusal reset(String host, int port) {
    return new ProxyRefusal(
        ErrorCode.UPSTREAM_RESET,
        null,
        host,
        host + ":" + port + " closed the connection before a complete response");
  }

  static ProxyRefusal timeout(String host, long seconds) {
    return new ProxyRefusal(
        ErrorCode.UPSTREAM_TIMEOUT,
        null,
        host,
        host + " sent no response within " + seconds + "s (upstream.response_timeout)");
  }
}
