package dev.sealgate.bench;

import dev.sealgate.api.BadInjectionHeaderException;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionSpecParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the {@code Sealgate-*} headers of a typical agent request. The baseline walks the same
 * headers doing nothing but comparing names: what any proxy pays to look at a request at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InjectionSpecBenchmark {
  private final List<Map.Entry<String, String>> headers =
      List.of(
          Map.entry("Host", "api.stripe.com"),
          Map.entry("User-Agent", "agent/1.0 (python-httpx)"),
          Map.entry("Accept", "application/json"),
          Map.entry("Accept-Encoding", "gzip, deflate, br"),
          Map.entry("Content-Type", "application/json"),
          Map.entry("Proxy-Authorization", "Basic c2VhbGdhdGU6dG9rZW4="),
          Map.entry("Sealgate-Bearer", "STRIPE_KEY"),
          Map.entry("X-Request-Id", "8d7f6a2e-3b1c-4e5d-9f0a-1b2c3d4e5f60"));

  @Benchmark
  public InjectionSpec parse() throws BadInjectionHeaderException {
    return InjectionSpecParser.parse(headers);
  }

  @Benchmark
  public int baselineScanNames() {
    int n = 0;
    for (Map.Entry<String, String> h : headers) {
      if (InjectionSpecParser.isSealgateHeader(h.getKey())) {
        n++;
      }
    }
    return n;
  }
}
