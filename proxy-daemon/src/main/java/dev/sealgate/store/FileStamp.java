package dev.sealgate.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What tells one version of a file from the next without reading it: its identity, modification
 * time and size. {@link AtomicFile} replaces a file with a new inode, so the identity changes on
 * every write, even within one mtime tick.
 */
public final class FileStamp {
  private static final Object ABSENT = "absent";

  private FileStamp() {}

  /** A value equal to the previous one exactly when the file was not replaced or changed. */
  public static Object of(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
    } catch (NoSuchFileException e) {
      return ABSENT;
    }
  }

  public static boolean isAbsent(Object stamp) {
    return stamp == ABSENT;
  }
}
