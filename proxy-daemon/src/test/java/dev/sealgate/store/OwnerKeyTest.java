package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerKeyTest {
  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir static Path home;
  static Path ownerFile;
  static byte[] createdKey;

  @BeforeAll
  static void create() throws Exception {
    ownerFile = home.resolve("sub").resolve("owner.json");
    try (OwnerKey k = OwnerKey.create(ownerFile, PASSPHRASE.toCharArray())) {
      createdKey = k.vaultKey().clone();
    }
  }

  @Test
  void ownerFileIsPrivateAndHoldsNoPassphraseOrKey() throws Exception {
    assertThat(OwnerKey.exists(ownerFile)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ownerFile)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ownerFile.getParent())))
        .isEqualTo("rwx------");
    String json = Files.readString(ownerFile, StandardCharsets.UTF_8);
    assertThat(json).contains("argon2id").doesNotContain(PASSPHRASE).doesNotContain("horse");
    assertThat(json)
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(createdKey))
        .doesNotContain(java.util.HexFormat.of().formatHex(createdKey));
  }

  @Test
  void rightPassphraseUnlocksTheSameKeyAndWrongOneIsRefused() throws Exception {
    try (OwnerKey k = OwnerKey.unlock(ownerFile, PASSPHRASE.toCharArray())) {
      assertThat(k.vaultKey()).hasSize(32).isEqualTo(createdKey);
    }
    assertThatThrownBy(
            () -> OwnerKey.unlock(ownerFile, "correct horse battery stapler".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong owner passphrase");
  }

  /** An owner.json as the BouncyCastle derivation wrote it for {@link #PASSPHRASE}. */
  private static Path earlierOwnerFile(String name, int parallelism) throws Exception {
    return Files.writeString(
        home.resolve(name),
        """
        {"format": 1, "kdf": "argon2id", "memory_kib": 65536, "iterations": 3, "parallelism": %d,
         "salt": "XqGafgEjRWeJq83v/ty6mA==",
         "verifier": "Y4lbSrQHsrovllw815oq5oYKB9lqfjuyfDbgTtejakc="}
        """
            .formatted(parallelism));
  }

  @Test
  void ownerFileWrittenByEarlierVersionsStillUnlocksToTheSameKey() throws Exception {
    // Written by the BouncyCastle derivation sealgate used before libsodium: the same Argon2id, so
    // the same vault key. A different key here would lock every existing file store.
    Path earlier = earlierOwnerFile("earlier-owner.json", 1);
    try (OwnerKey k = OwnerKey.unlock(earlier, PASSPHRASE.toCharArray())) {
      assertThat(java.util.HexFormat.of().formatHex(k.vaultKey()))
          .isEqualTo("c39e5c90e6c2a09dcefa9b9656d8a26e6ceed6749b360776910a6d6e86dd371b");
    }
  }

  @Test
  void parametersNoSealgateWritesAreADamagedFile() throws Exception {
    Path odd = earlierOwnerFile("odd-owner.json", 4);
    assertThatThrownBy(() -> OwnerKey.unlock(odd, PASSPHRASE.toCharArray()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(odd + " is damaged");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{ not json", "", "[]"})
  void damagedOwnerFileIsAnIoErrorNamingTheFile(String content) throws Exception {
    Path bad = home.resolve("bad-owner.json");
    Files.writeString(bad, content);
    assertThatThrownBy(() -> OwnerKey.unlock(bad, PASSPHRASE.toCharArray()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(bad + " is damaged");
    assertThat(OwnerKey.exists(home.resolve("missing.json"))).isFalse();
  }

  @Test
  void closeZeroesTheVaultKey() throws Exception {
    // The only extra derivation in this class: unlock, then close.
    OwnerKey k = OwnerKey.unlock(ownerFile, PASSPHRASE.toCharArray());
    byte[] held = k.vaultKey();
    k.close();
    assertThat(held).containsOnly((byte) 0);
  }
}
