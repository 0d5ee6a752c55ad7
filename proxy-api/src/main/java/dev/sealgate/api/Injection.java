package dev.sealgate.api;

import java.util.Objects;

/**
 * One requested injection: put the value of {@code key} into the request in the given style.
 *
 * @param style how the value goes in
 * @param target the header name, query parameter, JSON pointer or form field, exactly as the agent
 *     wrote it; {@code null} for {@link InjectionStyle#BEARER} and {@link InjectionStyle#BASIC}
 * @param key the name of the stored key (never its value)
 */
public record Injection(InjectionStyle style, String target, String key) {
  public Injection {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(key, "key");
    if (style.targeted() != (target != null)) {
      throw new IllegalArgumentException(
          style + " target must be " + (style.targeted() ? "set" : "null"));
    }
  }
}
