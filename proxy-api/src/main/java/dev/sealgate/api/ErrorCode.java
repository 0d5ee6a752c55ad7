package dev.sealgate.api;

import java.util.Locale;

/** The refusals the proxy answers itself, each with its HTTP status (SPEC §2). */
public enum ErrorCode {
  BAD_INJECTION_HEADER(400),
  BODY_TOO_LARGE(413),
  HOST_NOT_ALLOWED(403),
  PRIVATE_ADDRESS(403),
  PROXY_AUTH_REQUIRED(407),
  UNKNOWN_KEY(404),
  UPSTREAM_TLS_FAILED(502),
  UPSTREAM_CONNECT_FAILED(502),
  UPSTREAM_RESET(502),
  STORE_LOCKED(503),
  UPSTREAM_TIMEOUT(504);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The value of the {@code error} field, e.g. {@code host_not_allowed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the refusal is the proxy's policy (audited as {@code denied}) or an upstream fault. */
  public boolean isUpstreamFault() {
    return name().startsWith("UPSTREAM_");
  }
}
