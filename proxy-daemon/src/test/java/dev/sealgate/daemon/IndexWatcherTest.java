package dev.sealgate.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.store.CachingSecretStore;
import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.MemorySecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexWatcherTest {
  @TempDir Path home;

  @Test
  void aKeyTheCliAddsIsCountedAndServedWithoutARestart() throws Exception {
    Path file = home.resolve("index.json");
    KeyIndex.load(file).withBackend("file").save(file);
    IndexWatcher watcher =
        new IndexWatcher(
            file,
            new CachingSecretStore(
                new MemorySecretStore(), Duration.ofMinutes(1), Clock.systemUTC()));
    assertThat(watcher.size()).isZero();

    Instant now = Instant.now();
    KeyIndex.load(file)
        .with(new KeyEntry("STRIPE_KEY", List.of("api.stripe.com"), false, 1, now, now))
        .save(file);
    // `proxy status` asks for the count before any request has looked the key up.
    assertThat(watcher.size()).isEqualTo(1);
    assertThat(watcher.forKey("STRIPE_KEY")).isNotNull();
  }
}
