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
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TimeZone;

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
   * This machine's offset from UTC at {@code instant}, as its local time shows that instant: the
   * clock's zone for a clock a test gives, the JVM's default time zone for the real one. The latter
   * is read through {@link TimeZone}, not {@link ZoneId}: a zone id's rules come from the
   * zone-rules providers, and looking those up scans the class path, which opens the jar (~10% of
   * {@code proxy logs}); both read the same time-zone database.
   */
  public ZoneOffset offsetAt(Instant instant) {
    if (clock instanceof LocalClock) {
      return ZoneOffset.ofTotalSeconds(
          TimeZone.getDefault().getOffset(instant.toEpochMilli()) / 1000);
    }
    return clock.getZone().getRules().getOffset(instant);
  }

  /**
   * The system clock in this machine's time zone, the zone looked up when first asked for: {@code
   * Clock.systemDefaultZone()} looks it up at once, which is ~10% of a command that prints no time.
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
