package dev.sealgate.cli;

import dev.sealgate.config.ConfigException;
import dev.sealgate.config.ConfigLoader;
import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a command reads from the world: environment variables, standard input, the terminal and the
 * clock. Tests build one with their own values; {@link #system()} is the real process.
 */
public record CliEnvironment(
    Map<String, String> env, InputStream stdin, Console console, Clock clock) {

  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), System.in, System.console(), new LocalClock());
  }

  /**
   * The system clock in this machine's time zone, the zone looked up when first asked for: {@code
   * Clock.systemDefaultZone()} looks it up at once, and loading the zone rules (a class-path scan
   * for providers included) is ~10% of a command that prints no time, such as {@code secrets list}.
   */
  private static final class LocalClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.system(zone);
    }

    @Override
    public Instant instant() {
      return Instant.now();
    }
  }

  public SealgatePaths paths() {
    return SealgatePaths.fromEnvironment(env);
  }

  /** The configuration file plus environment overrides; a bad file is a usage error. */
  public SealgateConfig config() throws CliException {
    try {
      return ConfigLoader.load(paths().configFile(), env);
    } catch (ConfigException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
  }

  public String workspace(SealgateConfig config) {
    return config.sync().workspace() == null ? "local" : config.sync().workspace();
  }

  public String project(SealgateConfig config) {
    return config.sync().project() == null ? "default" : config.sync().project();
  }

  /** Reads all of standard input (a value piped in); the caller zeroes the array. */
  public byte[] readStdin() throws IOException {
    return stdin.readAllBytes();
  }
}
