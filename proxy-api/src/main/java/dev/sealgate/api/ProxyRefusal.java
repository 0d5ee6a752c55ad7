package dev.sealgate.api;

import java.util.Objects;

/**
 * A request the proxy answers itself instead of forwarding. Carries names only: the key, the host
 * and a hint with the command that would fix it. The message never contains a value.
 */
public final class ProxyRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String key;
  private final String host;
  private final String hint;

  public ProxyRefusal(ErrorCode code, String key, String host, String hint) {
    super(describe(code, key, host));
    this.code = Objects.requireNonNull(code, "code");
    this.key = key;
    this.host = host;
    this.hint = hint;
  }

  public ErrorCode code() {
    return code;
  }

  /** The key name involved, or {@code null}. */
  public String key() {
    return key;
  }

  /** The upstream host involved, or {@code null}. */
  public String host() {
    return host;
  }

  /** What the user can do next, or {@code null}. */
  public String hint() {
    return hint;
  }

  private static String describe(ErrorCode code, String key, String host) {
    StringBuilder sb = new StringBuilder(code.wireName());
    if (key != null) {
      sb.append(" key=").append(key);
    }
    if (host != null) {
      sb.append(" host=").append(host);
    }
    return sb.toString();
  }
}
