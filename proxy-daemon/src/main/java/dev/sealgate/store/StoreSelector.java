package dev.sealgate.store;

import java.util.Locale;

/** Decides at {@code init} which store holds the values, and says why (SPEC §4). */
public final class StoreSelector {
  /** {@code kind} is {@code keychain} or {@code file}; {@code reason} is shown to the user. */
  public record Choice(String kind, String reason) {}

  private StoreSelector() {}

  /**
   * @param backend {@code auto}, {@code keychain} or {@code file} (any case), from {@code
   *     store.backend}
   */
  public static Choice choose(String backend, String workspace, String project)
      throws StoreUnavailableException {
    switch (backend.toLowerCase(Locale.ROOT)) {
      case "file":
        return new Choice("file", "store.backend is file");
      case "keychain":
        KeychainSecretStore.open(workspace, project).close();
        return new Choice("keychain", "store.backend is keychain");
      default:
        try {
          KeychainSecretStore.open(workspace, project).close();
          return new Choice("keychain", "the OS keychain answered");
        } catch (StoreUnavailableException e) {
          return new Choice(
              "file", e.userMessage().replaceFirst(";.*", "") + "; using the encrypted file store");
        }
    }
  }
}
