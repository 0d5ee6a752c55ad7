package dev.sealgate.inject;

import dev.sealgate.api.HostPattern;
import java.util.List;

/**
 * Where one stored key may be sent: its allowlist, or every host when the owner said {@code
 * --any-host}.
 */
public record KeyGrant(String key, List<HostPattern> hosts, boolean anyHost) {
  public KeyGrant {
    hosts = List.copyOf(hosts);
  }

  public boolean allows(String host) {
    return anyHost || hosts.stream().anyMatch(p -> p.matches(host));
  }

  /** Whether the allowlist names {@code host} exactly, which permits a non-public address. */
  public boolean namesExactly(String host) {
    return hosts.stream().anyMatch(p -> p.isExact() && p.matches(host));
  }
}
