package dev.sealgate.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps values for a short time so the request path does no keychain round trip (a Secret Service
 * lookup costs ~2 ms, p99 ~10 ms). Absence is not cached, so a key set a moment ago is found.
 * Evicted copies are zeroed.
 */
public final class CachingSecretStore implements SecretStore {
  private record Entry(SecretValue value, Instant expires) {}

  private final SecretStore delegate;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> cache = new HashMap<>();

  public CachingSecretStore(SecretStore delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return delegate.kind();
  }

  /**
   * A copy of the value if it is held and fresh, without asking the store: never blocks, so the
   * event loop can use it. Empty means "ask {@link #get}", not "no such key".
   */
  public Optional<SecretValue> cached(String key) {
    Instant now = clock.instant();
    // Copy under the lock that eviction takes, so a copy is never taken of a value being zeroed.
    synchronized (cache) {
      Entry e = cache.get(key);
      return e != null && now.isBefore(e.expires())
          ? Optional.of(e.value().copy())
          : Optional.empty();
    }
  }

  @Override
  public Optional<SecretValue> get(String key) throws StoreUnavailableException {
    Optional<SecretValue> hit = cached(key);
    if (hit.isPresent()) {
      return hit;
    }
    Instant now = clock.instant();
    Optional<SecretValue> loaded = delegate.get(key);
    loaded.ifPresent(v -> replace(key, new Entry(v.copy(), now.plus(ttl))));
    return loaded;
  }

  @Override
  public void put(String key, SecretValue value) throws StoreUnavailableException {
    delegate.put(key, value);
    invalidate(key);
  }

  @Override
  public boolean delete(String key) throws StoreUnavailableException {
    boolean deleted = delegate.delete(key);
    invalidate(key);
    return deleted;
  }

  public void invalidate(String key) {
    synchronized (cache) {
      zero(cache.remove(key));
    }
  }

  public void invalidateAll() {
    synchronized (cache) {
      cache.values().forEach(CachingSecretStore::zero);
      cache.clear();
    }
  }

  private void replace(String key, Entry fresh) {
    synchronized (cache) {
      zero(cache.put(key, fresh));
    }
  }

  private static void zero(Entry e) {
    if (e != null) {
      e.value().close();
    }
  }

  @Override
  public void close() {
    invalidateAll();
    delegate.close();
  }
}
