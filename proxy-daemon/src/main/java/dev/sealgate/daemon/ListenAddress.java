package dev.sealgate.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code host:port} / {@code [v6]:port} and tells loopback from remote listen addresses. */
public final class ListenAddress {
  private ListenAddress() {}

  public static InetSocketAddress parse(String listen) throws UnknownHostException {
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new UnknownHostException("expected host:port, got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UnknownHostException("bad port in '" + listen + "'");
    }
    if (port < 0 || port > 65535) {
      throw new UnknownHostException("port " + port + " is not between 0 and 65535");
    }
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  /** Whether only this machine can reach the address. */
  public static boolean isLoopback(String listen) throws UnknownHostException {
    return parse(listen).getAddress().isLoopbackAddress();
  }

  /** {@code 127.0.0.1:8765} or {@code [::1]:8765}: the form {@link #parse} reads back. */
  public static String format(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
