package dev.sealgate.store;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OS keychain through java-keyring (macOS Keychain, Windows Credential Manager, Linux Secret
 * Service): service {@code sealgate}, one item per {@code workspace/project/KEY}. java-keyring
 * takes and returns {@code String}s, so each value exists as a short-lived base64 string for the
 * duration of one call; that is the price of the OS store, and the strings are dropped at once.
 */
public final class KeychainSecretStore implements SecretStore {
  static final String SERVICE = "sealgate";
  private static final String PROBE_ACCOUNT = "sealgate-probe/does-not-exist";
  private static final long PROBE_TIMEOUT_SECONDS = 10;

  private final Keyring keyring;
  private final String prefix;

  private KeychainSecretStore(Keyring keyring, String workspace, String project) {
    this.keyring = keyring;
    this.prefix = workspace + "/" + project + "/";
  }

  /** Opens the keychain and checks that it answers, or says why not. */
  public static KeychainSecretStore open(String workspace, String project)
      throws StoreUnavailableException {
    return new KeychainSecretStore(probe(), workspace, project);
  }

  /**
   * A keyring that answered a lookup. Detects the two ways a headless Linux fails: no session bus
   * (java-keyring throws), and a locked keyring (it throws a bare NullPointerException, or hangs).
   */
  static Keyring probe() throws StoreUnavailableException {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
      if (bus == null || bus.isBlank()) {
        throw new StoreUnavailableException(
            "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset), so no Secret Service; log in to a desktop session, or set store.backend: file");
      }
    }
    FutureTask<Keyring> task =
        new FutureTask<>(
            () -> {
              Keyring k = Keyring.create();
              try {
                k.getPassword(SERVICE, PROBE_ACCOUNT);
              } catch (PasswordAccessException expected) {
                // "not found" is an answer: the keychain works.
              }
              return k;
            });
    Thread t = new Thread(task, "sealgate-keychain-probe");
    t.setDaemon(true);
    t.start();
    try {
      return task.get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new StoreUnavailableException(
          "the OS keychain did not answer within "
              + PROBE_TIMEOUT_SECONDS
              + " s; unlock it, or set store.backend: file");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BackendNotSupportedException) {
        throw new StoreUnavailableException(
            "no OS keychain is available here ("
                + e.getCause().getMessage()
                + "); set store.backend: file");
      }
      throw new StoreUnavailableException(
          "the OS keychain is locked or not answering; unlock it (e.g. log in to the desktop), or set store.backend: file");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while opening the OS keychain");
    }
  }

  @Override
  public String kind() {
    return "keychain";
  }

  @Override
  public Optional<SecretValue> get(String key) throws StoreUnavailableException {
    String encoded;
    try {
      encoded = keyring.getPassword(SERVICE, prefix + key);
    } catch (PasswordAccessException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw locked(e);
    }
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SecretValue.wrap(Base64.getDecoder().decode(encoded)));
    } catch (IllegalArgumentException e) {
      throw new StoreUnavailableException(
          "the keychain item "
              + SERVICE
              + "/"
              + prefix
              + key
              + " was not written by sealgate; set it again with: sealgate secrets set "
              + key);
    }
  }

  @Override
  public void put(String key, SecretValue value) throws StoreUnavailableException {
    try {
      keyring.setPassword(SERVICE, prefix + key, Base64.getEncoder().encodeToString(value.bytes()));
    } catch (PasswordAccessException | RuntimeException e) {
      throw locked(e);
    }
  }

  @Override
  public boolean delete(String key) throws StoreUnavailableException {
    Optional<SecretValue> existing = get(key);
    if (existing.isEmpty()) {
      return false;
    }
    existing.get().close();
    try {
      keyring.deletePassword(SERVICE, prefix + key);
      return true;
    } catch (PasswordAccessException | RuntimeException e) {
      throw locked(e);
    }
  }

  private static StoreUnavailableException locked(Exception e) {
    // e's message comes from the OS store and never contains the value; keep only its class.
    return new StoreUnavailableException(
        "the OS keychain refused the request ("
            + e.getClass().getSimpleName()
            + "); unlock it and retry, or set store.backend: file");
  }

  @Override
  public void close() {
    try {
      keyring.close();
    } catch (Exception e) {
      // Nothing to recover: the process is done with the keychain.
    }
  }
}
