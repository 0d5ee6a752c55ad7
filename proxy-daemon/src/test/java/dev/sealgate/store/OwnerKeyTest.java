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

  @Test
  void damagedOwnerFileIsAnIoErrorNamingTheFile() throws Exception {
    Path bad = home.resolve("bad-owner.json");
    Files.writeString(bad, "{ not json");
    assertThatThrownBy(() -> OwnerKey.unlock(bad, PASSPHRASE.toCharArray()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(bad.toString());
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
