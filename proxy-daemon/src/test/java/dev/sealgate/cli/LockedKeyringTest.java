package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.testing.CliProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Secret Service whose keyring is locked, as on a desktop after the screen locks or a server
 * where nobody unlocked it. A private bus and gnome-keyring of its own, so locking it disturbs no
 * other test; runs where CI's Secret Service runs, since it needs the same packages.
 */
@EnabledIfEnvironmentVariable(named = "SEALGATE_TEST_SECRET_SERVICE", matches = "1")
class LockedKeyringTest {
  @TempDir Path root;
  private Process bus;
  private Process keyring;
  private String address;

  @AfterEach
  void stop() {
    if (keyring != null) {
      keyring.destroyForcibly();
    }
    if (bus != null) {
      bus.destroyForcibly();
    }
  }

  @Test
  void aLockedKeyringIsNamedAndTheFileStoreTakesOver() throws Exception {
    startUnlockedKeyring();
    Files.writeString(root.resolve("config.yaml"), "store:\n  backend: auto\n");
    CliProcess first = cli(root.resolve("first"));
    CliProcess.Result init = first.run("init");
    assertThat(init.exit()).as(init.toString()).isZero();
    assertThat(init.err()).contains("store: keychain");

    run(
        "dbus-send",
        "--session",
        "--print-reply",
        "--dest=org.freedesktop.secrets",
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.Lock",
        "array:objpath:/org/freedesktop/secrets/collection/login");

    // A home whose keys are in the keychain cannot change them now: exit 5, and why.
    CliProcess.Result set =
        first.runWithInput(
            "v\n".getBytes(StandardCharsets.UTF_8), "secrets", "set", "K", "--host", "a.example");
    assertThat(set.exit()).as(set.toString()).isEqualTo(ExitCodes.STORE_LOCKED);
    assertThat(set.err()).contains("locked").contains("unlock it");

    // A new home chooses the file store, and says what it found.
    CliProcess second = cli(root.resolve("second"));
    CliProcess.Result fallback = second.run("init");
    assertThat(fallback.exit()).as(fallback.toString()).isZero();
    assertThat(fallback.err()).contains("store: file").contains("locked");
  }

  private CliProcess cli(Path dir) {
    return new CliProcess(dir)
        .env("SEALGATE_CONFIG", root.resolve("config.yaml").toString())
        .env("SEALGATE_PASSPHRASE", "locked keyring test")
        .env("DBUS_SESSION_BUS_ADDRESS", address);
  }

  /** A session bus and gnome-keyring with a login keyring, unlocked, in directories of its own. */
  private void startUnlockedKeyring() throws Exception {
    Path home = Files.createDirectories(root.resolve("keyring-home"));
    Path runtime = Files.createDirectories(home.resolve("run"));
    ProcessBuilder dbus =
        new ProcessBuilder(
            "dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1");
    environment(dbus, home, runtime);
    bus = dbus.start();
    address =
        new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    assertThat(address).as("dbus-daemon printed its address").startsWith("unix:");
    ProcessBuilder gkd =
        new ProcessBuilder(
                "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    environment(gkd, home, runtime);
    gkd.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
    keyring = gkd.start();
    try (var in = keyring.getOutputStream()) {
      in.write("keyring test pass".getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 200; i++) {
      if (run(
              "dbus-send",
              "--session",
              "--print-reply",
              "--dest=org.freedesktop.DBus",
              "/org/freedesktop/DBus",
              "org.freedesktop.DBus.NameHasOwner",
              "string:org.freedesktop.secrets")
          .contains("boolean true")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("gnome-keyring did not appear on the private bus within 20 s");
  }

  private static void environment(ProcessBuilder pb, Path home, Path runtime) {
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
  }

  private String run(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    pb.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
