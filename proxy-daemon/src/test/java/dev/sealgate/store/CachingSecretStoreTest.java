package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingSecretStoreTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Counts delegate reads, so the test can tell a cache hit from a reload. */
  static final class CountingStore implements SecretStore {
    final MemorySecretStore inner = new MemorySecretStore();
    final AtomicInteger gets = new AtomicInteger();

    @Override
    public String kind() {
      return "memory";
    }

    @Override
    public Optional<SecretValue> get(String key) {
      gets.incrementAndGet();
      return inner.get(key);
    }

    @Override
    public void put(String key, SecretValue value) {
      inner.put(key, value);
    }

    @Override
    public boolean delete(String key) {
      return inner.delete(key);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private MutableClock clock;
  private CountingStore delegate;
  private CachingSecretStore cache;

  @BeforeEach
  void setUp() {
    clock = new MutableClock();
    delegate = new CountingStore();
    cache = new CachingSecretStore(delegate, TTL, clock);
  }

  private static SecretValue v(String s) {
    return SecretValue.copyOf(s.getBytes(StandardCharsets.UTF_8));
  }

  private String read(String key) throws Exception {
    Optional<SecretValue> got = cache.get(key);
    if (got.isEmpty()) {
      return null;
    }
    try (SecretValue sv = got.get()) {
      return new String(sv.bytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void kindIsTheDelegates() {
    assertThat(cache.kind()).isEqualTo("memory");
  }

  @Test
  void servedFromCacheWithinTtlEvenAfterTheDelegateChanges() throws Exception {
    delegate.put("K", v("old"));
    assertThat(read("K")).isEqualTo("old");
    delegate.put("K", v("new")); // behind the cache's back, as another process would
    clock.advance(TTL.minusMillis(1));
    assertThat(read("K")).isEqualTo("old");
    assertThat(delegate.gets).hasValue(1);
  }

  @Test
  void reloadedOnceTheTtlHasPassed() throws Exception {
    delegate.put("K", v("old"));
    assertThat(read("K")).isEqualTo("old");
    delegate.put("K", v("new"));
    clock.advance(TTL);
    assertThat(read("K")).isEqualTo("new");
    assertThat(delegate.gets).hasValue(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(read("K")).isEqualTo("new");
    assertThat(delegate.gets).hasValue(2);
  }

  @Test
  void closingTheReturnedValueDoesNotZeroTheCachedCopy() throws Exception {
    delegate.put("K", v("secret"));
    cache.get("K").orElseThrow().close(); // first read: loaded
    cache.get("K").orElseThrow().close(); // second read: from cache
    assertThat(read("K")).isEqualTo("secret");
    assertThat(delegate.gets).hasValue(1);
  }

  @Test
  void absenceIsNotCached() throws Exception {
    assertThat(read("K")).isNull();
    delegate.put("K", v("now-set"));
    assertThat(read("K")).isEqualTo("now-set");
  }

  @Test
  void invalidateForcesAReloadOfThatKeyOnly() throws Exception {
    delegate.put("A", v("a1"));
    delegate.put("B", v("b1"));
    read("A");
    read("B");
    delegate.put("A", v("a2"));
    delegate.put("B", v("b2"));
    cache.invalidate("A");
    assertThat(read("A")).isEqualTo("a2");
    assertThat(read("B")).isEqualTo("b1");
    cache.invalidateAll();
    assertThat(read("B")).isEqualTo("b2");
  }

  @Test
  void putAndDeleteWriteThroughAndAreSeenAtOnce() throws Exception {
    delegate.put("K", v("old"));
    assertThat(read("K")).isEqualTo("old");
    cache.put("K", v("new"));
    assertThat(delegate.inner.get("K").orElseThrow().bytes())
        .isEqualTo("new".getBytes(StandardCharsets.UTF_8));
    assertThat(read("K")).isEqualTo("new");
    assertThat(cache.delete("K")).isTrue();
    assertThat(delegate.inner.get("K")).isEmpty();
    assertThat(read("K")).isNull();
    assertThat(cache.delete("K")).isFalse();
  }
}
