package dev.sealgate.testing;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.audit.AuditReader;
import dev.sealgate.config.ConfigLoader;
import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.daemon.ProxyDaemon;
import dev.sealgate.daemon.ProxyToken;
import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.MemorySecretStore;
import dev.sealgate.store.SecretStore;
import dev.sealgate.store.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The real daemon in this JVM on 127.0.0.1 and port 0, with its own home directory, a memory store,
 * and a configuration that trusts a per-run test CA through {@code extra_ca_file}.
 */
public final class DaemonFixture implements AutoCloseable {
  private final SealgatePaths paths;
  private final SecretStore store;
  private final ProxyDaemon daemon;
  private final String token;

  private DaemonFixture(Path home, String extraYaml, TestCa ca, SecretStore store)
      throws Exception {
    this.store = store;
    Path caPem = ca.writeCaPem(home.resolve("test-ca.pem"));
    Path configFile = home.resolve("config.yaml");
    Files.writeString(
        configFile,
        "proxy:\n  listen: 127.0.0.1:0\nupstream:\n  extra_ca_file: " + caPem + "\n" + extraYaml);
    Map<String, String> env =
        Map.of(
            "SEALGATE_HOME",
            home.resolve("home").toString(),
            "SEALGATE_CONFIG",
            configFile.toString());
    paths = SealgatePaths.fromEnvironment(env);
    Files.createDirectories(paths.home());
    ProxyToken.create(paths.tokenFile());
    token = ProxyToken.readText(paths.tokenFile());
    SealgateConfig config = ConfigLoader.load(configFile, env);
    daemon = ProxyDaemon.start(paths, config, store, Clock.systemUTC());
  }

  /**
   * {@code extraYaml} is appended to the config, which ends inside its {@code upstream:} section:
   * indented lines add upstream keys, unindented ones start other sections.
   */
  public static DaemonFixture start(Path dir, TestCa ca, String extraYaml) throws Exception {
    return new DaemonFixture(dir, extraYaml, ca, new MemorySecretStore());
  }

  /** A daemon over {@code store} (for stores that fail the way a locked keychain does). */
  public static DaemonFixture start(Path dir, TestCa ca, SecretStore store) throws Exception {
    return new DaemonFixture(dir, "", ca, store);
  }

  public static DaemonFixture start(Path dir, TestCa ca) throws Exception {
    return start(dir, ca, "");
  }

  public int port() {
    return daemon.address().getPort();
  }

  public String token() {
    return token;
  }

  /** {@code Proxy-Authorization} value for this daemon's token. */
  public String proxyAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("sealgate:" + token).getBytes(StandardCharsets.US_ASCII));
  }

  public SealgatePaths paths() {
    return paths;
  }

  /** Stores {@code value} under {@code name}, allowed to the given host patterns. */
  public void addKey(String name, String value, String... hosts) throws Exception {
    addKey(name, value, false, hosts);
  }

  public void addKey(String name, String value, boolean anyHost, String... hosts) throws Exception {
    try (SecretValue v = SecretValue.copyOf(value.getBytes(StandardCharsets.UTF_8))) {
      store.put(name, v);
    }
    Instant now = Instant.now();
    KeyIndex index = KeyIndex.load(paths.indexFile());
    index.with(new KeyEntry(name, List.of(hosts), anyHost, 1, now, now)).save(paths.indexFile());
  }

  /** Drops a value from the store while the index still lists it. */
  public void dropValue(String name) throws Exception {
    store.delete(name);
  }

  /** Every audit record written so far, once the writer has caught up. */
  public List<AuditRecord> audit() throws IOException, InterruptedException {
    daemon.flushAudit();
    return new ArrayList<>(AuditReader.readAll(paths.auditDir()));
  }

  public AuditRecord lastAudit() throws IOException, InterruptedException {
    List<AuditRecord> all = audit();
    if (all.isEmpty()) {
      throw new AssertionError("no audit record was written");
    }
    return all.get(all.size() - 1);
  }

  @Override
  public void close() {
    daemon.stop();
  }
}
