package dev.sealgate.store;

import java.util.Arrays;

/**
 * A secret value as bytes, never as a {@code String}: it can be zeroed when dropped, and its {@code
 * toString} shows nothing (as okhttp prints {@code ██} for sensitive headers).
 */
public final class SecretValue implements AutoCloseable {
  private final byte[] bytes;

  private SecretValue(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A value holding a copy of {@code b}; the caller still owns (and zeroes) {@code b}. */
  public static SecretValue copyOf(byte[] b) {
    return new SecretValue(b.clone());
  }

  /** A value that takes ownership of {@code b}: closing it zeroes {@code b}. */
  public static SecretValue wrap(byte[] b) {
    return new SecretValue(b);
  }

  /**
   * The bytes themselves, not a copy, so the hot path copies nothing. Callers must not keep the
   * array past {@link #close()}.
   */
  public byte[] bytes() {
    return bytes;
  }

  public SecretValue copy() {
    return copyOf(bytes);
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public void close() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "SecretValue[██]";
  }
}
