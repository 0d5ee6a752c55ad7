package dev.sealgate.redact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The spellings in which an upstream may echo a value back: as sent, base64 (how {@code
 * Sealgate-Basic} sends it, and how APIs echo tokens in debug fields), percent-encoded (how query
 * and form injections send it), and JSON-escaped (how a JSON body carries it). Each spelling is a
 * new array the caller owns and zeroes; duplicates are left for the caller to drop.
 */
final class EchoForms {
  private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private EchoForms() {}

  static List<byte[]> of(byte[] value) {
    List<byte[]> forms = new ArrayList<>();
    forms.add(value.clone());
    forms.add(Base64.getEncoder().encode(value));
    forms.add(Base64.getEncoder().withoutPadding().encode(value));
    forms.add(Base64.getUrlEncoder().withoutPadding().encode(value));
    forms.add(percent(value, UPPER_HEX, false));
    forms.add(percent(value, LOWER_HEX, false));
    forms.add(percent(value, UPPER_HEX, true));
    forms.add(json(value, false, false));
    forms.add(json(value, true, false));
    forms.add(json(value, false, true));
    return forms;
  }

  /** RFC 3986: everything but the unreserved set as %XX; {@code plusForSpace} for HTML forms. */
  private static byte[] percent(byte[] value, byte[] hex, boolean plusForSpace) {
    Scratch out = new Scratch(value.length * 3); // %XX for every byte
    for (byte b : value) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        out.write(c);
      } else if (c == ' ' && plusForSpace) {
        out.write('+');
      } else {
        out.write('%');
        out.write(hex[c >> 4]);
        out.write(hex[c & 0xf]);
      }
    }
    return out.drain();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /**
   * The value inside a JSON string. {@code escapeSlash} as PHP and some Java encoders write {@code
   * \/}; {@code asciiOnly} as Python's {@code json.dumps} writes non-ASCII as {@code \}{@code
   * uXXXX}.
   */
  private static byte[] json(byte[] value, boolean escapeSlash, boolean asciiOnly) {
    // At most six bytes a byte: a control byte becomes one six-character escape, and asciiOnly
    // turns
    // a 2-byte UTF-8 sequence into one, a 4-byte sequence into two.
    Scratch out = new Scratch(value.length * 6);
    for (int i = 0; i < value.length; ) {
      int c = value[i] & 0xff;
      if (c < 0x80) {
        jsonAscii((char) c, escapeSlash, out);
        i++;
        continue;
      }
      int length = asciiOnly ? utf8Length(value, i) : 0;
      if (length == 0) {
        out.write(c); // kept as UTF-8 (or not UTF-8 at all): JSON carries it unchanged
        i++;
        continue;
      }
      int codePoint = c & (0xff >> (length + 1));
      for (int k = 1; k < length; k++) {
        codePoint = (codePoint << 6) | (value[i + k] & 0x3f);
      }
      for (char unit : Character.toChars(codePoint)) {
        unicodeEscape(unit, LOWER_HEX, out);
      }
      i += length;
    }
    return out.drain();
  }

  /** The length of the well-formed UTF-8 sequence starting at {@code i}, or 0 if there is none. */
  private static int utf8Length(byte[] value, int i) {
    int c = value[i] & 0xff;
    int length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (length == 0 || c > 0xf4 || i + length > value.length) {
      return 0;
    }
    for (int k = 1; k < length; k++) {
      if ((value[i + k] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  private static void jsonAscii(char c, boolean escapeSlash, ByteArrayOutputStream out) {
    switch (c) {
      case '"' -> writeAscii("\\\"", out);
      case '\\' -> writeAscii("\\\\", out);
      case '\n' -> writeAscii("\\n", out);
      case '\r' -> writeAscii("\\r", out);
      case '\t' -> writeAscii("\\t", out);
      case '\b' -> writeAscii("\\b", out);
      case '\f' -> writeAscii("\\f", out);
      case '/' -> writeAscii(escapeSlash ? "\\/" : "/", out);
      default -> {
        if (c < 0x20) {
          unicodeEscape(c, UPPER_HEX, out);
        } else {
          out.write(c);
        }
      }
    }
  }

  private static void unicodeEscape(char c, byte[] hex, ByteArrayOutputStream out) {
    out.write('\\');
    out.write('u');
    out.write(hex[(c >> 12) & 0xf]);
    out.write(hex[(c >> 8) & 0xf]);
    out.write(hex[(c >> 4) & 0xf]);
    out.write(hex[c & 0xf]);
  }

  private static void writeAscii(String s, ByteArrayOutputStream out) {
    for (int i = 0; i < s.length(); i++) {
      out.write(s.charAt(i));
    }
  }

  /**
   * A buffer for one spelling, sized for the longest the value can become so that it never grows (a
   * grown buffer would leave its earlier copy of the spelling unzeroed to the collector).
   */
  private static final class Scratch extends ByteArrayOutputStream {
    Scratch(int capacity) {
      super(capacity);
    }

    /** The bytes written, as a new array; this buffer is zeroed. */
    byte[] drain() {
      byte[] bytes = toByteArray();
      Arrays.fill(buf, (byte) 0);
      count = 0;
      return bytes;
    }
  }
}
