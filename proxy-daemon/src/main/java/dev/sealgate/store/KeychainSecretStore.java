package dev.sealgate.store;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Base64;
import java.util.Optional;

/**
 * The OS keychain through java-keyring (macOS Keychain, Windows Credential Manager, Linux Secret
 * Service): service {@code sealgate}, one item per {@code workspace/project/KEY}. java-keyring
 * takes and returns {@code String}s, so each value exists as a short-lived base64 string for the
 * duration of one call; that is the price of the OS store, and the strings are dropped at once.
 */
public final class KeychainSecretStore implements SecretStore {
  static final String SERVICE = KeychainProbe.SERVICE;

  private final Keyring keyring;
  private final String prefix;

  private KeychainSecretStore(Keyring keyring, String workspace, String project) {
    this.keyring = keyring;
    this.prefix = workspace + "/" + project + "/";
  }

  /** Opens the keychain and checks that it answers, or says why not. */
  public static KeychainSecretStore open(String workspace, String project)
      throws StoreUnavailableException {
    return new KeychainSecretStore(probe(workspace, project), workspace, project);
  }

  /** A keyring that proved it can be written and read (see {@link KeychainProbe}), or why not. */
  static Keyring probe(String workspace, String project) throws StoreUnavailableException {
    KeychainProbe.Result r =
        KeychainProbe.probe(workspace + "/" + project + "/.sealgate-probe", System::getenv);
    if (r.keyring() == null) {
      throw new StoreUnavailableException(r.problem() + "; " + r.fix());
    }
    return r.keyring();
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
      if (KeychainProbe.isNotFound(e)) {
        return Optional.empty();
      }
      throw locked(e);
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
