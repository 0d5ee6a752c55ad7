package dev.sealgate.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where every file of SPEC §1 lives, worked out once from the environment so no other class reads
 * {@code SEALGATE_HOME} or the XDG variables.
 */
public record SealgatePaths(Path home, Path configFile) {

  public static SealgatePaths fromEnvironment(Map<String, String> env) {
    Path userHome = Path.of(set(env, "HOME") ? env.get("HOME") : System.getProperty("user.home"));
    Path home;
    if (set(env, "SEALGATE_HOME")) {
      home = Path.of(env.get("SEALGATE_HOME"));
    } else if (set(env, "XDG_STATE_HOME")) {
      home = Path.of(env.get("XDG_STATE_HOME"), "sealgate");
    } else {
      home = userHome.resolve(".sealgate");
    }
    Path config;
    if (set(env, "SEALGATE_CONFIG")) {
      config = Path.of(env.get("SEALGATE_CONFIG"));
    } else if (set(env, "XDG_CONFIG_HOME")) {
      config = Path.of(env.get("XDG_CONFIG_HOME"), "sealgate", "config.yaml");
    } else {
      config = userHome.resolve(".config").resolve("sealgate").resolve("config.yaml");
    }
    return new SealgatePaths(home.toAbsolutePath(), config.toAbsolutePath());
  }

  private static boolean set(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  public Path auditDir() {
    return home.resolve("audit");
  }

  public Path tokenFile() {
    return home.resolve("proxy.token");
  }

  public Path vaultFile() {
    return home.resolve("vault.bin");
  }

  public Path indexFile() {
    return home.resolve("index.json");
  }

  /** The owner passphrase's salt and verifier (never the passphrase). */
  public Path ownerFile() {
    return home.resolve("owner.json");
  }

  /** Held by whoever changes the index or the vault, so two owner acts never interleave. */
  public Path ownerLockFile() {
    return home.resolve("owner.lock");
  }

  /** The daemon's pid alone, as pid files hold it, so {@code kill $(cat sealgate.pid)} works. */
  public Path pidFile() {
    return home.resolve("sealgate.pid");
  }

  /** Where the running daemon listens, written before the pid file: it may have bound port 0. */
  public Path addressFile() {
    return home.resolve("proxy.address");
  }

  public Path caDir() {
    return home.resolve("ca");
  }

  /** Output of a daemon started in the background. */
  public Path logFile() {
    return home.resolve("sealgate.log");
  }
}
