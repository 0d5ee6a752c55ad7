package dev.sealgate.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * An exclusive lock on {@code <home>/owner.lock}, held for the whole of an owner act. Each act
 * reads the index and the vault, changes them and writes them back; two acts at once would each
 * write back what they read, and the later would silently drop the earlier's change. The lock is
 * the operating system's (released when the process dies, so a crash never leaves it stuck).
 */
public final class OwnerLock implements AutoCloseable {
  private static final long POLL_MILLIS = 50;

  private final FileChannel channel;
  private final FileLock lock;

  private OwnerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits up to {@code patience} for the lock.
   *
   * @throws IOException with a message naming the file, if it cannot be opened or stays held
   */
  public static OwnerLock acquire(Path file, Duration patience) throws IOException {
    PrivateDirectory.create(file.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(
            file,
            java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    long deadline = System.nanoTime() + patience.toNanos();
    try {
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new OwnerLock(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "another sealgate command is changing keys (it holds "
                  + file
                  + "); wait for it to finish and try again");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw new IOException("interrupted while waiting for " + file, e);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
