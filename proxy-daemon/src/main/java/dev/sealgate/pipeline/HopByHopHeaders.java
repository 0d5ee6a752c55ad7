package dev.sealgate.pipeline;

import dev.sealgate.api.InjectionSpecParser;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies headers from one leg to the other without the hop-by-hop ones (RFC 9110 §7.6.1), {@code
 * Proxy-Authorization}, and every {@code Sealgate-*}. {@code Transfer-Encoding} and {@code
 * Content-Length} are kept: they describe the framing this proxy re-encodes unchanged.
 */
final class HopByHopHeaders {
  private static final List<AsciiString> ALWAYS =
      List.of(
          HttpHeaderNames.CONNECTION,
          HttpHeaderNames.KEEP_ALIVE,
          AsciiString.cached("proxy-connection"),
          HttpHeaderNames.PROXY_AUTHENTICATE,
          HttpHeaderNames.PROXY_AUTHORIZATION,
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.UPGRADE);

  private HopByHopHeaders() {}

  /** Adds every end-to-end header of {@code from} to {@code to}, each occurrence kept in order. */
  static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
    List<String> named = namedInConnection(from);
    for (Map.Entry<String, String> h : from) {
      String name = h.getKey();
      if (isHopByHop(name) || InjectionSpecParser.isSealgateHeader(name) || contains(named, name)) {
        continue;
      }
      to.add(name, h.getValue());
    }
  }

  private static boolean isHopByHop(String name) {
    for (AsciiString h : ALWAYS) {
      if (h.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> namedInConnection(HttpHeaders headers) {
    List<String> names = new ArrayList<>();
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : value.split(",")) {
        String t = token.trim();
        // Never let Connection remove the framing headers we depend on.
        if (!t.isEmpty()
            && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(t)
            && !HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(t)) {
          names.add(t);
        }
      }
    }
    return names;
  }

  private static boolean contains(List<String> names, String name) {
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
