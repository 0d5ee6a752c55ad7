package dev.sealgate.api;

import java.util.regex.Pattern;

/** The rule for key names: what the agent may write in a header and the store may hold. */
public final class KeyNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private KeyNames() {}

  /** Whether {@code name} is a well-formed key name (letters, digits, {@code _ . -}, 1-128). */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Returns {@code name}, or throws with a message that says what a key name may contain. */
  public static String require(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "invalid key name '"
              + name
              + "': use 1-128 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'");
    }
    return name;
  }
}
