package dev.sealgate.pipeline;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.GatewayTarget;
import dev.sealgate.api.HostPattern;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.inject.AddressClassifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a request goes and how: the origin, whether the connection is TLS, and the origin-form
 * target to send. A request that carries an injection always goes over TLS, whatever scheme it
 * named, unless its host is listed in {@code upstream.plaintext_upstreams}.
 *
 * @param host lower case, IPv6 without brackets
 * @param target the origin-form request target ({@code /path?query})
 */
record UpstreamTarget(String host, int port, boolean tls, String target) {

  String scheme() {
    return tls ? "https" : "http";
  }

  /** The path without its query string, for the audit record. */
  String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The {@code Host} header value: the port is left out when it is the scheme's default. */
  String authority() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (tls ? 443 : 80) ? h : h + ":" + port;
  }

  /**
   * The address to connect to: the literal, or the first answer of one DNS lookup (remembered
   * briefly by {@code addresses}). Blocks; the caller connects to exactly this address so the
   * policy checks what is used.
   */
  InetAddress resolve(AddressCache addresses) throws ProxyRefusal {
    try {
      return addresses.resolve(host);
    } catch (UnknownHostException e) {
      throw UpstreamFailures.classify(e, host, port);
    }
  }

  UpstreamTarget withTarget(String newTarget) {
    return new UpstreamTarget(host, port, tls, newTarget);
  }

  /**
   * Decides the upstream for a request.
   *
   * @param uri the request target as received: absolute-form for a forward proxy request,
   *     origin-form with {@code Sealgate-Target} in gateway mode
   */
  static UpstreamTarget of(String uri, InjectionSpec spec, List<String> plaintextUpstreams)
      throws ProxyRefusal {
    boolean injected = !spec.isEmpty();
    GatewayTarget gateway = spec.target();
    String lower = uri.toLowerCase(Locale.ROOT);
    boolean absolute = lower.startsWith("http://") || lower.startsWith("https://");
    if (gateway != null) {
      if (absolute || !uri.startsWith("/")) {
        throw bad(
            "Sealgate-Target is for gateway requests (GET /path); drop it for proxy requests");
      }
      return decide(
          gateway.scheme(), gateway.host(), gateway.port(), uri, injected, plaintextUpstreams);
    }
    if (!absolute) {
      throw bad(
          "not a proxy request: send an absolute URL (HTTP_PROXY), or add Sealgate-Target:"
              + " https://host for gateway mode");
    }
    int schemeEnd = uri.indexOf("://");
    String scheme = lower.substring(0, schemeEnd);
    int authorityStart = schemeEnd + 3;
    int pathStart = firstOf(uri, authorityStart, '/', '?');
    String authority = uri.substring(authorityStart, pathStart < 0 ? uri.length() : pathStart);
    String target = pathStart < 0 ? "/" : uri.substring(pathStart);
    if (target.startsWith("?")) {
      target = "/" + target;
    }
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1); // credentials in URLs are never forwarded
    }
    HostPort origin = hostPort(authority, uri);
    return decide(scheme, origin.host(), origin.port(), target, injected, plaintextUpstreams);
  }

  /**
   * The origin-form target of a gateway request that came through the client's proxy setting: with
   * {@code http_proxy} pointing here (as {@code sealgate proxy env} sets it), a client sends {@code
   * GET http://127.0.0.1:8765/v1/x} rather than {@code GET /v1/x}. Any other URI comes back
   * unchanged, for {@link #of} to judge.
   *
   * @param self the address this connection was accepted on
   */
  static String gatewayTarget(String uri, InetSocketAddress self) {
    if (!uri.regionMatches(true, 0, "http://", 0, 7)) {
      return uri;
    }
    int pathStart = firstOf(uri, 7, '/', '?');
    HostPort named;
    try {
      named = hostPort(uri.substring(7, pathStart < 0 ? uri.length() : pathStart), uri);
    } catch (ProxyRefusal e) {
      return uri;
    }
    boolean here =
        named.host().equals("localhost")
            ? self.getAddress().isLoopbackAddress()
            : self.getAddress().equals(AddressClassifier.literal(named.host()));
    if (!here || (named.port() < 0 ? 80 : named.port()) != self.getPort()) {
      return uri;
    }
    String target = pathStart < 0 ? "/" : uri.substring(pathStart);
    return target.startsWith("?") ? "/" + target : target;
  }

  /**
   * The origin a {@code CONNECT host:port} names. What flows through the tunnel is TLS (it is
   * intercepted only when the client starts a TLS handshake with our leaf), so {@code tls} is set.
   */
  static UpstreamTarget tunnel(String authority) throws ProxyRefusal {
    HostPort origin = hostPort(authority, authority);
    if (origin.port() < 0) {
      throw bad("CONNECT needs host:port, got '" + authority + "'");
    }
    return new UpstreamTarget(origin.host(), origin.port(), true, "/");
  }

  /**
   * @param port {@code -1} when the authority names none
   */
  private record HostPort(String host, int port) {}

  private static HostPort hostPort(String authority, String quoted) throws ProxyRefusal {
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad("bad host in '" + quoted + "'");
      }
      host = authority.substring(1, close);
      if (authority.length() > close + 1) {
        if (authority.charAt(close + 1) != ':') {
          throw bad("bad host in '" + quoted + "'");
        }
        port = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (!HostPattern.isValidHost(host)) {
      throw bad("'" + host + "' is not a host name");
    }
    int portNumber = -1;
    if (port != null && !port.isEmpty()) {
      portNumber = parsePort(port);
      if (portNumber < 0) {
        throw bad("'" + port + "' is not a port");
      }
    }
    return new HostPort(host.toLowerCase(Locale.ROOT), portNumber);
  }

  private static UpstreamTarget decide(
      String scheme,
      String host,
      int port,
      String target,
      boolean injected,
      List<String> plaintextUpstreams) {
    boolean tls = scheme.equals("https") || (injected && !plaintextUpstreams.contains(host));
    int p = port > 0 ? port : (tls ? 443 : 80);
    return new UpstreamTarget(host, p, tls, target);
  }

  private static int firstOf(String s, int from, char a, char b) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return -1;
  }

  private static int parsePort(String port) {
    if (port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int n = Integer.parseInt(port);
    return n >= 1 && n <= 65535 ? n : -1;
  }

  private static ProxyRefusal bad(String hint) {
    return new ProxyRefusal(ErrorCode.BAD_INJECTION_HEADER, null, null, hint);
  }
}
