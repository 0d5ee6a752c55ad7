package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Reads the audit log back: every record oldest first, the chain check, and tailing. */
public final class AuditReader {
  private static final long FOLLOW_POLL_MILLIS = 200;

  /**
   * The outcome of {@link #verify}.
   *
   * @param problem where the chain breaks and what that means; {@code null} when it holds
   */
  public record VerifyResult(boolean ok, int records, String problem) {}

  private AuditReader() {}

  /** Every complete record in the rotated files and {@code audit.jsonl}, oldest first. */
  public static List<AuditRecord> readAll(Path dir) throws IOException {
    List<AuditRecord> out = new ArrayList<>();
    for (Path file : existing(dir)) {
      for (byte[] line : completeLines(file)) {
        out.add(AuditJson.parse(line, 0, line.length));
      }
    }
    return out;
  }

  /**
   * The last {@code n} records that {@code keep} accepts, oldest first. Reads from the newest file
   * backwards and stops as soon as it has them, so {@code proxy logs --last 50} costs the same over
   * a full log as over an empty one.
   */
  public static List<AuditRecord> readLast(Path dir, int n, Predicate<AuditRecord> keep)
      throws IOException {
    List<AuditRecord> newestFirst = new ArrayList<>();
    List<Path> files = new ArrayList<>(existing(dir));
    Collections.reverse(files);
    for (Path file : files) {
      List<byte[]> lines = completeLines(file);
      for (int i = lines.size() - 1; i >= 0 && newestFirst.size() < n; i--) {
        byte[] line = lines.get(i);
        AuditRecord r = AuditJson.parse(line, 0, line.length);
        if (keep.test(r)) {
          newestFirst.add(r);
        }
      }
      if (newestFirst.size() >= n) {
        break;
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * Recomputes the chain across files. The first record of the oldest file left is the anchor: its
   * predecessor may have been rotated away, so its {@code prev} is not checked.
   */
  public static VerifyResult verify(Path dir) throws IOException {
    String previousHash = null;
    int records = 0;
    for (Path file : existing(dir)) {
      int lineNumber = 0;
      for (byte[] line : completeLines(file)) {
        lineNumber++;
        AuditRecord r;
        try {
          r = AuditJson.parse(line, 0, line.length);
        } catch (IOException e) {
          return new VerifyResult(
              false,
              records,
              file.getFileName()
                  + " line "
                  + lineNumber
                  + ": not an audit record (the file was edited)");
        }
        if (previousHash != null && !previousHash.equals(r.prev())) {
          return new VerifyResult(
              false,
              records,
              file.getFileName()
                  + " line "
                  + lineNumber
                  + ": prev does not match the record before it (a record was removed or edited)");
        }
        previousHash = AuditJson.hash(line);
        records++;
      }
    }
    return new VerifyResult(true, records, null);
  }

  /**
   * Sends each record appended to {@code audit.jsonl} after this call to {@code sink} until {@code
   * keepGoing} says stop; follows the log across rotation.
   */
  public static void follow(Path dir, Consumer<AuditRecord> sink, BooleanSupplier keepGoing)
      throws IOException {
    Path current = AuditFiles.current(dir);
    Object fileKey = fileKey(current);
    long position = size(current);
    byte[] partial = new byte[0];
    while (keepGoing.getAsBoolean()) {
      Object key = fileKey(current);
      if (key != null && !key.equals(fileKey)) {
        // Rotated: finish the old file (now audit-1.jsonl) first, then read the new one from 0.
        Path old = AuditFiles.rotated(dir, 1);
        if (fileKey != null && fileKey.equals(fileKey(old))) {
          partial = emitLines(concat(partial, read(old, position, size(old) - position)), sink);
        }
        fileKey = key;
        position = 0;
        partial = new byte[0];
      }
      long size = size(current);
      if (size > position) {
        byte[] chunk = read(current, position, size - position);
        position = size;
        partial = emitLines(concat(partial, chunk), sink);
      } else {
        try {
          Thread.sleep(FOLLOW_POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Sends each complete line to {@code sink}; returns the incomplete rest. */
  private static byte[] emitLines(byte[] data, Consumer<AuditRecord> sink) throws IOException {
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        sink.accept(AuditJson.parse(data, start, i - start));
        start = i + 1;
      }
    }
    return Arrays.copyOfRange(data, start, data.length);
  }

  private static List<Path> existing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    return AuditFiles.oldestFirst(dir);
  }

  /** The lines that end in a newline; a torn last line (a crash mid-write) is left out. */
  private static List<byte[]> completeLines(Path file) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        if (i > start) {
          lines.add(Arrays.copyOfRange(all, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static byte[] read(Path file, long position, long length) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer buf =
          java.nio.ByteBuffer.allocate((int) Math.min(length, Integer.MAX_VALUE));
      while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
        // keep reading
      }
      return Arrays.copyOf(buf.array(), buf.position());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
