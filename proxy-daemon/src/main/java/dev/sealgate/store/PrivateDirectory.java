package dev.sealgate.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates directories that only the owner can enter ({@code 0700}), parents included. */
public final class PrivateDirectory {
  private PrivateDirectory() {}

  /**
   * Takes group and other access away from a directory that already existed with it (a home made by
   * hand with {@code mkdir}, say).
   *
   * @return whether the permissions had to change
   */
  public static boolean restrict(Path dir) throws IOException {
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
    if (now.equals(owner)) {
      return false;
    }
    Files.setPosixFilePermissions(dir, owner);
    return true;
  }

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
