package dev.sealgate.store;

import java.util.Optional;

/** Where values live (SPEC §4). One implementation per backend. */
public interface SecretStore extends AutoCloseable {
  /** {@code keychain}, {@code file} or {@code memory}: what {@code sealgate status} shows. */
  String kind();

  /** A fresh value the caller closes, or empty when the key has none. */
  Optional<SecretValue> get(String key) throws StoreUnavailableException;

  /** Stores a copy of {@code value}; the caller still owns it. */
  void put(String key, SecretValue value) throws StoreUnavailableException;

  /** Whether there was a value to delete. */
  boolean delete(String key) throws StoreUnavailableException;

  @Override
  void close();
}
