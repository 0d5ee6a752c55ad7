package dev.sealgate.pipeline;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.store.CachingSecretStore;
import dev.sealgate.store.SecretStore;
import dev.sealgate.store.SecretValue;
import dev.sealgate.store.StoreUnavailableException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values one request's keys name, read from the store. Runs off the event loop: a keychain read
 * may block. The map's arrays are copies the exchange owns and zeroes once they are sent.
 */
final class InjectedValues {
  private InjectedValues() {}

  static Map<String, byte[]> load(SecretStore store, InjectionSpec spec, String host)
      throws ProxyRefusal {
    Map<String, byte[]> loaded = new HashMap<>();
    try {
      for (String key : spec.keys()) {
        Optional<SecretValue> value = store.get(key);
        if (value.isEmpty()) {
          zero(loaded);
          throw new ProxyRefusal(
              ErrorCode.UNKNOWN_KEY,
              key,
              host,
              "the index lists "
                  + key
                  + " but the store has no value; set it again: sealgate secrets set "
                  + key);
        }
        try (SecretValue v = value.get()) {
          loaded.put(key, v.bytes().clone());
        }
      }
    } catch (StoreUnavailableException e) {
      zero(loaded);
      throw new ProxyRefusal(ErrorCode.STORE_LOCKED, null, null, e.userMessage());
    }
    return loaded;
  }

  /** The values if the cache holds every one of them, else null: answered on the event loop. */
  static Map<String, byte[]> cached(CachingSecretStore store, InjectionSpec spec) {
    Map<String, byte[]> cached = new HashMap<>();
    for (String key : spec.keys()) {
      Optional<SecretValue> value = store.cached(key);
      if (value.isEmpty()) {
        zero(cached);
        return null;
      }
      try (SecretValue v = value.get()) {
        cached.put(key, v.bytes().clone());
      }
    }
    return cached;
  }

  static void zero(Map<String, byte[]> values) {
    values.values().forEach(v -> Arrays.fill(v, (byte) 0));
  }
}
