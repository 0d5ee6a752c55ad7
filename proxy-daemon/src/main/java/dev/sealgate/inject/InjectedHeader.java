package dev.sealgate.inject;

/**
 * A header the proxy sets on the outbound request. The value bytes hold a credential: {@link
 * #toString()} hides them, and {@link #clear()} zeroes them once the request is written.
 */
public record InjectedHeader(String name, byte[] value) {
  public void clear() {
    java.util.Arrays.fill(value, (byte) 0);
  }

  @Override
  public String toString() {
    return name + ": ██";
  }
}
