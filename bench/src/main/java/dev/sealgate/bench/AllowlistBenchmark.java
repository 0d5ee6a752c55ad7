package dev.sealgate.bench;

import dev.sealgate.api.HostPattern;
import dev.sealgate.inject.KeyGrant;
import java.util.List;
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
 * Whether a key may go to a host: an exact entry, a wildcard entry, and a miss against an allowlist
 * of ten entries. The baseline is one {@code String.equals}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllowlistBenchmark {
  private final KeyGrant grant =
      new KeyGrant(
          "STRIPE_KEY",
          List.of(
              HostPattern.parse("api.github.com"),
              HostPattern.parse("uploads.github.com"),
              HostPattern.parse("*.openai.com"),
              HostPattern.parse("api.anthropic.com"),
              HostPattern.parse("*.googleapis.com"),
              HostPattern.parse("api.slack.com"),
              HostPattern.parse("hooks.slack.com"),
              HostPattern.parse("*.amazonaws.com"),
              HostPattern.parse("api.linear.app"),
              HostPattern.parse("api.stripe.com")),
          false);
  private final String exact = "api.stripe.com";
  private final String wildcard = "s3.eu-west-1.amazonaws.com";
  private final String miss = "evil.example.com";

  @Benchmark
  public boolean exactHost() {
    return grant.allows(exact);
  }

  @Benchmark
  public boolean wildcardHost() {
    return grant.allows(wildcard);
  }

  @Benchmark
  public boolean refusedHost() {
    return grant.allows(miss);
  }

  @Benchmark
  public boolean baselineEquals() {
    return exact.equals("api.stripe.com");
  }
}
