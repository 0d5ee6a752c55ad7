package dev.sealgate.api;

import java.util.Locale;
import java.util.Optional;

/** The ways a value can be put into an outbound request, one per {@code Sealgate-*} header. */
public enum InjectionStyle {
  BEARER("Sealgate-Bearer", false),
  BASIC("Sealgate-Basic", false),
  HEADER("Sealgate-Header", true),
  QUERY("Sealgate-Query", true),
  BODY("Sealgate-Body", true),
  FORM("Sealgate-Form", true);

  private final String header;
  private final boolean targeted;

  InjectionStyle(String header, boolean targeted) {
    this.header = header;
    this.targeted = targeted;
  }

  /** The request header that asks for this style, in its canonical case. */
  public String header() {
    return header;
  }

  /** Whether the header names a target ({@code target=KEY}) besides the key. */
  public boolean targeted() {
    return targeted;
  }

  /** The name used in audit records ({@code "bearer"}, {@code "header"}, ...). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the request body has to be read before this style can be applied. */
  public boolean needsBody() {
    return this == BODY || this == FORM;
  }

  /** The style asked for by a request header name, compared case-insensitively. */
  public static Optional<InjectionStyle> forHeader(String name) {
    for (InjectionStyle style : values()) {
      if (style.header.equalsIgnoreCase(name)) {
        return Optional.of(style);
      }
    }
    return Optional.empty();
  }
}
