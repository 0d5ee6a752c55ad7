package dev.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final Path TEMPLATE = Path.of("..", "config", "config.yaml");
  private static final Path BROKEN = Path.of("src", "test", "resources", "config", "broken");

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static SealgateConfig load(Path file, Map<String, String> env) throws ConfigException {
    return ConfigLoader.load(file, env);
  }

  @Test
  void templateGivesExactlyTheDefaults() throws Exception {
    assertThat(TEMPLATE).exists();
    assertThat(load(TEMPLATE, Map.of())).isEqualTo(SealgateConfig.defaults());
  }

  @Test
  void defaultsMatchTheSpec() {
    SealgateConfig d = SealgateConfig.defaults();
    assertThat(d.proxy().listen()).isEqualTo("127.0.0.1:8765");
    assertThat(d.proxy().requireToken()).isTrue();
    assertThat(d.proxy().maxConnections()).isEqualTo(4096);
    assertThat(d.proxy().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.proxy().maxHeaderBytes()).isEqualTo(65536);
    assertThat(d.upstream().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.upstream().responseTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(d.upstream().extraCaFile()).isNull();
    assertThat(d.upstream().plaintextUpstreams()).isEmpty();
    assertThat(d.inject().maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(d.store().backend()).isEqualTo(StoreBackend.AUTO);
    assertThat(d.audit().maxFileBytes()).isEqualTo(10_485_760);
    assertThat(d.audit().keepFiles()).isEqualTo(10);
    assertThat(d.sync().relay()).isNull();
    assertThat(d.sync().interval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void missingFileGivesDefaults() throws Exception {
    assertThat(load(dir.resolve("absent.yaml"), Map.of())).isEqualTo(SealgateConfig.defaults());
  }

  @Test
  void emptyFileAndNullSectionsGiveDefaults() throws Exception {
    assertThat(load(write(""), Map.of())).isEqualTo(SealgateConfig.defaults());
    assertThat(load(write("# only a comment\n"), Map.of())).isEqualTo(SealgateConfig.defaults());
    assertThat(load(write("proxy:\nsync: ~\n"), Map.of())).isEqualTo(SealgateConfig.defaults());
  }

  @Test
  void explicitSealgateConfigToAMissingFileIsAnError() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> load(missing, Map.of("SEALGATE_CONFIG", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEALGATE_CONFIG")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void blankSealgateConfigIsNotExplicit() throws Exception {
    // SealgatePaths ignores a blank SEALGATE_CONFIG; the loader must agree.
    assertThat(load(dir.resolve("absent.yaml"), Map.of("SEALGATE_CONFIG", "")))
        .isEqualTo(SealgateConfig.defaults());
  }

  @Test
  void readsEveryKeyWithItsType() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "a certificate");
    SealgateConfig c =
        load(
            write(
                """
                proxy:
                  listen: "[::1]:9000"
                  require_token: false
                  max_connections: 10
                  idle_timeout: 500ms
                  max_header_bytes: 8192
                upstream:
                  connect_timeout: 5m
                  response_timeout: 1h
                  extra_ca_file: ca.pem
                  plaintext_upstreams: [LocalHost, 127.0.0.1]
                inject:
                  max_body_bytes: 5000000000
                store:
                  backend: file
                audit:
                  max_file_bytes: 1000
                  keep_files: 3
                sync:
                  relay: https://relay.example.com
                  interval: 30s
                  workspace: acme
                  project: web
                """),
            Map.of());
    assertThat(c)
        .isEqualTo(
            new SealgateConfig(
                new SealgateConfig.Proxy("[::1]:9000", false, 10, Duration.ofMillis(500), 8192),
                new SealgateConfig.Upstream(
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    ca.toAbsolutePath(),
                    List.of("localhost", "127.0.0.1")),
                new SealgateConfig.Inject(5_000_000_000L),
                new SealgateConfig.Store(StoreBackend.FILE),
                new SealgateConfig.Audit(1000, 3),
                new SealgateConfig.Sync(
                    "https://relay.example.com", Duration.ofSeconds(30), "acme", "web")));
  }

  @Test
  void absoluteExtraCaFileIsKept() throws Exception {
    Path ca = dir.resolve("sub").resolve("ca.pem").toAbsolutePath();
    Files.createDirectories(ca.getParent());
    Files.writeString(ca, "a certificate");
    assertThat(
            load(write("upstream:\n  extra_ca_file: " + ca + "\n"), Map.of())
                .upstream()
                .extraCaFile())
        .isEqualTo(ca);
  }

  static Stream<Path> brokenConfigs() throws IOException {
    try (Stream<Path> files = Files.list(BROKEN)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenConfigs")
  void brokenConfigIsRejectedNamingTheKey(Path file) throws IOException {
    String first = Files.readAllLines(file).get(0);
    assertThat(first).as("fixture's first line").startsWith("# expect: ");
    String expected = first.substring("# expect: ".length());
    assertThatThrownBy(() -> load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void unknownKeyMessageListsTheKnownKeys() throws Exception {
    assertThatThrownBy(() -> load(write("proxy:\n  requre_token: false\n"), Map.of()))
        .hasMessageContaining("require_token")
        .hasMessageContaining(dir.resolve("config.yaml").toString());
  }

  @Test
  void aMisspeltOverrideIsRejectedNamingItButProxyEnvsOwnVariableIsNot() throws Exception {
    assertThatThrownBy(
            () -> load(dir.resolve("absent.yaml"), Map.of("SEALGATE_PROXY_REQUIRE_TOKN", "false")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEALGATE_PROXY_REQUIRE_TOKN is not a setting")
        .hasMessageContaining("require_token");
    assertThat(
            load(
                dir.resolve("absent.yaml"),
                Map.of("SEALGATE_PROXY_URL", "http://127.0.0.1:8765", "SEALGATE_TOKEN", "t")))
        .isEqualTo(SealgateConfig.defaults());
  }

  @Test
  void proxyListenFromEnvironment() throws Exception {
    assertThat(
            load(dir.resolve("absent.yaml"), Map.of("SEALGATE_PROXY_LISTEN", "127.0.0.1:9000"))
                .proxy()
                .listen())
        .isEqualTo("127.0.0.1:9000");
  }

  @Test
  void environmentBeatsTheFile() throws Exception {
    Path f = write("proxy:\n  listen: 127.0.0.1:1111\n  require_token: true\n");
    SealgateConfig c =
        load(
            f,
            Map.of(
                "SEALGATE_PROXY_LISTEN",
                "127.0.0.1:2222",
                "SEALGATE_PROXY_REQUIRE_TOKEN",
                "false"));
    assertThat(c.proxy().listen()).isEqualTo("127.0.0.1:2222");
    assertThat(c.proxy().requireToken()).isFalse();
  }

  @Test
  void sealgateListenShortcutAndItsPrecedence() throws Exception {
    Path f = write("proxy:\n  listen: 127.0.0.1:1111\n");
    assertThat(load(f, Map.of("SEALGATE_LISTEN", "127.0.0.1:3333")).proxy().listen())
        .isEqualTo("127.0.0.1:3333");
    assertThat(
            load(
                    f,
                    Map.of(
                        "SEALGATE_LISTEN", "127.0.0.1:3333",
                        "SEALGATE_PROXY_LISTEN", "127.0.0.1:4444"))
                .proxy()
                .listen())
        .isEqualTo("127.0.0.1:4444");
  }

  @Test
  void plaintextUpstreamsFromACommaList() throws Exception {
    assertThat(
            load(
                    dir.resolve("absent.yaml"),
                    Map.of("SEALGATE_UPSTREAM_PLAINTEXT_UPSTREAMS", "localhost, 127.0.0.1,,::1"))
                .upstream()
                .plaintextUpstreams())
        .containsExactly("localhost", "127.0.0.1", "::1");
  }

  @Test
  void everyTypedKeyFromEnvironment() throws Exception {
    SealgateConfig c =
        load(
            dir.resolve("absent.yaml"),
            Map.of(
                "SEALGATE_PROXY_MAX_CONNECTIONS", "12",
                "SEALGATE_UPSTREAM_RESPONSE_TIMEOUT", "5m",
                "SEALGATE_INJECT_MAX_BODY_BYTES", "2048",
                "SEALGATE_STORE_BACKEND", "keychain",
                "SEALGATE_SYNC_RELAY", "http://127.0.0.1:7000",
                "SEALGATE_AUDIT_KEEP_FILES", "2"));
    assertThat(c.proxy().maxConnections()).isEqualTo(12);
    assertThat(c.upstream().responseTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.inject().maxBodyBytes()).isEqualTo(2048);
    assertThat(c.store().backend()).isEqualTo(StoreBackend.KEYCHAIN);
    assertThat(c.sync().relay()).isEqualTo("http://127.0.0.1:7000");
    assertThat(c.audit().keepFiles()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "SEALGATE_PROXY_LISTEN, nonsense, proxy.listen",
    "SEALGATE_LISTEN, 127.0.0.1:99999, proxy.listen",
    "SEALGATE_PROXY_REQUIRE_TOKEN, yes, proxy.require_token",
    "SEALGATE_PROXY_MAX_CONNECTIONS, -3, proxy.max_connections",
    "SEALGATE_PROXY_IDLE_TIMEOUT, 60, proxy.idle_timeout",
    "SEALGATE_STORE_BACKEND, cloud, store.backend",
    "SEALGATE_SYNC_RELAY, relay.example.com, sync.relay",
    "SEALGATE_AUDIT_MAX_FILE_BYTES, 0, audit.max_file_bytes",
  })
  void badEnvironmentValueNamesTheKey(String name, String value, String key) {
    assertThatThrownBy(() -> load(dir.resolve("absent.yaml"), Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ": ")
        .hasMessageContaining(value);
  }

  @Test
  void withListenReplacesOnlyTheListenAddress() {
    SealgateConfig d = SealgateConfig.defaults();
    SealgateConfig c = d.withListen("127.0.0.1:1");
    assertThat(c.proxy().listen()).isEqualTo("127.0.0.1:1");
    assertThat(c.withListen(d.proxy().listen())).isEqualTo(d);
  }
}
