package dev.sealgate.cli;

import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.store.FileSecretStore;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.KeychainSecretStore;
import dev.sealgate.store.OwnerKey;
import dev.sealgate.store.OwnerLock;
import dev.sealgate.store.SecretStore;
import dev.sealgate.store.StoreUnavailableException;
import dev.sealgate.store.WrongPassphraseException;
import java.io.IOException;
import java.util.Arrays;

/**
 * An unlocked owner: the passphrase checked, the owner lock held, the value store open, the index
 * loaded. Owner acts (set, allow, delete, import) run inside one.
 */
final class OwnerSession implements AutoCloseable {
  /** Long enough for another act's key derivation and write; short enough to notice a stuck one. */
  private static final java.time.Duration LOCK_PATIENCE = java.time.Duration.ofSeconds(60);

  final SealgatePaths paths;
  final SealgateConfig config;
  final SecretStore store;
  KeyIndex index;
  private final OwnerKey key;
  private final OwnerLock lock;

  private OwnerSession(
      SealgatePaths paths,
      SealgateConfig config,
      SecretStore store,
      KeyIndex index,
      OwnerKey key,
      OwnerLock lock) {
    this.paths = paths;
    this.config = config;
    this.store = store;
    this.index = index;
    this.key = key;
    this.lock = lock;
  }

  /** Unlocks with the passphrase from the environment or the terminal. */
  static OwnerSession unlock(CliEnvironment env) throws CliException {
    requireInitialized(env.paths());
    char[] passphrase = Passphrases.existing(env);
    try {
      return unlock(env, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  static OwnerSession unlock(CliEnvironment env, char[] passphrase) throws CliException {
    SealgatePaths paths = env.paths();
    SealgateConfig config = env.config();
    requireInitialized(paths);
    OwnerKey key;
    try {
      key = OwnerKey.unlock(paths.ownerFile(), passphrase);
    } catch (WrongPassphraseException e) {
      throw new CliException(
          ExitCodes.REFUSED, "wrong owner passphrase; try again or check " + Passphrases.VARIABLE);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    OwnerLock lock;
    try {
      lock = OwnerLock.acquire(paths.ownerLockFile(), LOCK_PATIENCE);
    } catch (IOException e) {
      key.close();
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    try {
      // Read under the lock: what is written back must include every earlier act's change.
      KeyIndex index = KeyIndex.load(paths.indexFile());
      return new OwnerSession(paths, config, openStore(env, config, index, key), index, key, lock);
    } catch (IOException e) {
      key.close();
      closeQuietly(lock);
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    } catch (CliException | RuntimeException e) {
      key.close();
      closeQuietly(lock);
      throw e;
    }
  }

  /** Opens the store the index says holds the values: the keychain or the encrypted file. */
  static SecretStore openStore(
      CliEnvironment env, SealgateConfig config, KeyIndex index, OwnerKey key) throws CliException {
    String wanted = config.store().backend().name().toLowerCase(java.util.Locale.ROOT);
    String held = index.backend();
    if (held != null && !wanted.equals("auto") && !wanted.equals(held)) {
      // "keychain" means the keychain or nothing: never quietly the file this home was made with.
      throw new CliException(
          ExitCodes.STORE_LOCKED,
          "store.backend is "
              + wanted
              + ", but the keys of "
              + env.paths().home()
              + " are in the "
              + (held.equals("file") ? "encrypted file store" : "keychain")
              + " (chosen at init); set store.backend to auto or "
              + held
              + ", or use a new SEALGATE_HOME for the "
              + wanted
              + " store");
    }
    if ("keychain".equals(index.backend())) {
      try {
        return KeychainSecretStore.open(env.workspace(config), env.project(config));
      } catch (StoreUnavailableException e) {
        throw new CliException(ExitCodes.STORE_LOCKED, e.userMessage());
      }
    }
    return new FileSecretStore(env.paths().vaultFile(), key);
  }

  static void requireInitialized(SealgatePaths paths) throws CliException {
    if (!OwnerKey.exists(paths.ownerFile())) {
      throw new CliException(
          ExitCodes.FAILED,
          "sealgate is not initialized in " + paths.home() + "; run: sealgate init");
    }
  }

  void saveIndex(KeyIndex updated) throws CliException {
    try {
      updated.save(paths.indexFile());
      index = updated;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED, "cannot write " + paths.indexFile() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    store.close();
    key.close();
    closeQuietly(lock);
  }

  /** Releasing cannot fail in a way worth reporting: the lock goes with the process anyway. */
  private static void closeQuietly(OwnerLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // released by the operating system when this process ends
    }
  }
}
