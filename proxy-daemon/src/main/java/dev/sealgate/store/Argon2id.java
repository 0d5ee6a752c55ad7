package dev.sealgate.store;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.interfaces.PwHash;
import com.goterl.lazysodium.utils.LibraryLoader;
import com.sun.jna.NativeLong;

/**
 * Argon2id (version 1.3, one lane) through libsodium's {@code crypto_pwhash}. Native rather than
 * Java because of where the memory goes: the 64 MiB the derivation needs is allocated and freed
 * outside the Java heap, so a long-running daemon does not keep a heap sized for it, and the JIT
 * does not spend a second compiling the mixing loop. The output is the standard one (RFC 9106), the
 * same as any other Argon2id with these parameters.
 */
final class Argon2id {
  static final int SALT_BYTES = PwHash.SALTBYTES;

  private Argon2id() {}

  /**
   * @param password owned by the caller, who zeroes it
   * @param memoryKib memory cost in KiB
   * @throws IllegalArgumentException for parameters libsodium does not accept (more than one lane,
   *     a salt that is not 16 bytes, costs out of its range)
   */
  static byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes) {
    if (lanes != 1 || salt.length != SALT_BYTES) {
      throw new IllegalArgumentException(
          "Argon2id with " + lanes + " lanes and a " + salt.length + "-byte salt");
    }
    byte[] out = new byte[32];
    int rc =
        Native.SODIUM.crypto_pwhash(
            out,
            out.length,
            password,
            password.length,
            salt,
            iterations,
            new NativeLong(memoryKib * 1024L),
            PwHash.Alg.PWHASH_ALG_ARGON2ID13.getValue());
    if (rc != 0) {
      throw new IllegalArgumentException(
          "Argon2id refused memory " + memoryKib + " KiB, " + iterations + " iterations");
    }
    return out;
  }

  /** Loaded on first use: commands that derive nothing never pay for binding libsodium. */
  private static final class Native {
    // The system's libsodium when installed (libsodium23), else the copy inside lazysodium.
    static final SodiumJava SODIUM = new SodiumJava(LibraryLoader.Mode.PREFER_SYSTEM);
  }
}
