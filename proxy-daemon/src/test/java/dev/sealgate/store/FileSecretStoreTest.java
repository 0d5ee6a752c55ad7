package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {
  private static final String VALUE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

  @TempDir static Path keys;
  static OwnerKey owner;
  static OwnerKey otherOwner;

  @TempDir Path home;

  @BeforeAll
  static void keys() throws Exception {
    owner = OwnerKey.create(keys.resolve("owner.json"), "owner pass".toCharArray());
    otherOwner = OwnerKey.create(keys.resolve("other-owner.json"), "other pass".toCharArray());
  }

  @AfterAll
  static void closeKeys() {
    owner.close();
    otherOwner.close();
  }

  private static SecretValue value(String s) {
    return SecretValue.copyOf(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Optional<SecretValue> v) {
    return new String(v.orElseThrow().bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void putGetDeleteRoundtrip() throws Exception {
    try (FileSecretStore s = new FileSecretStore(home.resolve("vault.bin"), owner)) {
      assertThat(s.kind()).isEqualTo("file");
      assertThat(s.get("STRIPE_KEY")).isEmpty();
      s.put("STRIPE_KEY", value(VALUE));
      s.put("GH_TOKEN", value("ghp_x"));
      s.put("EMPTY", value(""));
      assertThat(text(s.get("STRIPE_KEY"))).isEqualTo(VALUE);
      assertThat(text(s.get("GH_TOKEN"))).isEqualTo("ghp_x");
      assertThat(s.get("EMPTY")).get().extracting(SecretValue::length).isEqualTo(0);
      s.put("GH_TOKEN", value("ghp_y"));
      assertThat(text(s.get("GH_TOKEN"))).isEqualTo("ghp_y");
      assertThat(s.delete("GH_TOKEN")).isTrue();
      assertThat(s.delete("GH_TOKEN")).isFalse();
      assertThat(s.get("GH_TOKEN")).isEmpty();
      assertThat(text(s.get("STRIPE_KEY"))).isEqualTo(VALUE);
    }
  }

  @Test
  void callerClosingAValueDoesNotDamageTheStore() throws Exception {
    try (FileSecretStore s = new FileSecretStore(home.resolve("vault.bin"), owner)) {
      SecretValue mine = value(VALUE);
      s.put("K", mine);
      mine.close();
      s.get("K").orElseThrow().close();
      assertThat(text(s.get("K"))).isEqualTo(VALUE);
    }
  }

  @Test
  void valuesPersistAcrossInstancesAndTheVaultIsPrivate() throws Exception {
    Path vault = home.resolve("nested").resolve("vault.bin");
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      s.put("STRIPE_KEY", value(VALUE));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.getParent())))
        .isEqualTo("rwx------");
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      assertThat(text(s.get("STRIPE_KEY"))).isEqualTo(VALUE);
    }
    // No temp files left beside the vault.
    try (var files = Files.list(vault.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("vault.bin");
    }
  }

  @Test
  void aWriteByASecondInstanceIsSeenByTheFirst() throws Exception {
    Path vault = home.resolve("vault.bin");
    try (FileSecretStore daemon = new FileSecretStore(vault, owner);
        FileSecretStore cli = new FileSecretStore(vault, owner)) {
      daemon.put("A", value("one"));
      assertThat(text(daemon.get("A"))).isEqualTo("one");
      cli.put("A", value("two"));
      cli.put("B", value("bee"));
      assertThat(text(daemon.get("A"))).isEqualTo("two");
      assertThat(text(daemon.get("B"))).isEqualTo("bee");
      // And the first instance's next write keeps the second's changes.
      daemon.put("C", value("sea"));
      assertThat(text(cli.get("B"))).isEqualTo("bee");
      assertThat(text(cli.get("C"))).isEqualTo("sea");
      cli.delete("A");
      assertThat(daemon.get("A")).isEmpty();
    }
  }

  @Test
  void vaultFileNeverHoldsThePlaintext() throws Exception {
    Path vault = home.resolve("vault.bin");
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      s.put("STRIPE_KEY", value(VALUE));
    }
    byte[] raw = Files.readAllBytes(vault);
    String asLatin1 = new String(raw, StandardCharsets.ISO_8859_1);
    assertThat(asLatin1).startsWith("SGV1");
    assertThat(asLatin1)
        .doesNotContain(VALUE)
        .doesNotContain("sk_live")
        .doesNotContain("STRIPE_KEY");
  }

  @Test
  void tamperingWithOneByteMakesTheStoreUnavailableWithoutLeakingTheValue() throws Exception {
    Path vault = home.resolve("vault.bin");
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      s.put("STRIPE_KEY", value(VALUE));
    }
    byte[] raw = Files.readAllBytes(vault);
    raw[raw.length / 2] ^= 0x01;
    Files.write(vault, raw);
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      assertThatThrownBy(() -> s.get("STRIPE_KEY"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(vault.toString())
          .hasMessageNotContaining(VALUE)
          .hasMessageNotContaining("sk_live");
      // A write must not silently replace the damaged vault either.
      assertThatThrownBy(() -> s.put("OTHER", value("x")))
          .isInstanceOf(StoreUnavailableException.class);
    }
    assertThat(Files.readAllBytes(vault)).isEqualTo(raw);
  }

  @Test
  void aFileThatIsNotAVaultIsReported() throws Exception {
    Path vault = home.resolve("vault.bin");
    Files.writeString(vault, "hello");
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      assertThatThrownBy(() -> s.get("K"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("not a sealgate vault");
    }
  }

  @Test
  void anotherOwnerKeyCannotReadTheVault() throws Exception {
    Path vault = home.resolve("vault.bin");
    try (FileSecretStore s = new FileSecretStore(vault, owner)) {
      s.put("STRIPE_KEY", value(VALUE));
    }
    try (FileSecretStore s = new FileSecretStore(vault, otherOwner)) {
      assertThatThrownBy(() -> s.get("STRIPE_KEY"))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("cannot be decrypted")
          .hasMessageNotContaining(VALUE);
    }
  }
}
