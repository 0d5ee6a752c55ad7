package dev.sealgate.inject;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Sets one parameter of an {@code a=b&c=d} list (a query string or a urlencoded form): every
 * existing occurrence of the name is dropped, the others are kept byte for byte, and the new pair
 * goes last. Dropping duplicates means the upstream cannot see the agent's value instead of ours.
 */
final class ParameterList {
  private ParameterList() {}

  static byte[] set(String list, String name, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(list.length() + value.length * 3 + 16);
    if (!list.isEmpty()) {
      for (String pair : list.split("&", -1)) {
        if (pair.isEmpty() || nameOf(pair).equals(name)) {
          continue;
        }
        out.writeBytes(pair.getBytes(StandardCharsets.UTF_8));
        out.write('&');
      }
    }
    PercentEncoding.encode(name, out);
    out.write('=');
    PercentEncoding.encode(value, out);
    return out.toByteArray();
  }

  private static String nameOf(String pair) {
    int eq = pair.indexOf('=');
    String raw = eq < 0 ? pair : pair.substring(0, eq);
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw; // malformed escapes: compare as written
    }
  }
}
