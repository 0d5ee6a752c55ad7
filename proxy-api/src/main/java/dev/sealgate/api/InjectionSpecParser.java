package dev.sealgate.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code Sealgate-*} headers of a request into an {@link InjectionSpec}.
 *
 * <p>Header names are matched case-insensitively; the names the agent writes inside the values
 * (header names, query parameters, form fields) keep their case. {@code Sealgate-Token} is an
 * authentication header and is ignored here.
 */
public final class InjectionSpecParser {
  /**
   * The prefix every sealgate request header shares; all of them are stripped before forwarding.
   */
  public static final String PREFIX = "sealgate-";

  public static final String TARGET_HEADER = "Sealgate-Target";
  public static final String TOKEN_HEADER = "Sealgate-Token";

  /** Headers an agent may not set through {@code Sealgate-Header}: framing, routing, hop-by-hop. */
  private static final Set<String> FORBIDDEN_TARGET_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-authorization",
          "proxy-authenticate",
          "proxy-connection",
          "te",
          "trailer",
          "upgrade");

  private InjectionSpecParser() {}

  /** Whether a header name belongs to sealgate and must never be forwarded. */
  public static boolean isSealgateHeader(String name) {
    return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Parses every {@code Sealgate-*} header among {@code headers}.
   *
   * @throws BadInjectionHeaderException naming the first header that does not parse
   */
  public static InjectionSpec parse(Iterable<? extends Map.Entry<String, String>> headers)
      throws BadInjectionHeaderException {
    List<Injection> injections = new ArrayList<>();
    GatewayTarget target = null;
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey();
      if (!isSealgateHeader(name) || name.equalsIgnoreCase(TOKEN_HEADER)) {
        continue;
      }
      String value = header.getValue().trim();
      if (name.equalsIgnoreCase(TARGET_HEADER)) {
        if (target != null) {
          throw new BadInjectionHeaderException(TARGET_HEADER, "given more than once");
        }
        target = parseTarget(value);
        continue;
      }
      InjectionStyle style =
          InjectionStyle.forHeader(name)
              .orElseThrow(
                  () ->
                      new BadInjectionHeaderException(
                          name,
                          "unknown sealgate header; use Sealgate-Bearer, -Basic, -Header, -Query,"
                              + " -Body, -Form or -Target"));
      if (style.targeted()) {
        parseTargeted(style, value, injections);
      } else {
        injections.add(new Injection(style, null, requireKey(style, value)));
      }
    }
    requireSingleAuthorization(injections);
    return injections.isEmpty() && target == null
        ? InjectionSpec.NONE
        : new InjectionSpec(injections, target);
  }

  private static void parseTargeted(InjectionStyle style, String value, List<Injection> out)
      throws BadInjectionHeaderException {
    // JSON pointers may contain commas, so Sealgate-Body takes one pair per header.
    String[] pairs = style == InjectionStyle.BODY ? new String[] {value} : value.split(",", -1);
    for (String raw : pairs) {
      String pair = raw.trim();
      int eq = pair.lastIndexOf('=');
      if (eq <= 0) {
        throw new BadInjectionHeaderException(
            style.header(), "expected " + example(style) + ", got '" + pair + "'");
      }
      String target = pair.substring(0, eq).trim();
      String key = requireKey(style, pair.substring(eq + 1).trim());
      validateTarget(style, target);
      out.add(new Injection(style, target, key));
    }
  }

  private static void validateTarget(InjectionStyle style, String target)
      throws BadInjectionHeaderException {
    switch (style) {
      case HEADER -> {
        if (!isToken(target)) {
          throw new BadInjectionHeaderException(
              style.header(), "'" + target + "' is not a valid header name");
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (FORBIDDEN_TARGET_HEADERS.contains(lower) || isSealgateHeader(lower)) {
          throw new BadInjectionHeaderException(
              style.header(), "header '" + target + "' cannot carry a credential");
        }
      }
      case BODY -> {
        if (!target.startsWith("/")) {
          throw new BadInjectionHeaderException(
              style.header(), "'" + target + "' is not a JSON pointer; it must start with '/'");
        }
        if (!isValidPointerEscapes(target)) {
          throw new BadInjectionHeaderException(
              style.header(),
              "'"
                  + target
                  + "' is not a JSON pointer; write '~' as ~0 and '/' inside a name as ~1");
        }
      }
      default -> {
        // Query parameters and form fields are URL-encoded when applied; any name is fine.
      }
    }
  }

  private static void requireSingleAuthorization(List<Injection> injections)
      throws BadInjectionHeaderException {
    long authorization =
        injections.stream()
            .filter(
                i ->
                    i.style() == InjectionStyle.BEARER
                        || i.style() == InjectionStyle.BASIC
                        || (i.style() == InjectionStyle.HEADER
                            && i.target().equalsIgnoreCase("authorization")))
            .count();
    if (authorization > 1) {
      throw new BadInjectionHeaderException(
          "Sealgate-Bearer", "more than one credential asks for the Authorization header");
    }
  }

  private static String requireKey(InjectionStyle style, String key)
      throws BadInjectionHeaderException {
    if (!KeyNames.isValid(key)) {
      throw new BadInjectionHeaderException(
          style.header(),
          key.isEmpty()
              ? "no key named; expected " + example(style)
              : "'" + key + "' is not a valid key name");
    }
    return key;
  }

  private static String example(InjectionStyle style) {
    return switch (style) {
      case BEARER, BASIC -> "KEY";
      case HEADER -> "Name=KEY";
      case QUERY -> "param=KEY";
      case BODY -> "/json/pointer=KEY";
      case FORM -> "field=KEY";
    };
  }

  static GatewayTarget parseTarget(String value) throws BadInjectionHeaderException {
    String rest;
    String scheme;
    if (value.regionMatches(true, 0, "https://", 0, 8)) {
      scheme = "https";
      rest = value.substring(8);
    } else if (value.regionMatches(true, 0, "http://", 0, 7)) {
      scheme = "http";
      rest = value.substring(7);
    } else {
      throw new BadInjectionHeaderException(
          TARGET_HEADER, "expected https://host[:port], got '" + value + "'");
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (rest.isEmpty() || rest.contains("/") || rest.contains("@") || rest.contains("?")) {
      throw new BadInjectionHeaderException(
          TARGET_HEADER, "expected an origin only (https://host[:port]), got '" + value + "'");
    }
    String host;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new BadInjectionHeaderException(TARGET_HEADER, "unclosed '[' in '" + value + "'");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new BadInjectionHeaderException(TARGET_HEADER, "bad origin '" + value + "'");
        }
        port = after.substring(1);
      }
    } else {
      int colon = rest.lastIndexOf(':');
      host = colon < 0 ? rest : rest.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        throw new BadInjectionHeaderException(
            TARGET_HEADER,
            "an IPv6 address needs brackets (https://[::1]:8443), got '" + value + "'");
      }
      port = colon < 0 ? null : rest.substring(colon + 1);
    }
    if (!HostPattern.isValidHost(host)) {
      throw new BadInjectionHeaderException(TARGET_HEADER, "'" + host + "' is not a host name");
    }
    int portNumber = scheme.equals("https") ? 443 : 80;
    if (port != null) {
      portNumber = parsePort(port);
      if (portNumber < 0) {
        throw new BadInjectionHeaderException(TARGET_HEADER, "'" + port + "' is not a port");
      }
    }
    return new GatewayTarget(scheme, host, portNumber);
  }

  private static int parsePort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int n = Integer.parseInt(port);
    return n >= 1 && n <= 65535 ? n : -1;
  }

  /** RFC 6901: a '~' is only ever the start of ~0 or ~1. */
  private static boolean isValidPointerEscapes(String pointer) {
    for (int i = 0; i < pointer.length(); i++) {
      if (pointer.charAt(i) == '~') {
        if (i + 1 >= pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** RFC 9110 token: the characters a header field name may contain. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
