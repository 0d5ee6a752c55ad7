package dev.sealgate.config;

/**
 * A configuration the proxy refuses to run with. The message names the key path, then what to do: a
 * fix of its own where one is known, else to fix the file or the variable.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String problem) {
    this(problem, "fix the file or the variable");
  }

  public ConfigException(String problem, String nextStep) {
    super(problem + "; " + nextStep);
  }
}
