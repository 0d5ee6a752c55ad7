package dev.sealgate.cli;

/**
 * A failure the user can act on: printed as one line on stderr ({@code sealgate: <message>}), and
 * the process exits with {@link #exitCode()}. The message says what to do next and never holds a
 * value.
 */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
