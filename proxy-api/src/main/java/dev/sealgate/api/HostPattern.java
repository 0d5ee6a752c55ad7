package dev.sealgate.api;

import java.util.Locale;

/**
 * A host a key may be sent to: an exact name ({@code api.stripe.com}), an address literal, or a
 * wildcard ({@code *.example.com}) that matches every name below {@code example.com} but not {@code
 * example.com} itself. Matching ignores case and a trailing dot.
 */
public record HostPattern(String pattern) {
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
      for (int i = 0; i < h.length(); i++) {
        char c = h.charAt(i);
        if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
          return false;
        }
      }
      return true;
    }
    // Labels of 1 to 63 letters, digits, '_' and '-', neither starting nor ending with '-'. A scan
    // rather than a regex: every proxied request's host comes through here.
    int start = 0;
    while (true) {
      int end = h.indexOf('.', start);
      if (end < 0) {
        end = h.length();
      }
      if (!isLabel(h, start, end)) {
        return false;
      }
      if (end == h.length()) {
        return true;
      }
      start = end + 1;
    }
  }

  private static boolean isLabel(String h, int start, int end) {
    if (end - start < 1 || end - start > 63 || h.charAt(start) == '-' || h.charAt(end - 1) == '-') {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = h.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
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
