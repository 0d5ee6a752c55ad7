package dev.sealgate.daemon;

import dev.sealgate.config.SealgatePaths;
import dev.sealgate.store.AtomicFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <home>/sealgate.pid}, the daemon's pid and nothing else (as service managers and {@code
 * kill $(cat ...)} expect), and beside it {@code proxy.address}, where it listens, so the CLI finds
 * a daemon that bound port 0 or a {@code --listen} address. The address is written first and
 * removed last: whoever reads a live pid finds that daemon's address.
 */
public final class PidFile {
  /** A daemon found through its pid file. */
  public record Running(long pid, String host, int port) {
    public String listen() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private PidFile() {}

  static void write(SealgatePaths paths, InetSocketAddress bound) throws IOException {
    AtomicFile.write(
        paths.addressFile(),
        (ListenAddress.format(bound) + "\n").getBytes(StandardCharsets.US_ASCII));
    AtomicFile.write(
        paths.pidFile(),
        (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The daemon, when the pid file names a live process. A stale file reads as not running. */
  public static Optional<Running> read(SealgatePaths paths) throws IOException {
    Optional<Long> pid = firstLine(paths.pidFile()).flatMap(PidFile::number);
    if (pid.isEmpty() || !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
      return Optional.empty();
    }
    Optional<String> listen = firstLine(paths.addressFile());
    if (listen.isEmpty()) {
      return Optional.empty();
    }
    try {
      InetSocketAddress address = ListenAddress.parse(listen.get());
      return Optional.of(
          new Running(pid.get(), address.getAddress().getHostAddress(), address.getPort()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Removes both files if they still name this process (a newer daemon may own them). */
  static void removeIfOurs(SealgatePaths paths) {
    try {
      Optional<Long> pid = firstLine(paths.pidFile()).flatMap(PidFile::number);
      if (pid.isPresent() && pid.get() == ProcessHandle.current().pid()) {
        Files.deleteIfExists(paths.pidFile());
        Files.deleteIfExists(paths.addressFile());
      }
    } catch (IOException e) {
      // Already gone.
    }
  }

  private static Optional<String> firstLine(Path file) throws IOException {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      int end = text.indexOf('\n');
      return Optional.of((end < 0 ? text : text.substring(0, end)).trim());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> number(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
