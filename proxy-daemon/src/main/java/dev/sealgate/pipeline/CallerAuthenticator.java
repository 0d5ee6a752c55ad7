package dev.sealgate.pipeline;

import dev.sealgate.api.InjectionSpecParser;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Checks that a caller holds the proxy token: {@code Proxy-Authorization: Basic
 * base64("sealgate:TOKEN")}, or {@code Sealgate-Token: TOKEN}. Comparisons are constant-time.
 */
final class CallerAuthenticator {
  private static final String USER = "sealgate";

  private final byte[] token;

  /** {@code token} is the base64url text of {@code proxy.token}, as ASCII bytes. */
  CallerAuthenticator(byte[] token) {
    this.token = token.clone();
  }

  boolean isAuthenticated(HttpHeaders headers) {
    String direct = headers.get(InjectionSpecParser.TOKEN_HEADER);
    if (direct != null && matches(direct.trim().getBytes(StandardCharsets.US_ASCII))) {
      return true;
    }
    String proxyAuth = headers.get(HttpHeaderNames.PROXY_AUTHORIZATION);
    if (proxyAuth == null || !proxyAuth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(proxyAuth.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      int colon = indexOf(decoded, (byte) ':');
      if (colon < 0 || !new String(decoded, 0, colon, StandardCharsets.US_ASCII).equals(USER)) {
        return false;
      }
      return matches(java.util.Arrays.copyOfRange(decoded, colon + 1, decoded.length));
    } finally {
      java.util.Arrays.fill(decoded, (byte) 0);
    }
  }

  private boolean matches(byte[] candidate) {
    return MessageDigest.isEqual(token, candidate);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
