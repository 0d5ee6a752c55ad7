package dev.sealgate.audit;

import dev.sealgate.store.PrivateDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names and layout of the audit directory: {@code audit.jsonl} plus {@code audit-N.jsonl}. */
final class AuditFiles {
  static final String CURRENT = "audit.jsonl";
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Pattern ROTATED = Pattern.compile("audit-([1-9][0-9]{0,8})\\.jsonl");

  private AuditFiles() {}

  static Path current(Path dir) {
    return dir.resolve(CURRENT);
  }

  static Path rotated(Path dir, int n) {
    return dir.resolve("audit-" + n + ".jsonl");
  }

  /** Rotated files by number, ascending (audit-1 first, which is the newest of them). */
  static List<Integer> rotatedNumbers(Path dir) throws IOException {
    List<Integer> numbers = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return numbers;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "audit-*.jsonl")) {
      for (Path p : entries) {
        Matcher m = ROTATED.matcher(p.getFileName().toString());
        if (m.matches()) {
          numbers.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    numbers.sort(Comparator.naturalOrder());
    return numbers;
  }

  /** Every existing log file, oldest first: audit-N … audit-1, then audit.jsonl. */
  static List<Path> oldestFirst(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    List<Integer> numbers = rotatedNumbers(dir);
    for (int i = numbers.size() - 1; i >= 0; i--) {
      files.add(rotated(dir, numbers.get(i)));
    }
    Path current = current(dir);
    if (Files.exists(current)) {
      files.add(current);
    }
    return files;
  }

  /** Creates the directory, and tightens it to 0700 if it already existed. */
  static void createPrivateDirectory(Path dir) throws IOException {
    PrivateDirectory.create(dir);
    PrivateDirectory.restrict(dir);
  }

  static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(mode);
    }
  }

  /**
   * The last complete line of a file (without its newline), ignoring a torn tail; empty when the
   * file holds no complete line. Reads backwards, so it costs one line however large the file.
   */
  static Optional<byte[]> lastCompleteLine(FileChannel ch) throws IOException {
    long end = completeLength(ch);
    if (end == 0) {
      return Optional.empty();
    }
    long lineEnd = end - 1; // the newline of the last complete line
    long start = lastNewlineBefore(ch, lineEnd) + 1;
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(lineEnd - start));
    readFully(ch, buf, start);
    return Optional.of(buf.array());
  }

  /** The file's first line, without its newline, if the file has a complete one. */
  static Optional<byte[]> firstCompleteLine(Path file) throws IOException {
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      for (int b = in.read(); b != -1; b = in.read()) {
        if (b == '\n') {
          return Optional.of(line.toByteArray());
        }
        line.write(b);
      }
      return Optional.empty();
    }
  }

  /** Length of the file up to and including its last newline (0 when it has none). */
  static long completeLength(FileChannel ch) throws IOException {
    return lastNewlineBefore(ch, ch.size()) + 1;
  }

  /** Position of the last '\n' strictly before {@code limit}, or -1. */
  private static long lastNewlineBefore(FileChannel ch, long limit) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    long chunkEnd = limit;
    while (chunkEnd > 0) {
      long chunkStart = Math.max(0, chunkEnd - buf.capacity());
      buf.clear().limit(Math.toIntExact(chunkEnd - chunkStart));
      readFully(ch, buf, chunkStart);
      for (int i = buf.limit() - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return chunkStart + i;
        }
      }
      chunkEnd = chunkStart;
    }
    return -1;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("audit file shrank while being read");
      }
      pos += n;
    }
    buf.flip();
  }
}
