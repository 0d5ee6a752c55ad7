package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.RecordedRequest;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import dev.sealgate.testing.Tunnels;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients people actually point at the proxy, configured the way users do it: a proxy URL with
 * {@code sealgate:<token>} as its credentials. Each is given the proxy explicitly where it can be:
 * some clients never proxy {@code localhost} from the environment.
 */
class RealClientsTest {
  private static final String VALUE = "real-client-value-" + System.nanoTime();

  @TempDir static Path dir;
  static TestOrigin origin;
  static DaemonFixture daemon;
  static String proxyUrl;
  static String target;
  static String httpsTarget;
  static Path localCa;

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create("clients CA");
    origin = TestOrigin.https(ca);
    daemon = DaemonFixture.start(dir, ca);
    daemon.addKey("API_KEY", VALUE, "localhost");
    proxyUrl = "http://sealgate:" + daemon.token() + "@127.0.0.1:" + daemon.port();
    target = "http://localhost:" + origin.port() + "/v1/items?page=2";
    httpsTarget = "https://localhost:" + origin.port() + "/v1/items?page=2";
    localCa = daemon.paths().caDir().resolve("ca.pem");
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
  }

  @Test
  void curl() throws Exception {
    Result r =
        run(
            List.of(
                "curl",
                "-sS",
                "--fail-with-body",
                "--proxy",
                proxyUrl,
                "-H",
                "Sealgate-Bearer: API_KEY",
                target));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  @Test
  void curlInGatewayModeWithTheProxyInItsEnvironment() throws Exception {
    // As the README has it after eval "$(sealgate proxy env)": curl sends the gateway request to
    // its http_proxy, this proxy, as GET http://127.0.0.1:PORT/v1/gw.
    Result r =
        run(
            List.of(
                "curl",
                "-sS",
                "--fail-with-body",
                "-H",
                "Sealgate-Token: " + daemon.token(),
                "-H",
                "Sealgate-Target: https://localhost:" + origin.port(),
                "-H",
                "Sealgate-Bearer: API_KEY",
                "http://127.0.0.1:" + daemon.port() + "/v1/gw?x=1"),
            Map.of("http_proxy", proxyUrl));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo("ok");
    RecordedRequest seen = origin.takeRequest();
    assertThat(seen.uri()).isEqualTo("/v1/gw?x=1");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer " + VALUE);
    assertThat(seen.header("Sealgate-Token")).isNull();
    assertThat(seen.header("Sealgate-Target")).isNull();
    assertThat(seen.header("Proxy-Authorization")).isNull();
  }

  @Test
  void pythonUrllib() throws Exception {
    String script =
        String.join(
            "\n",
            "import sys, urllib.request",
            "opener = urllib.request.build_opener(urllib.request.ProxyHandler({'http': sys.argv[1]}))",
            "req = urllib.request.Request(sys.argv[2], headers={'Sealgate-Bearer': 'API_KEY'})",
            "print(opener.open(req, timeout=20).read().decode(), end='')");
    Result r = run(List.of("python3", "-c", script, proxyUrl, target));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  @Test
  void jdkHttpClientAnsweringTheProxyChallenge() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", daemon.port())))
            .authenticator(proxyCredentials())
            .build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(target)).header("Sealgate-Bearer", "API_KEY").build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  /**
   * Java sends CONNECT for an https:// URL and answers the 407 with the authenticator; Basic for
   * tunnels needs {@code -Djdk.http.auth.tunneling.disabledSchemes=} (set by surefire, see README).
   */
  @Test
  void jdkHttpClientThroughConnect() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", daemon.port())))
            .sslContext(Tunnels.trusting(localCa))
            .authenticator(proxyCredentials())
            .build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(httpsTarget))
                .header("Sealgate-Bearer", "API_KEY")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  @Test
  void curlThroughConnect() throws Exception {
    Result r =
        run(
            List.of(
                "curl",
                "-sS",
                "--fail-with-body",
                "--proxy",
                proxyUrl,
                "--cacert",
                localCa.toString(),
                "-H",
                "Sealgate-Bearer: API_KEY",
                httpsTarget));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  @Test
  void pythonUrllibThroughConnect() throws Exception {
    String script =
        String.join(
            "\n",
            "import ssl, sys, urllib.request",
            "tls = ssl.create_default_context(cafile=sys.argv[3])",
            "opener = urllib.request.build_opener(",
            "    urllib.request.ProxyHandler({'https': sys.argv[1]}),",
            "    urllib.request.HTTPSHandler(context=tls))",
            "req = urllib.request.Request(sys.argv[2], headers={'Sealgate-Bearer': 'API_KEY'})",
            "print(opener.open(req, timeout=20).read().decode(), end='')");
    Result r = run(List.of("python3", "-c", script, proxyUrl, httpsTarget, localCa.toString()));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  /**
   * Node's fetch has no proxy support of its own before Node 24; undici's ProxyAgent is what Node
   * users reach for. CI installs undici and names it in {@code SEALGATE_TEST_UNDICI}.
   */
  @Test
  void nodeFetchThroughConnect() throws Exception {
    String undici = System.getenv("SEALGATE_TEST_UNDICI");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        undici != null, "set SEALGATE_TEST_UNDICI to an installed undici (.ci/run does)");
    String script =
        String.join(
            "\n",
            "const fs = require('fs');",
            "const { ProxyAgent, fetch } = require(process.argv[1]);",
            "const agent = new ProxyAgent({ uri: process.argv[2],",
            "  requestTls: { ca: fs.readFileSync(process.argv[4]) } });",
            "fetch(process.argv[3], { dispatcher: agent, headers: { 'Sealgate-Bearer': 'API_KEY' } })",
            "  .then(async r => { process.stdout.write(await r.text()); process.exit(r.ok ? 0 : 1); })",
            "  .catch(e => { console.error(e); process.exit(2); });");
    Result r =
        run(List.of("node", "-e", script, undici, proxyUrl, httpsTarget, localCa.toString()));

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo("ok");
    assertInjected(origin.takeRequest());
  }

  private static Authenticator proxyCredentials() {
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return getRequestorType() == RequestorType.PROXY
            ? new PasswordAuthentication("sealgate", daemon.token().toCharArray())
            : null;
      }
    };
  }

  private static void assertInjected(RecordedRequest seen) {
    assertThat(seen.tls()).isTrue();
    assertThat(seen.uri()).isEqualTo("/v1/items?page=2");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer " + VALUE);
    assertThat(seen.header("Sealgate-Bearer")).isNull();
    assertThat(seen.header("Proxy-Authorization")).isNull();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  private static Result run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command.get(0));
    }
    return new Result(p.exitValue(), out);
  }
}
