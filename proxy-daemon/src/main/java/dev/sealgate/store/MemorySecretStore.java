package dev.sealgate.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Values in this process only; for tests. */
public final class MemorySecretStore implements SecretStore {
  private final Map<String, SecretValue> values = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public Optional<SecretValue> get(String key) {
    SecretValue v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(v.copy());
  }

  @Override
  public void put(String key, SecretValue value) {
    SecretValue old = values.put(key, value.copy());
    if (old != null) {
      old.close();
    }
  }

  @Override
  public boolean delete(String key) {
    SecretValue old = values.remove(key);
    if (old != null) {
      old.close();
    }
    return old != null;
  }

  @Override
  public void close() {
    values.values().forEach(SecretValue::close);
    values.clear();
  }
}
