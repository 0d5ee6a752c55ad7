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
        if (!copyInto(loaded, key, store.get(key))) {
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
      if (!copyInto(cached, key, store.cached(key))) {
        zero(cached);
        return null;
      }
    }
    return cached;
  }

  /** Puts a copy of the value's bytes under {@code key} and closes the value; false if absent. */
  private static boolean copyInto(
      Map<String, byte[]> values, String key, Optional<SecretValue> value) {
    if (value.isEmpty()) {
      return false;
    }
    try (SecretValue v = value.get()) {
      values.put(key, v.bytes().clone());
    }
    return true;
  }

  static void zero(Map<String, byte[]> values) {
    values.values().forEach(v -> Arrays.fill(v, (byte) 0));
  }
}
