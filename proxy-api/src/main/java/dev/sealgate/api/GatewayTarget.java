package dev.sealgate.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The origin a gateway-mode request is forwarded to, from {@code Sealgate-Target}.
 *
 * @param scheme {@code https} or {@code http}
 * @param host the host name or address literal, lower case, without brackets
 * @param port the port, defaulted from the scheme
 */
public record GatewayTarget(String scheme, String host, int port) {
  public GatewayTarget {
    Objects.requireNonNull(scheme, "scheme");
    host = host.toLowerCase(Locale.ROOT);
  }

  public boolean tls() {
    return scheme.equals("https");
  }
}
