package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of SPEC §6, in this JVM: exit codes, one-line errors, JSON listings. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSPHRASE = "owner passphrase 1";

  @TempDir Path root;
  private final Map<String, String> env = new HashMap<>();

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void environment() throws Exception {
    env.put("HOME", root.toString());
    env.put("SEALGATE_HOME", root.resolve("home").toString());
    env.put("SEALGATE_CONFIG", root.resolve("config.yaml").toString());
    env.put("SEALGATE_PASSPHRASE", PASSPHRASE);
    Files.writeString(root.resolve("config.yaml"), "store:\n  backend: file\n");
  }

  private Run runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment e =
        new CliEnvironment(
            Map.copyOf(env),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            null,
            Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));
    int code = Main.run(e, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return runWithInput("", args);
  }

  @Test
  void caPathAndExportGiveTheLocalCaCertificate() throws Exception {
    assertThat(run("ca", "path").exit()).isEqualTo(1); // not initialized yet
    run("init");

    Run path = run("ca", "path");
    assertThat(path.exit()).as(path.err()).isZero();
    Path pem = Path.of(path.out().trim());
    assertThat(pem).isEqualTo(root.resolve("home/ca/ca.pem"));
    Run export = run("ca", "export");
    assertThat(export.exit()).isZero();
    assertThat(export.out()).isEqualTo(Files.readString(pem));
    var cert =
        (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(export.out().getBytes(StandardCharsets.US_ASCII)));
    assertThat(cert.getBasicConstraints()).isZero(); // a CA that signs leaves only
    assertThat(export.out()).doesNotContain("PRIVATE");
  }

  @Test
  void initCreatesAPrivateHomeAndIsSafeToRepeat() throws Exception {
    Run first = run("init");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("store: file");
    Path home = root.resolve("home");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(home.resolve("proxy.token")).exists();
    assertThat(home.resolve("ca/ca.pem")).exists();
    assertThat(home.resolve("ca/ca.key")).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("ca"))))
        .isEqualTo("rwx------");
    String token = Files.readString(home.resolve("proxy.token"));

    Run again = run("init");
    assertThat(again.exit()).isZero();
    assertThat(again.err()).contains("already initialized");
    assertThat(Files.readString(home.resolve("proxy.token"))).isEqualTo(token);
  }

  @Test
  void aHomeMadeByHandForOthersToReadIsMadePrivate() throws Exception {
    Path home = Files.createDirectory(root.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

    Run r = run("init");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains(home + " was open to other users; it is now 0700");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
  }

  @Test
  void aValueFromStdinIsStoredAndOnlyItsNameIsListed() throws Exception {
    run("init");
    Run set =
        runWithInput(
            "sk_test_123\n",
            "secrets",
            "set",
            "STRIPE_KEY",
            "--host",
            "api.stripe.com",
            "--host",
            "*.stripe.com");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.err()).contains("STRIPE_KEY").doesNotContain("sk_test_123");

    Run list = run("secrets", "list", "--json");
    assertThat(list.exit()).isZero();
    JsonNode keys = JSON.readTree(list.out());
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).path("name").asText()).isEqualTo("STRIPE_KEY");
    assertThat(keys.get(0).path("hosts").toString())
        .isEqualTo("[\"api.stripe.com\",\"*.stripe.com\"]");
    assertThat(keys.get(0).path("version").asInt()).isEqualTo(1);
    assertThat(list.out()).doesNotContain("sk_test_123");

    Run human = run("secrets", "list");
    assertThat(human.out()).contains("STRIPE_KEY").contains("api.stripe.com");

    assertThat(runWithInput("v2\n", "secrets", "set", "STRIPE_KEY").exit()).isZero();
    assertThat(JSON.readTree(run("secrets", "list", "--json").out()).get(0).path("version").asInt())
        .isEqualTo(2);
  }

  @Test
  void aKeyNeedsAHostOrAnExplicitAnyHost() {
    run("init");
    Run r = runWithInput("v\n", "secrets", "set", "K");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("sealgate: ").contains("--host").contains("--any-host");
  }

  @Test
  void ownerActsNeedTheRightPassphrase() {
    run("init");
    env.put("SEALGATE_PASSPHRASE", "not the passphrase");
    Run wrong = runWithInput("v\n", "secrets", "set", "K", "--host", "a.example");
    assertThat(wrong.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(wrong.err()).contains("passphrase");

    env.remove("SEALGATE_PASSPHRASE");
    Run none = runWithInput("v\n", "secrets", "set", "K", "--host", "a.example");
    assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("SEALGATE_PASSPHRASE");

    assertThat(run("secrets", "list").exit()).as("listing needs no passphrase").isZero();
  }

  @Test
  void anExplicitBackendOtherThanTheHomesIsRefusedNotQuietlyIgnored() {
    run("init"); // the config says file
    env.put("SEALGATE_STORE_BACKEND", "keychain");

    Run r = runWithInput("v\n", "secrets", "set", "K", "--host", "a.example");

    assertThat(r.exit()).isEqualTo(ExitCodes.STORE_LOCKED);
    assertThat(r.err())
        .contains("store.backend is keychain")
        .contains("are in the encrypted file store")
        .contains("set store.backend to auto or file");
    env.put("SEALGATE_STORE_BACKEND", "auto");
    assertThat(runWithInput("v\n", "secrets", "set", "K", "--host", "a.example").exit()).isZero();
  }

  @Test
  void aProxyStartedWithTheWrongPassphraseSaysTheStoreIsLocked() {
    run("init");
    env.put("SEALGATE_PASSPHRASE", "not the passphrase");
    Run r = run("proxy", "start", "--foreground", "--listen", "127.0.0.1:0");
    assertThat(r.exit()).isEqualTo(ExitCodes.STORE_LOCKED);
    assertThat(r.err()).contains("wrong owner passphrase").contains("SEALGATE_PASSPHRASE");
  }

  @Test
  void allowDisallowAndDeleteChangeTheIndex() throws Exception {
    run("init");
    runWithInput("v\n", "secrets", "set", "K", "--host", "a.example");
    assertThat(run("secrets", "allow", "K", "b.example", "*.c.example").exit()).isZero();
    assertThat(
            JSON.readTree(run("secrets", "list", "--json").out()).get(0).path("hosts").toString())
        .isEqualTo("[\"a.example\",\"b.example\",\"*.c.example\"]");
    assertThat(run("secrets", "disallow", "K", "a.example").exit()).isZero();
    assertThat(
            JSON.readTree(run("secrets", "list", "--json").out()).get(0).path("hosts").toString())
        .isEqualTo("[\"b.example\",\"*.c.example\"]");

    assertThat(run("secrets", "delete", "K").exit()).isZero();
    assertThat(JSON.readTree(run("secrets", "list", "--json").out())).isEmpty();
    Run missing = run("secrets", "delete", "K");
    assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run("secrets", "allow", "NOPE", "x.example").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void importLoadsADotEnvFile() throws Exception {
    run("init");
    Path file =
        Files.writeString(
            root.resolve("keys.env"),
            "# keys\nA_KEY=one\nexport B_KEY=\"two words\"\n\nC_KEY='three'\n");
    Run r = run("secrets", "import", file.toString(), "--host", "api.example.com");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode keys = JSON.readTree(run("secrets", "list", "--json").out());
    assertThat(keys)
        .extracting(k -> k.path("name").asText())
        .containsExactly("A_KEY", "B_KEY", "C_KEY");
  }

  @Test
  void proxyCommandsSayWhenTheProxyIsNotRunning() {
    run("init");
    Run status = run("proxy", "status");
    assertThat(status.exit()).isEqualTo(ExitCodes.PROXY_NOT_RUNNING);
    Run stop = run("proxy", "stop");
    assertThat(stop.exit()).isEqualTo(ExitCodes.PROXY_NOT_RUNNING);
    assertThat(stop.err()).contains("sealgate proxy start");
    Run call = run("call", "--url", "https://api.example.com/x", "--bearer", "K");
    assertThat(call.exit()).isEqualTo(ExitCodes.PROXY_NOT_RUNNING);
  }

  @Test
  void aNonLoopbackListenAddressNeedsAllowRemote() {
    run("init");
    Run r = run("proxy", "start", "--foreground", "--listen", "0.0.0.0:8765");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--allow-remote");
  }

  @Test
  void aListenPortOutOfRangeIsAUsageErrorSayingWhatToUse() {
    run("init");
    for (String bad : new String[] {"127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1:http"}) {
      Run r = run("proxy", "start", "--foreground", "--listen", bad);
      assertThat(r.exit()).as(bad).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(bad).contains("cannot listen on " + bad).contains("127.0.0.1:8765");
      assertThat(r.err()).as(bad).doesNotContain("unexpected");
    }
  }

  @Test
  void statusReportsTheStoreAndTheProxyState() throws Exception {
    run("init");
    Run r = run("status", "--json");
    assertThat(r.exit()).isZero();
    JsonNode s = JSON.readTree(r.out());
    assertThat(s.path("store").asText()).isEqualTo("file");
    assertThat(s.path("workspace").asText()).isEqualTo("local");
    assertThat(s.path("project").asText()).isEqualTo("default");
    assertThat(s.path("proxy").path("running").asBoolean()).isFalse();
    assertThat(run("status").out()).contains("store      file");
  }

  @Test
  void aBrokenConfigIsAUsageErrorNamingTheKey() throws Exception {
    Files.writeString(root.resolve("config.yaml"), "proxy:\n  requre_token: false\n");
    Run r = run("status");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("proxy.requre_token");
  }

  @Test
  void usageErrorsExit2AndPointAtHelp() {
    Run r = run("secrets", "frobnicate");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--help");
    assertThat(run("proxy", "logs", "--help").out()).contains("--last").contains("--verify");

    Run port = run("proxy", "logs", "--host", "localhost:8443");
    assertThat(port.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(port.err()).startsWith("sealgate: --host: invalid host 'localhost:8443'");
  }

  @Test
  void logsOnAFreshHomePrintNothingAndVerify() {
    run("init");
    Run logs = run("proxy", "logs", "--last", "5");
    assertThat(logs.exit()).isZero();
    assertThat(logs.out()).isEmpty();
    assertThat(run("proxy", "logs", "--verify").exit()).isZero();
  }
}
