package dev.sealgate.api;

import java.util.Locale;

/** How a proxied request ended, as written in the audit record. */
public enum Outcome {
  OK,
  DENIED,
  UPSTREAM_ERROR,
  REDACTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
