package dev.sealgate.cli;

/** The exit codes of SPEC §6, one name each. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int NOT_FOUND = 3;
  public static final int REFUSED = 4;
  public static final int STORE_LOCKED = 5;
  public static final int PROXY_NOT_RUNNING = 6;
  public static final int RELAY_UNREACHABLE = 7;

  private ExitCodes() {}
}
