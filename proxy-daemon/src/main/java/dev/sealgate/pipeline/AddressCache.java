package dev.sealgate.pipeline;

import dev.sealgate.inject.AddressClassifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream host names and the address each resolved to, kept briefly so that a request to a host
 * seen a moment ago is answered on the event loop, without a hop to the lookup threads and back
 * (two thread wake-ups, most of the proxy's own latency). A lookup that fails is not kept.
 */
public final class AddressCache {
  /** Short beside the JDK's own 30 s cache, so an address is never much older than DNS says. */
  static final Duration TTL = Duration.ofSeconds(10);

  private static final int MAX_HOSTS = 1024;

  private record Entry(InetAddress address, Instant expires) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public AddressCache(Clock clock) {
    this.clock = clock;
  }

  /**
   * The address of a literal, or of a host resolved within {@link #TTL}; else null. Never blocks.
   */
  InetAddress known(String host) {
    InetAddress literal = AddressClassifier.literal(host);
    if (literal != null) {
      return literal;
    }
    Entry e = entries.get(host);
    return e != null && clock.instant().isBefore(e.expires()) ? e.address() : null;
  }

  /** The first answer of one DNS lookup, remembered. Blocks: call off the event loop. */
  InetAddress resolve(String host) throws UnknownHostException {
    InetAddress known = known(host);
    if (known != null) {
      return known;
    }
    InetAddress address = InetAddress.getAllByName(host)[0];
    if (entries.size() >= MAX_HOSTS) {
      entries.clear(); // crude but bounded; the next lookups refill it
    }
    entries.put(host, new Entry(address, clock.instant().plus(TTL)));
    return address;
  }
}
