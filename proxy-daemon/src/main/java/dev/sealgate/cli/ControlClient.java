package dev.sealgate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.daemon.PidFile;
import dev.sealgate.daemon.ProxyToken;
import dev.sealgate.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the running daemon through its pid file and talks to it: its {@code /_sealgate/} endpoints,
 * and requests sent through it ({@code sealgate call}). Never through another proxy from the
 * environment, and never following a redirect.
 */
final class ControlClient {

  final PidFile.Running daemon;
  final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  private ControlClient(PidFile.Running daemon, String token) {
    this.daemon = daemon;
    this.token = token;
  }

  /** The daemon, or exit 6 when none is running. */
  static ControlClient connect(SealgatePaths paths) throws CliException {
    return find(paths)
        .orElseThrow(
            () ->
                new CliException(
                    ExitCodes.PROXY_NOT_RUNNING,
                    "the sealgate proxy is not running; start it with: sealgate proxy start"));
  }

  static Optional<ControlClient> find(SealgatePaths paths) throws CliException {
    try {
      Optional<PidFile.Running> running = PidFile.read(paths);
      if (running.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ControlClient(running.get(), ProxyToken.readText(paths.tokenFile())));
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
  }

  String baseUrl() {
    return "http://" + daemon.listen();
  }

  ObjectNode status() throws CliException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sealgate/status")).GET());
  }

  void stop() throws CliException {
    send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/_sealgate/stop"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private ObjectNode send(HttpRequest.Builder request) throws CliException {
    HttpResponse<byte[]> response =
        send(request.header("Sealgate-Token", token).timeout(Duration.ofSeconds(5)).build());
    if (response.statusCode() != 200) {
      throw new CliException(
          ExitCodes.FAILED,
          "the proxy answered "
              + response.statusCode()
              + " to a control request; is "
              + daemon.listen()
              + " this home's proxy?");
    }
    try {
      if (JsonTrees.read(JsonTrees.LENIENT, response.body()) instanceof ObjectNode answer) {
        return answer;
      }
    } catch (IOException e) {
      // told below
    }
    throw new CliException(
        ExitCodes.FAILED,
        "the proxy on " + daemon.listen() + " answered a control request in no JSON object");
  }

  /** One request to the daemon; exit 6 when it cannot be reached. */
  HttpResponse<byte[]> send(HttpRequest request) throws CliException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.PROXY_NOT_RUNNING,
          "cannot reach the proxy on "
              + daemon.listen()
              + " (pid "
              + daemon.pid()
              + "): "
              + e.getClass().getSimpleName()
              + "; is it running? sealgate proxy status");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted");
    }
  }
}
