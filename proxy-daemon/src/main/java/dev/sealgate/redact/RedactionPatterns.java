package dev.sealgate.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every spelling of the values injected into one request, each with the marker that replaces it.
 * Built while the values are still in hand (they are zeroed once the request is written) and held
 * until the response is done; {@link #close()} zeroes the copies. Patterns are ordered longest
 * first so that, where spellings overlap, the longest one wins.
 */
public final class RedactionPatterns implements AutoCloseable {
  private static final RedactionPatterns NONE = new RedactionPatterns(List.of());

  private final List<Pattern> patterns;
  private final int longest;
  private final boolean[] firstBytes = new boolean[256];

  private RedactionPatterns(List<Pattern> patterns) {
    this.patterns = patterns;
    this.longest = patterns.isEmpty() ? 0 : patterns.get(0).bytes.length;
    for (Pattern p : patterns) {
      firstBytes[p.bytes[0] & 0xff] = true;
    }
  }

  /**
   * @param values key name to value bytes; copied, so the caller may zero its arrays at once
   */
  public static RedactionPatterns of(Map<String, byte[]> values) {
    List<Pattern> patterns = new ArrayList<>();
    values.forEach(
        (key, value) -> {
          if (value.length == 0) {
            return; // an empty value cannot be echoed, and would match everywhere
          }
          byte[] marker = ("[REDACTED:" + key + "]").getBytes(StandardCharsets.UTF_8);
          for (byte[] form : EchoForms.of(value)) {
            if (holds(patterns, form)) {
              Arrays.fill(form, (byte) 0);
            } else {
              patterns.add(new Pattern(form, marker));
            }
          }
        });
    if (patterns.isEmpty()) {
      return NONE;
    }
    patterns.sort(Comparator.comparingInt((Pattern p) -> p.bytes.length).reversed());
    return new RedactionPatterns(List.copyOf(patterns));
  }

  // A loop, not a stream: this runs for every injected request.
  private static boolean holds(List<Pattern> patterns, byte[] form) {
    for (Pattern p : patterns) {
      if (Arrays.equals(p.bytes, form)) {
        return true;
      }
    }
    return false;
  }

  public static RedactionPatterns none() {
    return NONE;
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  int longest() {
    return longest;
  }

  /** Whether some pattern starts with this byte: the scanner's fast path skips the rest. */
  boolean startsSome(byte b) {
    return firstBytes[b & 0xff];
  }

  /** The longest pattern that occurs in full at {@code at}, or null. */
  Pattern matchAt(byte[] data, int at, int end) {
    for (Pattern p : patterns) {
      if (p.bytes.length <= end - at && p.matches(data, at)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Whether the bytes from {@code at} to {@code end} are the start of a pattern longer than they
   * are: more data could complete it, so they must be held back.
   */
  boolean couldStartAt(byte[] data, int at, int end) {
    int available = end - at;
    for (Pattern p : patterns) {
      if (p.bytes.length <= available) {
        return false; // ordered longest first: no longer pattern remains
      }
      if (Arrays.equals(p.bytes, 0, available, data, at, end)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    patterns.forEach(p -> Arrays.fill(p.bytes, (byte) 0));
  }

  @Override
  public String toString() {
    return "RedactionPatterns[" + patterns.size() + " spellings]";
  }

  static final class Pattern {
    final byte[] bytes;
    final byte[] marker;

    Pattern(byte[] bytes, byte[] marker) {
      this.bytes = bytes;
      this.marker = marker;
    }

    boolean matches(byte[] data, int at) {
      return Arrays.equals(bytes, 0, bytes.length, data, at, at + bytes.length);
    }

    @Override
    public String toString() {
      return "Pattern[██]";
    }
  }
}
