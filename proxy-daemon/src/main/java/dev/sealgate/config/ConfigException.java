package dev.sealgate.config;

/** A configuration the proxy refuses to run with; the message names the key path and the fix. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
