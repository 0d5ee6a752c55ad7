package dev.sealgate.api;

/** A {@code Sealgate-*} header that does not parse. The message names the header and why. */
public final class BadInjectionHeaderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String header;

  public BadInjectionHeaderException(String header, String reason) {
    super(header + ": " + reason);
    this.header = header;
  }

  /** The header that failed, in its canonical case. */
  public String header() {
    return header;
  }
}
