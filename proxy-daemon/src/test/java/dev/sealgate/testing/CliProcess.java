package dev.sealgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sealgate} as users do, in its own JVM (the test class path, {@code
 * dev.sealgate.cli.Main}), with a private home and no terminal. Every output is kept so tests can
 * search it.
 */
public final class CliProcess {
  private final Map<String, String> env = new HashMap<>();
  private final List<Result> transcript = new ArrayList<>();

  /** A CLI whose {@code HOME}, {@code SEALGATE_HOME} and config live under {@code root}. */
  public CliProcess(Path root) {
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", root.toString());
    env.put("SEALGATE_HOME", root.resolve(".sealgate").toString());
    env.put("SEALGATE_CONFIG", root.resolve("config.yaml").toString());
    env.put("LANG", "C.UTF-8");
  }

  public CliProcess env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  public Map<String, String> environment() {
    return Map.copyOf(env);
  }

  public record Result(List<String> args, int exit, String out, String err) {
    @Override
    public String toString() {
      return "sealgate "
          + String.join(" ", args)
          + " -> exit "
          + exit
          + "\nstdout: "
          + out
          + "\nstderr: "
          + err;
    }
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  public Result runWithInput(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx160m"); // many run at once; a CLI needs little
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.sealgate.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("sealgate " + String.join(" ", args) + " did not finish in 60 s");
      }
      Result r = new Result(List.of(args), p.exitValue(), out.join(), err.join());
      transcript.add(r);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Everything every command printed so far. */
  public List<Result> transcript() {
    return List.copyOf(transcript);
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
