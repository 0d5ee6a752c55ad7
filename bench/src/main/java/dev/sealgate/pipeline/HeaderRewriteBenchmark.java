package dev.sealgate.pipeline;

import dev.sealgate.api.BadInjectionHeaderException;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionSpecParser;
import dev.sealgate.api.ProxyRefusal;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the outbound request head from the agent's: hop-by-hop and {@code Sealgate-*} headers
 * dropped, {@code Host} set, {@code Authorization} injected. The baseline copies the headers
 * unchanged, as a plain forward proxy would. In this package because the rewrite is the pipeline's
 * own, not an API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderRewriteBenchmark {
  private HttpRequest inbound;
  private InjectionSpec spec;
  private UpstreamTarget target;
  private final byte[] value =
      "sk_live_51H8benchmarkvaluexQ2vTz9Lm".getBytes(StandardCharsets.UTF_8);

  @Setup
  public void setUp() throws BadInjectionHeaderException {
    inbound =
        new DefaultHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, "http://api.stripe.com/v1/balance?limit=3");
    inbound
        .headers()
        .add("Host", "api.stripe.com")
        .add("User-Agent", "agent/1.0 (python-httpx)")
        .add("Accept", "application/json")
        .add("Accept-Encoding", "gzip, deflate")
        .add("Connection", "keep-alive")
        .add("Proxy-Authorization", "Basic c2VhbGdhdGU6dG9rZW4=")
        .add("Sealgate-Bearer", "STRIPE_KEY")
        .add("X-Request-Id", "8d7f6a2e-3b1c-4e5d-9f0a-1b2c3d4e5f60");
    spec = InjectionSpecParser.parse(inbound.headers());
    target = new UpstreamTarget("api.stripe.com", 443, true, "/v1/balance?limit=3");
  }

  @Benchmark
  public HttpRequest rewriteAndInject() throws ProxyRefusal {
    OutboundRequest.Built built =
        OutboundRequest.build(inbound, target, spec, Map.of("STRIPE_KEY", value));
    built.clear();
    return built.head();
  }

  @Benchmark
  public HttpHeaders baselineCopyHeaders() {
    return new DefaultHttpHeaders().add(inbound.headers());
  }
}
