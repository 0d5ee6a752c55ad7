package dev.sealgate.store;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Finds out whether the OS keychain answers, without hanging and without java-keyring's unhelpful
 * failures reaching the user: no session bus gives {@code BackendNotSupportedException}, a locked
 * Secret Service keyring a {@code NullPointerException}, and an unlock prompt can block for ever.
 */
final class KeychainProbe {
  static final String SERVICE = "sealgate";
  private static final long TIMEOUT_SECONDS = 10;
  // Not a secret: the item only proves that the keychain can be written and read.
  private static final String PROBE_VALUE = "sealgate keychain probe";
  private static final String FILE_FIX = "set store.backend: file in the config";

  /** Either an open keyring (problem null) or why none answered and what to do about it. */
  record Result(Keyring keyring, String problem, String fix) {
    static Result unavailable(String problem, String fix) {
      return new Result(null, problem, fix);
    }
  }

  private KeychainProbe() {}

  /**
   * Opens the keyring and reads {@code probeAccount}, creating that item on first use, to prove the
   * keychain answers. The caller closes the keyring of a successful result.
   */
  static Result probe(String probeAccount, Function<String, String> env) {
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    // Checked first: it is instant, while java-keyring would spend a second failing to connect.
    if (linux && isBlank(env.apply("DBUS_SESSION_BUS_ADDRESS"))) {
      return Result.unavailable(
          "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset)",
          "run inside a desktop session or dbus-run-session, or " + FILE_FIX);
    }
    CompletableFuture<Result> answer = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                answer.complete(openAndRead(probeAccount, linux));
              } catch (Throwable t) {
                // A native library that fails to load (JNA on an odd platform) lands here.
                answer.completeExceptionally(t);
              }
            });
    worker.setName("sealgate-keychain-probe");
    worker.setDaemon(true);
    worker.start();
    try {
      return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // The worker may still finish; close what it opens then rather than leak a D-Bus connection.
      answer.thenAccept(r -> closeQuietly(r.keyring()));
      return Result.unavailable(
          "the OS keychain did not answer within " + TIMEOUT_SECONDS + " s (locked, or prompting)",
          "unlock it, or " + FILE_FIX);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.thenAccept(r -> closeQuietly(r.keyring()));
      return Result.unavailable("interrupted while asking the OS keychain", "try again");
    } catch (ExecutionException e) {
      return Result.unavailable(
          "the OS keychain could not be used (" + e.getCause() + ")", FILE_FIX);
    }
  }

  /**
   * True when java-keyring reports a missing item: it has no typed signal, only each backend's
   * message (Secret Service, Windows, and macOS's errSecItemNotFound code).
   */
  static boolean isNotFound(PasswordAccessException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("no stored credentials") || m.contains("not found") || m.contains("-25300");
  }

  static void closeQuietly(Keyring keyring) {
    if (keyring == null) {
      return;
    }
    try {
      keyring.close();
    } catch (Exception e) {
      // Closing only releases the D-Bus connection; nothing the user can act on.
    }
  }

  private static Result openAndRead(String probeAccount, boolean linux) {
    Keyring keyring;
    try {
      keyring = Keyring.create();
    } catch (BackendNotSupportedException | RuntimeException e) {
      return Result.unavailable("no OS keychain answered (" + e.getMessage() + ")", FILE_FIX);
    }
    String locked =
        linux ? "the Secret Service keyring is locked" : "the OS keychain is locked or refused";
    try {
      try {
        keyring.getPassword(SERVICE, probeAccount);
      } catch (PasswordAccessException e) {
        if (!isNotFound(e)) {
          throw e;
        }
        // A locked Secret Service keyring reports a missing item as missing, so absence proves
        // nothing: write the probe item once and read it back. Once it exists, reading it from
        // a locked keyring fails, which is the signal wanted.
        keyring.setPassword(SERVICE, probeAccount, PROBE_VALUE);
        keyring.getPassword(SERVICE, probeAccount);
      }
      return new Result(keyring, null, null);
    } catch (PasswordAccessException | RuntimeException e) {
      closeQuietly(keyring);
      return Result.unavailable(locked, "unlock it, or " + FILE_FIX);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
