package dev.sealgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sealgate.api.ErrorCode;
import dev.sealgate.json.JsonTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class CallCommand implements Callable<Integer> {

  final CommandSpec spec =
      CommandModel.command(
              this,
              "call",
              "Send one request through the running proxy with keys injected, and print the response body.",
              "Exit 3 unknown key, 4 refused by policy, 5 store locked, 6 proxy not running, 1 other failures.")
          .addOption(
              CommandModel.option("--url", "URL", "https://host[:port]/path?query")
                  .required(true)
                  .build())
          .addOption(
              CommandModel.option("--method", "M", "default GET, or POST with --data").build())
          .addOption(CommandModel.option("--bearer", "KEY", "Authorization: Bearer <KEY>").build())
          .addOption(
              CommandModel.option("--basic", "KEY", "Authorization: Basic <KEY as user:password>")
                  .build())
          .addOption(
              CommandModel.repeatable(
                  "--header", "N=KEY", "header N set to KEY's value (repeatable)"))
          .addOption(
              CommandModel.repeatable(
                  "--query", "P=KEY", "query parameter P set to KEY's value (repeatable)"))
          .addOption(
              CommandModel.option(
                      "--data", "BODY|@file", "request body, or @file to send a file's bytes")
                  .build());

  private String url;
  private String method;
  private String bearer;
  private String basic;
  private List<String> headers;
  private List<String> queries;
  private String data;

  private final CliEnvironment env;

  CallCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    url = CommandModel.value(spec, "--url");
    method = CommandModel.value(spec, "--method");
    bearer = CommandModel.value(spec, "--bearer");
    basic = CommandModel.value(spec, "--basic");
    headers = CommandModel.values(spec, "--header");
    queries = CommandModel.values(spec, "--query");
    data = CommandModel.value(spec, "--data");
    URI target = parseUrl();
    ControlClient proxy = ControlClient.connect(env.paths());
    HttpRequest request = build(proxy, target);
    HttpResponse<byte[]> response = proxy.send(request);
    String refusal = response.headers().firstValue("Sealgate-Error").orElse(null);
    if (refusal != null) {
      throw refused(refusal, response.body());
    }
    write(response.body());
    if (response.statusCode() >= 400) {
      spec.commandLine()
          .getErr()
          .println("sealgate: the upstream answered " + response.statusCode());
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private URI parseUrl() throws CliException {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
        throw new URISyntaxException(url, "not an http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "--url "
              + url
              + " is not an absolute http(s) URL; e.g. --url https://api.example.com/v1/x");
    }
  }

  /** A gateway request: origin-form to the proxy, the real origin in {@code Sealgate-Target}. */
  private HttpRequest build(ControlClient proxy, URI target) throws CliException {
    String origin = target.getScheme() + "://" + target.getRawAuthority();
    String pathAndQuery =
        (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    byte[] body = body();
    String m = method != null ? method.toUpperCase(Locale.ROOT) : body == null ? "GET" : "POST";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(proxy.baseUrl() + pathAndQuery))
            .timeout(Duration.ofMinutes(5))
            .header("Sealgate-Token", proxy.token)
            .header("Sealgate-Target", origin)
            .method(
                m,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      b.header("Sealgate-Bearer", bearer);
    }
    if (basic != null) {
      b.header("Sealgate-Basic", basic);
    }
    headers.forEach(h -> b.header("Sealgate-Header", h));
    queries.forEach(q -> b.header("Sealgate-Query", q));
    if (body != null) {
      b.header(
          "Content-Type",
          looksLikeJson(body) ? "application/json" : "application/x-www-form-urlencoded");
    }
    return b.build();
  }

  private byte[] body() throws CliException {
    if (data == null) {
      return null;
    }
    if (data.startsWith("@")) {
      Path file = Path.of(data.substring(1));
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw CliException.cannotRead(file, e);
      }
    }
    return data.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte c : body) {
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  /** APIs answer in UTF-8 text (JSON); the body is printed as such. */
  private void write(byte[] body) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(new String(body, StandardCharsets.UTF_8));
    out.flush();
  }

  /** Maps the proxy's own refusal (SPEC §2 table) to the exit codes of SPEC §6. */
  private static CliException refused(String error, byte[] body) {
    String hint = "";
    try {
      JsonNode j = JsonTrees.read(JsonTrees.LENIENT, body);
      hint = j == null ? "" : j.path("hint").asText("");
    } catch (IOException e) {
      // A refusal body is always JSON; without it the error name alone still says what happened.
    }
    int code;
    if (error.equals(ErrorCode.UNKNOWN_KEY.wireName())) {
      code = ExitCodes.NOT_FOUND;
    } else if (error.equals(ErrorCode.HOST_NOT_ALLOWED.wireName())
        || error.equals(ErrorCode.PRIVATE_ADDRESS.wireName())) {
      code = ExitCodes.REFUSED;
    } else if (error.equals(ErrorCode.STORE_LOCKED.wireName())) {
      code = ExitCodes.STORE_LOCKED;
    } else if (error.equals(ErrorCode.BAD_INJECTION_HEADER.wireName())) {
      code = ExitCodes.USAGE;
    } else {
      code = ExitCodes.FAILED;
    }
    return new CliException(code, error + (hint.isEmpty() ? "" : ": " + hint));
  }
}
