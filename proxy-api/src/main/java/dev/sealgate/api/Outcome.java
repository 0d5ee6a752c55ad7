package dev.sealgate.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a proxied request ended, as written in the audit record. */
public enum Outcome {
  OK,
  DENIED,
  UPSTREAM_ERROR,
  REDACTED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
