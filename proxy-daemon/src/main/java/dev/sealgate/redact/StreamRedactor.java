package dev.sealgate.redact;

import java.util.Arrays;

/**
 * Replaces every pattern in a stream of chunks, including one split across chunks, without
 * buffering the stream: it holds back only a tail that could still grow into a match, at most the
 * longest pattern less one byte. One per response body; not thread-safe.
 *
 * <p>The held tail and every working copy may contain part of a value, so each is zeroed as soon as
 * it is no longer needed.
 */
public final class StreamRedactor {
  private static final byte[] EMPTY = new byte[0];

  private final RedactionPatterns patterns;
  private byte[] held = EMPTY;
  private int redactions;

  public StreamRedactor(RedactionPatterns patterns) {
    this.patterns = patterns;
  }

  /** The next chunk's bytes; returns what can be passed on now. */
  public byte[] update(byte[] chunk, int offset, int length) {
    return scan(chunk, offset, length, false);
  }

  /** The end of the stream: returns the held tail, redacted. */
  public byte[] finish() {
    return scan(EMPTY, 0, 0, true);
  }

  /** A complete value such as a header: nothing is held back. */
  public byte[] redactWhole(byte[] whole) {
    return scan(whole, 0, whole.length, true);
  }

  /** Replacements made so far. */
  public int redactions() {
    return redactions;
  }

  /** Drops the held tail, for a stream that ends abnormally. */
  public void discard() {
    Arrays.fill(held, (byte) 0);
    held = EMPTY;
  }

  private byte[] scan(byte[] chunk, int offset, int length, boolean end) {
    byte[] data = new byte[held.length + length];
    System.arraycopy(held, 0, data, 0, held.length);
    System.arraycopy(chunk, offset, data, held.length, length);
    discard();
    Output out = new Output(data.length);
    int n = data.length;
    int run = 0;
    int i = 0;
    while (i < n) {
      if (!patterns.startsSome(data[i])) {
        i++;
        continue;
      }
      if (!end && n - i < patterns.longest() && patterns.couldStartAt(data, i, n)) {
        break;
      }
      RedactionPatterns.Pattern match = patterns.matchAt(data, i, n);
      if (match == null) {
        i++;
        continue;
      }
      out.write(data, run, i - run);
      out.write(match.marker, 0, match.marker.length);
      redactions++;
      i += match.bytes.length;
      run = i;
    }
    out.write(data, run, i - run);
    held = Arrays.copyOfRange(data, i, n);
    Arrays.fill(data, (byte) 0);
    return out.bytes();
  }

  /** A growable array; the output carries no value, only markers and the bytes around them. */
  private static final class Output {
    private byte[] buf;
    private int size;

    Output(int capacity) {
      buf = new byte[capacity];
    }

    void write(byte[] b, int off, int len) {
      if (size + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
      }
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    byte[] bytes() {
      return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
  }
}
