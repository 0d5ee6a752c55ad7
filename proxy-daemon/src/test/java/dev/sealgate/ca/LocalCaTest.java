package dev.sealgate.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path home;

  @Test
  void createsAPrivateP256CaAndLoadsTheSameOneAgain() throws Exception {
    Path dir = home.resolve("ca");
    LocalCa made = LocalCa.loadOrCreate(dir, NOW);

    assertThat(perms(dir)).isEqualTo("rwx------");
    assertThat(perms(dir.resolve("ca.pem"))).isEqualTo("rw-------");
    assertThat(perms(dir.resolve("ca.key"))).isEqualTo("rw-------");
    assertThat(made.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(made.certificate().getBasicConstraints()).isZero();
    assertThat(made.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(made.certificate().getNotAfter().toInstant())
        .isAfter(NOW.instant().plus(Duration.ofDays(3000)));

    LocalCa loaded = LocalCa.loadOrCreate(dir, NOW);
    assertThat(loaded.certificate()).isEqualTo(made.certificate());
    assertThat(loaded.key().getEncoded()).isEqualTo(made.key().getEncoded());
  }

  @Test
  void aKeyWithoutItsCertificateIsReplacedByANewCa() throws Exception {
    Path dir = home.resolve("ca");
    LocalCa first = LocalCa.loadOrCreate(dir, NOW);
    Files.delete(dir.resolve("ca.pem")); // as a crash between the two writes leaves it

    LocalCa second = LocalCa.loadOrCreate(dir, NOW);
    assertThat(second.certificate()).isNotEqualTo(first.certificate());
    assertThat(LocalCa.loadOrCreate(dir, NOW).certificate()).isEqualTo(second.certificate());
  }

  @Test
  void aCorruptCertificateIsAClearErrorAndIsLeftAlone() throws Exception {
    Path dir = home.resolve("ca");
    LocalCa.loadOrCreate(dir, NOW);
    Files.writeString(dir.resolve("ca.pem"), "not a certificate");

    assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, NOW))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.resolve("ca.pem").toString())
        .hasMessageContaining("run sealgate init");
    assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo("not a certificate");
  }

  @Test
  void aCorruptKeyIsAClearErrorAndIsLeftAlone() throws Exception {
    Path dir = home.resolve("ca");
    LocalCa.loadOrCreate(dir, NOW);
    String damaged = "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n";
    Files.writeString(dir.resolve("ca.key"), damaged);

    assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, NOW))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("run sealgate init");
    assertThat(Files.readString(dir.resolve("ca.key"))).isEqualTo(damaged);
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
    Path a = home.resolve("a");
    Path b = home.resolve("b");
    LocalCa.loadOrCreate(a, NOW);
    LocalCa.loadOrCreate(b, NOW);
    Files.copy(
        b.resolve("ca.key"),
        a.resolve("ca.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> LocalCa.loadOrCreate(a, NOW)).hasMessageContaining("ca.pem");
  }

  @Test
  void anExpiredCaSaysSo() throws Exception {
    Path dir = home.resolve("ca");
    LocalCa.loadOrCreate(dir, NOW);
    Clock later = Clock.offset(NOW, LocalCa.VALIDITY.plusDays(1));

    assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, later))
        .hasMessageContaining("outside its validity period");
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
