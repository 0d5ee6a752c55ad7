package dev.sealgate.inject;

import java.io.ByteArrayOutputStream;

/**
 * RFC 3986 percent-encoding of bytes, for query parameters and form fields. Works on bytes so a
 * value is never turned into an intermediate {@code String} before it is encoded.
 */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  static void encode(byte[] bytes, ByteArrayOutputStream out) {
    for (byte b : bytes) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.write(c);
      } else {
        out.write('%');
        out.write(HEX[c >> 4]);
        out.write(HEX[c & 0xf]);
      }
    }
  }

  static void encode(String s, ByteArrayOutputStream out) {
    encode(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
  }
}
