package dev.sealgate.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code <home>/vault.bin}: every value, encrypted together with AES-256-GCM under the owner's
 * vault key. Layout: magic {@code SGV1} (also the AAD), a fresh 96-bit nonce, the ciphertext of
 * {@code count, (name length, name, value length, value)*}. Each change rewrites the file
 * atomically; a daemon reading it notices the CLI's rewrite by the file's identity and reloads.
 */
public final class FileSecretStore implements SecretStore {
  private static final byte[] MAGIC = "SGV1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final byte[] key;
  private Map<String, byte[]> values = new HashMap<>();
  private Object loadedStamp;

  public FileSecretStore(Path vaultFile, OwnerKey ownerKey) {
    this.file = vaultFile;
    this.key = ownerKey.vaultKey().clone();
  }

  @Override
  public String kind() {
    return "file";
  }

  @Override
  public synchronized Optional<SecretValue> get(String name) throws StoreUnavailableException {
    refresh();
    byte[] v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(SecretValue.copyOf(v));
  }

  @Override
  public synchronized void put(String name, SecretValue value) throws StoreUnavailableException {
    refresh();
    zero(values.put(name, value.bytes().clone()));
    write();
  }

  @Override
  public synchronized boolean delete(String name) throws StoreUnavailableException {
    refresh();
    byte[] old = values.remove(name);
    if (old == null) {
      return false;
    }
    zero(old);
    write();
    return true;
  }

  @Override
  public synchronized void close() {
    values.values().forEach(FileSecretStore::zero);
    values.clear();
    Arrays.fill(key, (byte) 0);
  }

  private void refresh() throws StoreUnavailableException {
    Object stamp = stamp();
    if (stamp.equals(loadedStamp)) {
      return;
    }
    Map<String, byte[]> fresh = new HashMap<>();
    if (!FileStamp.isAbsent(stamp)) {
      byte[] sealed;
      try {
        sealed = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot read " + file + ": " + e.getMessage());
      }
      byte[] plain = open(sealed);
      try {
        decode(plain, fresh);
      } finally {
        zero(plain);
      }
    }
    values.values().forEach(FileSecretStore::zero);
    values = fresh;
    loadedStamp = stamp;
  }

  private Object stamp() throws StoreUnavailableException {
    try {
      return FileStamp.of(file);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private byte[] open(byte[] sealed) throws StoreUnavailableException {
    if (sealed.length < MAGIC.length + NONCE_BYTES + 16
        || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
      throw new StoreUnavailableException(
          file + " is not a sealgate vault; restore it from a backup");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, sealed, MAGIC.length, NONCE_BYTES));
      c.updateAAD(MAGIC);
      int offset = MAGIC.length + NONCE_BYTES;
      return c.doFinal(sealed, offset, sealed.length - offset);
    } catch (GeneralSecurityException e) {
      throw new StoreUnavailableException(
          file
              + " cannot be decrypted with this owner passphrase (it was changed or the file was damaged); restore the vault or owner.json from a backup");
    }
  }

  private void write() throws StoreUnavailableException {
    byte[] plain = encode();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(MAGIC);
      byte[] sealed = c.doFinal(plain);
      ByteBuffer out = ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length);
      out.put(MAGIC).put(nonce).put(sealed);
      PrivateDirectory.create(file.toAbsolutePath().getParent());
      AtomicFile.write(file, out.array());
      loadedStamp = stamp();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot write " + file + ": " + e.getMessage() + "; nothing was changed");
    } finally {
      zero(plain);
    }
  }

  /** Into one exactly-sized array, so no stray buffer copy of the values is left unzeroed. */
  private byte[] encode() {
    int size = 4;
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      size += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + e.getValue().length;
    }
    byte[] plain = new byte[size];
    ByteBuffer out = ByteBuffer.wrap(plain).putInt(values.size());
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      out.putShort((short) name.length).put(name).putInt(e.getValue().length).put(e.getValue());
    }
    return plain;
  }

  private void decode(byte[] plain, Map<String, byte[]> into) throws StoreUnavailableException {
    try {
      ByteBuffer b = ByteBuffer.wrap(plain);
      int count = b.getInt();
      for (int i = 0; i < count; i++) {
        byte[] name = new byte[b.getShort() & 0xffff];
        b.get(name);
        byte[] value = new byte[b.getInt()];
        b.get(value);
        into.put(new String(name, StandardCharsets.UTF_8), value);
      }
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(
          file + " decrypted but is malformed; restore it from a backup");
    }
  }

  private static void zero(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
