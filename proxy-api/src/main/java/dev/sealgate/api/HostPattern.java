package dev.sealgate.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host a key may be sent to: an exact name ({@code api.stripe.com}), an address literal, or a
 * wildcard ({@code *.example.com}) that matches every name below {@code example.com} but not {@code
 * example.com} itself. Matching ignores case and a trailing dot.
 */
public record HostPattern(String pattern) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

  public HostPattern {
    pattern = normalize(pattern);
    String name = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
    if (!isValidHost(name) || name.contains("*")) {
      throw new IllegalArgumentException(
          "invalid host '" + pattern + "': use a name like api.example.com or *.example.com");
    }
  }

  public static HostPattern parse(String pattern) {
    return new HostPattern(pattern);
  }

  /** Whether this pattern names one host exactly (no wildcard). */
  public boolean isExact() {
    return !pattern.startsWith("*.");
  }

  public boolean matches(String host) {
    String h = normalize(host);
    if (isExact()) {
      return h.equals(pattern);
    }
    String suffix = pattern.substring(1); // ".example.com"
    return h.length() > suffix.length() && h.endsWith(suffix);
  }

  @Override
  public String toString() {
    return pattern;
  }

  /** Whether {@code host} is a DNS name or an IPv4/IPv6 literal (IPv6 without brackets). */
  public static boolean isValidHost(String host) {
    if (host == null || host.isEmpty() || host.length() > 253) {
      return false;
    }
    String h = normalize(host);
    if (h.indexOf(':') >= 0) {
      return h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    for (String label : h.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String normalize(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
