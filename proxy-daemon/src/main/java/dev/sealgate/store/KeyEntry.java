package dev.sealgate.store;

import java.time.Instant;
import java.util.List;

/**
 * What the index knows about a key: its name, where it may go, its version and when it changed.
 * Never its value.
 */
public record KeyEntry(
    String name,
    List<String> hosts,
    boolean anyHost,
    int version,
    Instant created,
    Instant updated) {

  public KeyEntry {
    hosts = List.copyOf(hosts);
  }

  /** The same key with another allowlist; the value, and so the version, are unchanged. */
  public KeyEntry withHosts(List<String> newHosts) {
    return new KeyEntry(name, newHosts, anyHost, version, created, updated);
  }

  /** The entry after a new value was stored. */
  public KeyEntry bumped(Instant now) {
    return new KeyEntry(name, hosts, anyHost, version + 1, created, now);
  }
}
