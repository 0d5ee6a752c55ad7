package dev.sealgate.daemon;

import dev.sealgate.store.AtomicFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code <home>/sealgate.pid}: the daemon's pid on the first line and the address it listens on on
 * the second, so the CLI finds a daemon that bound port 0 or a {@code --listen} address.
 */
public final class PidFile {
  /** A daemon found through its pid file. */
  public record Running(long pid, String host, int port) {
    public String listen() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private PidFile() {}

  static void write(Path file, InetSocketAddress bound) throws IOException {
    String host = bound.getAddress().getHostAddress();
    String text = ProcessHandle.current().pid() + "\n" + host + "\n" + bound.getPort() + "\n";
    AtomicFile.write(file, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The daemon, when the file names a live process. A stale file reads as not running. */
  public static Optional<Running> read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.size() < 3) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(2).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(new Running(pid, lines.get(1).trim(), port)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Removes the file if it still names this process (a newer daemon may own it). */
  static void removeIfOurs(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      if (!lines.isEmpty()
          && lines.get(0).trim().equals(String.valueOf(ProcessHandle.current().pid()))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // Already gone.
    }
  }
}
