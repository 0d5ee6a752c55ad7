package dev.sealgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Gets the owner passphrase: {@code SEALGATE_PASSPHRASE}, else a no-echo prompt on the terminal.
 * Returned arrays belong to the caller, who zeroes them.
 */
final class Passphrases {
  static final String VARIABLE = "SEALGATE_PASSPHRASE";
  private static final int MIN_LENGTH = 8;

  private Passphrases() {}

  /** The passphrase of an existing owner. */
  static char[] existing(CliEnvironment env) throws CliException {
    String fromEnv = env.env().get(VARIABLE);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    if (env.console() == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "this needs the owner passphrase: run it on a terminal or set " + VARIABLE);
    }
    char[] p = env.console().readPassword("sealgate owner passphrase: ");
    if (p == null || p.length == 0) {
      throw new CliException(ExitCodes.USAGE, "no passphrase given");
    }
    return p;
  }

  /** A new passphrase, asked twice on a terminal. */
  static char[] chooseNew(CliEnvironment env) throws CliException {
    String fromEnv = env.env().get(VARIABLE);
    char[] chosen;
    if (fromEnv != null && !fromEnv.isEmpty()) {
      chosen = fromEnv.toCharArray();
    } else if (env.console() == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "choose an owner passphrase: run sealgate init on a terminal or set " + VARIABLE);
    } else {
      chosen =
          env.console().readPassword("choose an owner passphrase (protects changes to keys): ");
      char[] again = env.console().readPassword("repeat it: ");
      boolean same = chosen != null && Arrays.equals(chosen, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        throw new CliException(
            ExitCodes.USAGE, "the two passphrases differ; run sealgate init again");
      }
    }
    if (chosen.length < MIN_LENGTH) {
      Arrays.fill(chosen, '\0');
      throw new CliException(
          ExitCodes.USAGE, "the owner passphrase needs at least " + MIN_LENGTH + " characters");
    }
    return chosen;
  }

  /** Reads a passphrase a parent process wrote to our stdin (background start), up to newline. */
  static char[] fromStream(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      buf.write(b);
    }
    byte[] bytes = buf.toByteArray();
    char[] chars = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
    Arrays.fill(bytes, (byte) 0);
    return chars;
  }
}
