package dev.sealgate.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Secret text (a passphrase, a typed value) to UTF-8 without leaving an unzeroed copy behind. */
public final class Utf8Bytes {
  private Utf8Bytes() {}

  /**
   * @return a new, exactly-sized array the caller owns and zeroes; {@code chars} is left as is
   */
  public static byte[] of(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    Arrays.fill(encoded.array(), (byte) 0); // the encoder's buffer is larger than the text
    return bytes;
  }
}
