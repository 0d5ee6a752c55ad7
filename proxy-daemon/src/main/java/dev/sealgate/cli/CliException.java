package dev.sealgate.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

  /** An input file the user named that cannot be read: not there (3), or unreadable (1). */
  static CliException cannotRead(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new CliException(ExitCodes.NOT_FOUND, file + " does not exist; check the path");
    }
    if (e instanceof AccessDeniedException) {
      return new CliException(
          ExitCodes.FAILED,
          "cannot read " + file + ": permission denied; check its owner and mode");
    }
    return new CliException(ExitCodes.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
  }

  public int exitCode() {
    return exitCode;
  }
}
