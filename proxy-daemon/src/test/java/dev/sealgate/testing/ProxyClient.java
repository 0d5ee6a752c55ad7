package dev.sealgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JDK HttpClient configured with the daemon as its HTTP proxy (explicitly: clients never proxy
 * {@code localhost} from the environment), sending the caller token on every request.
 */
public final class ProxyClient {
  private final DaemonFixture daemon;
  private final HttpClient http;

  public ProxyClient(DaemonFixture daemon) {
    this.daemon = daemon;
    this.http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", daemon.port())))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A request builder for {@code url} (an {@code http://} URL: the proxy upgrades to TLS). */
  public HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(20))
        .header("Proxy-Authorization", daemon.proxyAuthorization());
  }

  public HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<InputStream> stream(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** A gateway-mode request: origin-form to the proxy itself. */
  public HttpResponse<String> gateway(String pathAndQuery, String target, String... headers)
      throws IOException, InterruptedException {
    HttpClient direct =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Sealgate-Target", target);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return direct.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
