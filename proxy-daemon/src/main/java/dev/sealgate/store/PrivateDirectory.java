package dev.sealgate.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates directories that only the owner can enter ({@code 0700}), parents included. */
public final class PrivateDirectory {
  private PrivateDirectory() {}

  public static void create(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      return;
    }
    Path parent = abs.getParent();
    if (parent != null && !Files.exists(parent)) {
      create(parent);
    }
    try {
      Files.createDirectory(
          abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // Created concurrently by another process; fine.
    }
  }
}
