package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hash-chained audit log (SPEC §3), written by one daemon thread, {@code sealgate-audit}.
 *
 * <p>{@link #append} may be called from any thread, including a Netty event loop: it only offers
 * the record to a bounded queue and never waits. When the queue is full the record is dropped and
 * counted ({@link #droppedCount()}), with a rate-limited warning. The writer thread sets each
 * record's {@code prev} to the SHA-256 of the previous line's exact bytes (64 zeros for the first
 * record ever; the chain continues across rotation) and appends the line at once, so {@code proxy
 * logs} sees it. Forcing to disk is grouped: at most every {@link #SYNC_INTERVAL_NANOS} while
 * records keep coming, and as soon as the queue runs dry, so one {@code fsync} covers a burst
 * instead of costing one per request. A crash of the process loses nothing written; a crash of the
 * machine loses at most that interval, and the chain stays verifiable either way.
 *
 * <p>Rotation: a line that would take {@code audit.jsonl} over {@code maxFileBytes} goes to a fresh
 * file; the old one becomes {@code audit-1.jsonl}, older ones shift up, and at most {@code
 * keepFiles} rotated files are kept. Call {@link #close()} once at shutdown; it writes everything
 * appended before it.
 */
public final class AuditLog implements AutoCloseable {
  static final int DEFAULT_QUEUE_CAPACITY = 65536;
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final int MAX_BATCH = 1024;
  static final long SYNC_INTERVAL_NANOS = 100_000_000L;
  private static final long LINGER_MILLIS = 1;
  private static final long DROP_WARNING_INTERVAL_NANOS = 10_000_000_000L;
  private static final AuditRecord STOP =
      new AuditRecord(
          "", "", "", "", "", "", 0, "", List.of(), List.of(), 0, null, 0, 0, 0, 0, null);

  private final Path dir;
  private final long maxFileBytes;
  private final int keepFiles;
  private final BlockingQueue<AuditRecord> queue;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - (1L << 62));

  // Guarded by submitLock: the queue order is the submission order, so flush() can wait on counts.
  private final Object submitLock = new Object();
  private long submitted;
  private boolean closed;

  // Guarded by progressLock: records the writer has finished with (written, or failed and logged).
  private final Object progressLock = new Object();
  private long processed;

  // Owned by the writer thread after open() returns.
  private FileChannel channel;
  private long size;
  private String lastHash;
  private String chainStart;
  private boolean unforced;
  private long lastForce = System.nanoTime();
  // The batch's lines on their way to the file, reused: a fresh buffer grew by copying per batch.
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(16 * 1024);

  private AuditLog(Path dir, long maxFileBytes, int keepFiles, int queueCapacity) {
    this.dir = dir;
    this.maxFileBytes = maxFileBytes;
    this.keepFiles = keepFiles;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::drainLoop, "sealgate-audit");
    writer.setDaemon(true);
  }

  /**
   * Opens (or creates) the log in {@code auditDir} and starts the writer thread. A partial last
   * line left by a crash is truncated away so the chain stays verifiable.
   *
   * @param maxFileBytes size at which {@code audit.jsonl} is rotated
   * @param keepFiles how many rotated files ({@code audit-1.jsonl} …) to keep; 0 keeps none
   * @throws IOException if the directory or file cannot be created, opened or repaired
   */
  public static AuditLog open(Path auditDir, long maxFileBytes, int keepFiles) throws IOException {
    return open(auditDir, maxFileBytes, keepFiles, DEFAULT_QUEUE_CAPACITY);
  }

  static AuditLog open(Path auditDir, long maxFileBytes, int keepFiles, int queueCapacity)
      throws IOException {
    if (maxFileBytes <= 0 || keepFiles < 0) {
      throw new IllegalArgumentException(
          "audit max_file_bytes must be > 0 and keep_files >= 0, got "
              + maxFileBytes
              + " and "
              + keepFiles);
    }
    AuditLog log = new AuditLog(auditDir, maxFileBytes, keepFiles, queueCapacity);
    log.openCurrent();
    log.writer.start();
    return log;
  }

  /** Queues {@code r} for writing; never blocks. Its {@code prev} is ignored and set here. */
  public void append(AuditRecord r) {
    boolean accepted;
    synchronized (submitLock) {
      accepted = !closed && queue.offer(r);
      if (accepted) {
        submitted++;
      }
    }
    if (!accepted) {
      recordDrop();
    }
  }

  /**
   * Waits until every record appended before this call is written to the file (or has failed and
   * been logged); the disk has it within {@link #SYNC_INTERVAL_NANOS}.
   */
  public void flush() throws InterruptedException {
    long target;
    synchronized (submitLock) {
      target = submitted;
    }
    synchronized (progressLock) {
      while (processed < target && writer.isAlive()) {
        progressLock.wait(100);
      }
    }
  }

  /** Records refused because the queue was full or the log was closed. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Writes what was appended before this call, stops the writer and closes the file. */
  @Override
  public void close() throws InterruptedException {
    synchronized (submitLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    queue.put(STOP);
    writer.join();
  }

  private void recordDrop() {
    long total = dropped.incrementAndGet();
    long now = System.nanoTime();
    long last = lastDropWarning.get();
    if (now - last >= DROP_WARNING_INTERVAL_NANOS && lastDropWarning.compareAndSet(last, now)) {
      LOG.warn(
          "audit queue full or log closed: {} audit records dropped so far (writer cannot keep up"
              + " with {})",
          total,
          dir);
    }
  }

  private void openCurrent() throws IOException {
    AuditFiles.createPrivateDirectory(dir);
    Path current = AuditFiles.current(dir);
    channel =
        FileChannel.open(
            current,
            java.util.Set.of(
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(AuditFiles.FILE_MODE));
    AuditFiles.restrict(current, AuditFiles.FILE_MODE);
    long complete = AuditFiles.completeLength(channel);
    if (complete < channel.size()) {
      LOG.warn(
          "{} ended in a partial line of {} bytes (an interrupted write); truncated it so the"
              + " chain stays verifiable",
          current,
          channel.size() - complete);
      channel.truncate(complete);
      channel.force(false);
    }
    size = complete;
    channel.position(size);
    Optional<byte[]> last = AuditFiles.lastCompleteLine(channel);
    if (last.isEmpty()) {
      last = lastLineOfNewestRotated();
    }
    lastHash = last.map(AuditJson::hash).orElse(AuditJson.GENESIS);
    // The sealed start outlives a restart, so records cut from the start while the proxy was
    // stopped still show; the end is sealed again from the file.
    Optional<AuditSeal> sealed;
    try {
      sealed = AuditSeal.read(dir);
    } catch (IOException e) {
      LOG.warn("{}; writing a new one", e.getMessage());
      sealed = Optional.empty();
    }
    chainStart = sealed.map(AuditSeal::first).orElse(oldestPrev().orElse(lastHash));
    seal();
  }

  /** The {@code prev} of the oldest record in the directory, if there is one. */
  private Optional<String> oldestPrev() throws IOException {
    for (Path file : AuditFiles.oldestFirst(dir)) {
      Optional<byte[]> first = AuditFiles.firstCompleteLine(file);
      if (first.isPresent()) {
        byte[] line = first.get();
        try {
          return Optional.ofNullable(AuditJson.parse(line, 0, line.length).prev());
        } catch (IOException edited) {
          return Optional.empty(); // proxy logs --verify reports the line; writing goes on
        }
      }
    }
    return Optional.empty();
  }

  private void seal() {
    try {
      new AuditSeal(chainStart, lastHash).write(dir);
    } catch (IOException e) {
      LOG.error("could not seal the audit log in {}: {}", dir, e.toString());
    }
  }

  /** After a crash between rotation and the first write, the chain continues from audit-1. */
  private Optional<byte[]> lastLineOfNewestRotated() throws IOException {
    Path newest = AuditFiles.rotated(dir, 1);
    if (!Files.exists(newest)) {
      return Optional.empty();
    }
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.READ)) {
      return AuditFiles.lastCompleteLine(ch);
    }
  }

  private void drainLoop() {
    List<AuditRecord> batch = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    try {
      while (!stopping) {
        AuditRecord first =
            unforced
                ? queue.poll(
                    Math.max(0, SYNC_INTERVAL_NANOS - (System.nanoTime() - lastForce)),
                    java.util.concurrent.TimeUnit.NANOSECONDS)
                : queue.take();
        if (first == null) {
          force(); // the burst is over: put it on disk now
          continue;
        }
        // Linger so that the records of a busy moment are written together: while this thread
        // sleeps rather than waits on the queue, appending wakes nobody (no futex per request).
        Thread.sleep(LINGER_MILLIS);
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        if (batch.get(batch.size() - 1) == STOP) {
          batch.remove(batch.size() - 1);
          stopping = true;
        }
        writeBatch(batch);
        if (System.nanoTime() - lastForce >= SYNC_INTERVAL_NANOS) {
          force();
        }
        markProcessed(batch.size());
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      force();
      closeChannel();
      synchronized (progressLock) {
        progressLock.notifyAll();
      }
    }
  }

  private void writeBatch(List<AuditRecord> batch) {
    pending.reset(); // what a failed batch left
    try {
      for (AuditRecord r : batch) {
        byte[] line = AuditJson.toLine(r.withPrev(lastHash));
        long used = size + pending.size();
        // A line is never split over files, and a file always takes at least one line.
        if (used > 0 && used + line.length + 1 > maxFileBytes) {
          writePending();
          force();
          rotate();
        }
        pending.write(line);
        pending.write('\n');
        lastHash = AuditJson.hash(line);
      }
      writePending();
    } catch (IOException | RuntimeException e) {
      // The records are lost, but the chain on disk stays consistent: reopen resynchronises it.
      LOG.error("could not write {} audit records to {}: {}", batch.size(), dir, e.toString());
      resync();
    }
  }

  private void writePending() throws IOException {
    if (pending.size() == 0) {
      return;
    }
    pending.writeTo(Channels.newOutputStream(channel)); // writes it all, without a copy
    size += pending.size();
    pending.reset();
    unforced = true;
  }

  /** Puts what was written on disk; a failure is logged, the records stay in the file. */
  private void force() {
    lastForce = System.nanoTime();
    if (!unforced || channel == null || !channel.isOpen()) {
      return;
    }
    unforced = false;
    try {
      channel.force(false);
    } catch (IOException e) {
      LOG.error("could not force the audit log in {} to disk: {}", dir, e.toString());
      return;
    }
    seal();
  }

  private void rotate() throws IOException {
    channel.close();
    Path current = AuditFiles.current(dir);
    if (keepFiles == 0) {
      Files.delete(current);
    } else {
      Files.deleteIfExists(AuditFiles.rotated(dir, keepFiles));
      for (int i = keepFiles - 1; i >= 1; i--) {
        Path from = AuditFiles.rotated(dir, i);
        if (Files.exists(from)) {
          Files.move(from, AuditFiles.rotated(dir, i + 1));
        }
      }
      Files.move(current, AuditFiles.rotated(dir, 1));
    }
    // Files left over from a larger keep_files setting.
    for (int n : AuditFiles.rotatedNumbers(dir)) {
      if (n > keepFiles) {
        Files.deleteIfExists(AuditFiles.rotated(dir, n));
      }
    }
    channel =
        FileChannel.open(
            current,
            java.util.Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(AuditFiles.FILE_MODE));
    AuditFiles.restrict(current, AuditFiles.FILE_MODE);
    size = 0;
    // If keep_files dropped the oldest file, the chain now starts at the oldest record kept.
    chainStart = oldestPrev().orElse(lastHash);
    seal();
  }

  private void resync() {
    closeChannel();
    try {
      openCurrent();
    } catch (IOException e) {
      LOG.error("could not reopen the audit log in {}: {}", dir, e.toString());
    }
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("could not close the audit log in {}: {}", dir, e.toString());
    }
  }

  private void markProcessed(int count) {
    synchronized (progressLock) {
      processed += count;
      progressLock.notifyAll();
    }
  }
}
