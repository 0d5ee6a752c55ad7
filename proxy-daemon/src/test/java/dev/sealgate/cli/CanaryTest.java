package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.testing.CliProcess;
import dev.sealgate.testing.RecordedRequest;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores one unique value, drives every command and request path that exists today through real
 * processes (HTTP_PROXY and HTTPS_PROXY, against an origin that echoes what it receives), and then
 * looks for the value — raw, base64 and URL-encoded — in every file under the home directory, every
 * line any process printed, and every response. Only the origin, which the key is for, may see it.
 */
class CanaryTest {
  private static final String CANARY = "canary-" + UUID.randomUUID() + "-v@lue";
  private static final String IMPORTED = "imported-" + UUID.randomUUID();

  @TempDir Path root;
  @TempDir Path outside;

  @Test
  void theValueAppearsNowhereButAtTheOrigin() throws Exception {
    TestCa ca = TestCa.create("canary CA");
    try (TestOrigin origin = TestOrigin.https(ca)) {
      Path caPem = ca.writeCaPem(outside.resolve("ca.pem"));
      Files.writeString(
          root.resolve("config.yaml"),
          "proxy:\n  listen: 127.0.0.1:0\nupstream:\n  extra_ca_file: " + caPem + "\n");
      CliProcess cli = new CliProcess(root).env("SEALGATE_PASSPHRASE", "canary passphrase");
      List<String> responses = new ArrayList<>();
      String url = "http://localhost:" + origin.port();

      Path bodyFile = Files.writeString(outside.resolve("body.json"), "{\"from\": \"a file\"}");
      expect(cli.run("init"), 0);
      expect(
          cli.runWithInput(
              (CANARY + "\n").getBytes(StandardCharsets.UTF_8),
              "secrets",
              "set",
              "CANARY",
              "--host",
              "localhost"),
          0);
      Path env =
          Files.writeString(
              outside.resolve("keys.env"),
              "IMPORTED=" + IMPORTED + "\n# comment\nexport SECOND=\"" + IMPORTED + "2\"\n");
      expect(cli.run("secrets", "import", env.toString(), "--host", "localhost"), 0);
      expect(cli.run("secrets", "allow", "CANARY", "*.example.com"), 0);
      expect(cli.run("secrets", "disallow", "CANARY", "*.example.com"), 0);
      expect(cli.run("secrets", "list"), 0);
      expect(cli.run("secrets", "list", "--json"), 0);
      expect(cli.run("status"), 0);
      expect(cli.run("status", "--json"), 0);
      expect(cli.run("proxy", "start"), 0);
      try {
        expect(cli.run("proxy", "status"), 0);
        expect(cli.run("proxy", "status", "--json"), 0);
        expect(cli.run("proxy", "env"), 0);
        for (String[] call :
            List.of(
                new String[] {"--bearer", "CANARY"},
                new String[] {"--basic", "CANARY"},
                new String[] {"--header", "X-Key=CANARY"},
                new String[] {"--query", "k=CANARY"},
                new String[] {"--bearer", "IMPORTED"},
                new String[] {
                  "--bearer", "CANARY", "--method", "POST", "--data", "@" + bodyFile
                })) {
          // /echo answers with what it received: redaction must keep the value from the agent.
          List<String> args = new ArrayList<>(List.of("call", "--url", url + "/echo"));
          args.addAll(List.of(call));
          CliProcess.Result r = expect(cli.run(args.toArray(String[]::new)), 0);
          responses.add(r.out());
        }
        responses.addAll(throughConnect(cli, origin.port()));
        expect(cli.run("call", "--url", "https://elsewhere.example/x", "--bearer", "CANARY"), 4);
        expect(cli.run("call", "--url", url + "/x", "--bearer", "MISSING"), 3);
        expect(cli.run("call", "--url", url + "/reset", "--bearer", "CANARY"), 1);
        expect(cli.run("proxy", "logs", "--last", "50"), 0);
        expect(cli.run("proxy", "logs", "--json", "--secret", "CANARY"), 0);
        expect(cli.run("proxy", "logs", "--verify"), 0);
        expect(cli.run("secrets", "delete", "IMPORTED"), 0);
      } finally {
        expect(cli.run("proxy", "stop"), 0);
      }

      List<RecordedRequest> atOrigin = origin.drain();
      assertThat(atOrigin)
          .as("the origin, and only it, receives the value")
          .anySatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + CANARY));
      assertThat(atOrigin)
          .as("call --data @file sends the file's bytes")
          .anySatisfy(r -> assertThat(r.bodyText()).isEqualTo("{\"from\": \"a file\"}"));

      List<String> forms = forms(CANARY);
      forms.addAll(forms(IMPORTED));
      for (CliProcess.Result r : cli.transcript()) {
        assertAbsent(r.toString(), forms, "output of sealgate " + String.join(" ", r.args()));
      }
      for (String body : responses) {
        assertAbsent(body, forms, "a response");
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertAbsent(
              new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1),
              forms,
              "file " + root.relativize(f));
        }
      }
      assertThat(Files.readString(root.resolve(".sealgate/sealgate.log"))).contains("listening on");
    }
  }

  /**
   * The HTTPS_PROXY path as an agent takes it: curl sends CONNECT, trusts only the local CA, and
   * prints the echoed response with its headers.
   */
  private List<String> throughConnect(CliProcess cli, int originPort) throws Exception {
    String env = expect(cli.run("proxy", "env"), 0).out();
    String proxyUrl =
        env.lines()
            .filter(l -> l.startsWith("export HTTPS_PROXY="))
            .findFirst()
            .orElseThrow()
            .substring("export HTTPS_PROXY=".length());
    String localCa = expect(cli.run("ca", "path"), 0).out().trim();
    expect(cli.run("ca", "export"), 0);
    String target = "https://localhost:" + originPort;
    List<String> outputs = new ArrayList<>();
    for (List<String> request :
        List.of(
            List.of("-H", "Sealgate-Bearer: CANARY", target + "/echo"),
            List.of("-H", "Sealgate-Basic: CANARY", target + "/echo?encoding=gzip"),
            List.of("-H", "Sealgate-Query: k=CANARY", target + "/echo?chunk=5"),
            List.of("-H", "Sealgate-Body: /token=CANARY", "--data", "{}", target + "/echo?chunk=2"),
            List.of("-H", "Sealgate-Form: f=CANARY", "--data", "a=1", target + "/echo"))) {
      List<String> command =
          new ArrayList<>(List.of("curl", "-sS", "-i", "--proxy", proxyUrl, "--cacert", localCa));
      command.addAll(request);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(p.waitFor()).as(out).isZero();
      assertThat(out).as(out).startsWith("HTTP/1.1 200").contains("[REDACTED:CANARY]");
      outputs.add(out);
    }
    return outputs;
  }

  private static List<String> forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return new ArrayList<>(
        List.of(
            value,
            Base64.getEncoder().encodeToString(bytes),
            Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
            URLEncoder.encode(value, StandardCharsets.UTF_8),
            value.substring(0, value.length() / 2 + 4)));
  }

  private static void assertAbsent(String haystack, List<String> forms, String where) {
    for (String form : forms) {
      assertThat(haystack)
          .as(where + " must not contain a form of the canary")
          .doesNotContain(form);
    }
  }

  private static CliProcess.Result expect(CliProcess.Result r, int exit) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
    return r;
  }
}
