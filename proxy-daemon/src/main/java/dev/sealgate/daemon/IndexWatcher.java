package dev.sealgate.daemon;

import dev.sealgate.api.HostPattern;
import dev.sealgate.inject.KeyGrant;
import dev.sealgate.inject.KeyGrants;
import dev.sealgate.store.CachingSecretStore;
import dev.sealgate.store.FileStamp;
import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.KeyIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves key grants from {@code index.json} and notices when the CLI rewrote it. A lookup costs one
 * {@code stat}; when the file changed, the index is re-read and the value cache is cleared, so a
 * {@code secrets set} or {@code allow} takes effect on the very next request.
 */
final class IndexWatcher implements KeyGrants {
  private static final Logger log = LoggerFactory.getLogger(IndexWatcher.class);

  private final Path file;
  private final CachingSecretStore cache;
  private volatile Snapshot snapshot = new Snapshot(null, Map.of());

  private record Snapshot(Object stamp, Map<String, KeyGrant> grants) {}

  IndexWatcher(Path file, CachingSecretStore cache) throws IOException {
    this.file = file;
    this.cache = cache;
    reload(stamp());
  }

  @Override
  public KeyGrant forKey(String key) {
    return current().grants().get(key);
  }

  @Override
  public List<KeyGrant> reaching(String host) {
    return current().grants().values().stream().filter(g -> g.allows(host)).toList();
  }

  private Snapshot current() {
    try {
      Object stamp = stamp();
      if (!stamp.equals(snapshot.stamp())) {
        synchronized (this) {
          if (!stamp.equals(snapshot.stamp())) {
            reload(stamp);
          }
        }
      }
    } catch (IOException e) {
      log.warn("cannot re-read {}: {}; serving the last index read", file, e.getMessage());
    }
    return snapshot;
  }

  /** How many keys the index names now (re-read if the CLI changed it since). */
  int size() {
    return current().grants().size();
  }

  private Object stamp() throws IOException {
    return FileStamp.of(file);
  }

  private void reload(Object stamp) throws IOException {
    Map<String, KeyGrant> grants = new ConcurrentHashMap<>();
    for (KeyEntry e : KeyIndex.load(file).entries()) {
      grants.put(
          e.name(),
          new KeyGrant(e.name(), e.hosts().stream().map(HostPattern::parse).toList(), e.anyHost()));
    }
    snapshot = new Snapshot(stamp, Map.copyOf(grants));
    cache.invalidateAll();
  }
}
