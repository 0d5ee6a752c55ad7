package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

  private static final int BLOCK = 64 * 1024;

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
    if (n <= 0) {
      return newestFirst;
    }
    List<Path> files = new ArrayList<>(existing(dir));
    Collections.reverse(files);
    for (Path file : files) {
      boolean more =
          linesNewestFirst(
              file,
              line -> {
                AuditRecord r = AuditJson.parse(line, 0, line.length);
                if (keep.test(r)) {
                  newestFirst.add(r);
                }
                return newestFirst.size() < n;
              });
      if (!more) {
        break;
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** Takes a line; says whether to go on. */
  private interface LineVisitor {
    boolean visit(byte[] line) throws IOException;
  }

  /**
   * Gives the complete lines of {@code file} to {@code visitor}, newest first, reading blocks from
   * the end, so the lines never visited are never read (a partial last line, being written, is
   * skipped). Returns false if the visitor stopped.
   */
  private static boolean linesNewestFirst(Path file, LineVisitor visitor) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return true;
    }
    try (ch) {
      long pos = ch.size();
      byte[] carry = new byte[0]; // the start of a line whose newline is in a later block
      boolean sawNewline = false; // before the last newline of the file is a partial line
      while (pos > 0) {
        int len = (int) Math.min(BLOCK, pos);
        pos -= len;
        ByteBuffer block = ByteBuffer.allocate(len + carry.length);
        block.limit(len);
        while (block.hasRemaining()) {
          if (ch.read(block, pos + block.position()) < 0) {
            throw new IOException(file + " shrank while being read");
          }
        }
        block.limit(block.capacity()).put(carry);
        byte[] data = block.array();
        int lineEnd = data.length;
        for (int i = data.length - 1; i >= 0; i--) {
          if (data[i] != '\n') {
            continue;
          }
          if (sawNewline
              && lineEnd > i + 1
              && !visitor.visit(Arrays.copyOfRange(data, i + 1, lineEnd))) {
            return false;
          }
          sawNewline = true;
          lineEnd = i;
        }
        carry = sawNewline ? Arrays.copyOfRange(data, 0, lineEnd) : new byte[0];
      }
      return !(sawNewline && carry.length > 0) || visitor.visit(carry);
    }
  }

  /**
   * Recomputes the chain across files, then holds its ends against the seal the writer keeps: the
   * oldest record must follow the sealed start, and the last sealed record must still be there
   * (records after it were written since). Logs from before seals existed are checked by the chain
   * alone, whose oldest record's predecessor may have been rotated away.
   */
  public static VerifyResult verify(Path dir) throws IOException {
    VerifyResult result = verifyOnce(dir);
    // A running proxy may rotate (and drop the oldest file) between reading the seal and the
    // files; a second look tells that from a cut.
    return result.ok() ? result : verifyOnce(dir);
  }

  private static VerifyResult verifyOnce(Path dir) throws IOException {
    Optional<AuditSeal> seal = AuditSeal.read(dir);
    String previousHash = null;
    String firstPrev = null;
    boolean sealedLastSeen = false;
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
        if (previousHash == null) {
          firstPrev = r.prev();
        } else if (!previousHash.equals(r.prev())) {
          return new VerifyResult(
              false,
              records,
              file.getFileName()
                  + " line "
                  + lineNumber
                  + ": prev does not match the record before it (a record was removed or edited)");
        }
        previousHash = AuditJson.hash(line);
        sealedLastSeen |= seal.isPresent() && previousHash.equals(seal.get().last());
        records++;
      }
    }
    if (seal.isEmpty()) {
      return new VerifyResult(true, records, null);
    }
    if (firstPrev != null && !firstPrev.equals(seal.get().first())) {
      return new VerifyResult(
          false,
          records,
          "the oldest record does not follow the sealed start (records were removed from the"
              + " beginning)");
    }
    boolean sealedEmpty = seal.get().last().equals(seal.get().first());
    if (!sealedEmpty && !sealedLastSeen) {
      return new VerifyResult(
          false,
          records,
          "the last record sealed is not in the log (records were removed or edited at the end)");
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
