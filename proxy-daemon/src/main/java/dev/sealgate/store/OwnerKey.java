package dev.sealgate.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the owner passphrase unlocks. {@code owner.json} holds the Argon2id salt and parameters and
 * a verifier, never the passphrase or a key: from the derived master key come the vault key (for
 * {@code vault.bin}) and the verifier (to tell a wrong passphrase from a damaged vault).
 */
public final class OwnerKey implements AutoCloseable {
  private static final int MEMORY_KIB = 64 * 1024;
  private static final int ITERATIONS = 3;
  private static final int PARALLELISM = 1;
  private static final byte[] VAULT_LABEL =
      "sealgate vault key v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERIFIER_LABEL =
      "sealgate owner verifier v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] vaultKey;

  private OwnerKey(byte[] vaultKey) {
    this.vaultKey = vaultKey;
  }

  public static boolean exists(Path ownerFile) {
    return Files.isRegularFile(ownerFile);
  }

  /** Chooses a salt, derives the keys from {@code passphrase}, and writes {@code owner.json}. */
  public static OwnerKey create(Path ownerFile, char[] passphrase) throws IOException {
    byte[] salt = new byte[Argon2id.SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    byte[] master = derive(passphrase, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
    try {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("format", 1);
      o.put("kdf", "argon2id");
      o.put("memory_kib", MEMORY_KIB);
      o.put("iterations", ITERATIONS);
      o.put("parallelism", PARALLELISM);
      o.put("salt", Base64.getEncoder().encodeToString(salt));
      o.put("verifier", Base64.getEncoder().encodeToString(hmac(master, VERIFIER_LABEL)));
      PrivateDirectory.create(ownerFile.toAbsolutePath().getParent());
      AtomicFile.write(ownerFile, JsonTrees.toPrettyBytes(o));
      return new OwnerKey(hmac(master, VAULT_LABEL));
    } finally {
      Arrays.fill(master, (byte) 0);
    }
  }

  /** Derives the keys again; a passphrase that does not match the verifier is refused. */
  public static OwnerKey unlock(Path ownerFile, char[] passphrase)
      throws IOException, WrongPassphraseException {
    JsonNode o;
    byte[] salt;
    byte[] verifier;
    try {
      o = JsonTrees.read(JsonTrees.STRICT, Files.readAllBytes(ownerFile));
      if (o == null) {
        throw damaged(ownerFile); // empty
      }
      salt = Base64.getDecoder().decode(o.path("salt").asText());
      verifier = Base64.getDecoder().decode(o.path("verifier").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw damaged(ownerFile);
    }
    byte[] master;
    try {
      master =
          derive(
              passphrase,
              salt,
              o.path("memory_kib").asInt(MEMORY_KIB),
              o.path("iterations").asInt(ITERATIONS),
              o.path("parallelism").asInt(PARALLELISM));
    } catch (IllegalArgumentException e) {
      throw damaged(ownerFile); // parameters no sealgate writes
    }
    try {
      if (!MessageDigest.isEqual(verifier, hmac(master, VERIFIER_LABEL))) {
        throw new WrongPassphraseException();
      }
      return new OwnerKey(hmac(master, VAULT_LABEL));
    } finally {
      Arrays.fill(master, (byte) 0);
    }
  }

  private static IOException damaged(Path ownerFile) {
    return new IOException(
        ownerFile
            + " is damaged; restore it from a backup (without it the file store cannot be opened)");
  }

  /** The AES-256 key of {@code vault.bin}; the array itself, valid until {@link #close()}. */
  public byte[] vaultKey() {
    return vaultKey;
  }

  @Override
  public void close() {
    Arrays.fill(vaultKey, (byte) 0);
  }

  private static byte[] derive(
      char[] passphrase, byte[] salt, int memoryKib, int iterations, int parallelism) {
    byte[] password = Utf8Bytes.of(passphrase);
    try {
      return Argon2id.derive(password, salt, memoryKib, iterations, parallelism);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static byte[] hmac(byte[] key, byte[] label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
