package dev.sealgate.cli;

import dev.sealgate.config.SealgatePaths;
import dev.sealgate.daemon.PidFile;
import dev.sealgate.store.PrivateDirectory;
import dev.sealgate.store.Utf8Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code proxy start --foreground} as a detached child of the same JVM binary, class path
 * and JVM flags, and waits until it has bound its port. The owner passphrase goes to the child on
 * its stdin, never in its environment or command line, where {@code ps} and {@code /proc} would
 * show it.
 */
final class BackgroundStart {
  private static final long STARTUP_WAIT_MILLIS = 20_000;

  record Started(long pid, String listen) {}

  private BackgroundStart() {}

  static Started launch(SealgatePaths paths, String[] arguments, char[] passphrase)
      throws CliException {
    Path log = paths.logFile();
    Process child;
    try {
      PrivateDirectory.create(paths.home());
      if (!Files.exists(log)) {
        Files.createFile(
            log,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      ProcessBuilder builder = new ProcessBuilder(command(arguments));
      builder.environment().remove(Passphrases.VARIABLE);
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      child = builder.start();
      try (OutputStream in = child.getOutputStream()) {
        if (passphrase != null) {
          byte[] bytes = Utf8Bytes.of(passphrase);
          in.write(bytes);
          in.write('\n');
          Arrays.fill(bytes, (byte) 0);
        }
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "cannot start the proxy process: " + e.getMessage());
    }
    return awaitBound(paths, child, log);
  }

  private static List<String> command(String[] arguments) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(arguments));
    return command;
  }

  /** Polls the pid file until it names the child; a child that exits first has failed. */
  private static Started awaitBound(SealgatePaths paths, Process child, Path log)
      throws CliException {
    long deadline = System.nanoTime() + STARTUP_WAIT_MILLIS * 1_000_000;
    try {
      while (System.nanoTime() < deadline) {
        Optional<PidFile.Running> running = PidFile.read(paths);
        if (running.isPresent() && running.get().pid() == child.pid()) {
          return new Started(child.pid(), running.get().listen());
        }
        if (!child.isAlive()) {
          throw new CliException(
              child.exitValue() == 0 ? ExitCodes.FAILED : child.exitValue(),
              "the proxy did not start: " + lastLine(log) + " (full log: " + log + ")");
        }
        Thread.sleep(50);
      }
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED, "cannot read " + paths.pidFile() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    child.destroy();
    throw new CliException(
        ExitCodes.FAILED,
        "the proxy did not start within " + STARTUP_WAIT_MILLIS / 1000 + "s; see " + log);
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        if (!line.isEmpty()) {
          return line.startsWith("sealgate: ") ? line.substring("sealgate: ".length()) : line;
        }
      }
    } catch (IOException e) {
      // Fall through to the generic message.
    }
    return "no output";
  }
}
