package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import java.nio.charset.StandardCharsets;
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
 * What the audit writer spends per record: the JSON line and the SHA-256 that chains the next
 * record to it. The baseline encodes the same length of text as UTF-8. In this package because the
 * encoding is the writer's own, not an API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuditEncodingBenchmark {
  private final AuditRecord record =
      new AuditRecord(
          "2026-11-22T14:23:01.123Z",
          "01JD5Z8K3M4N5P6Q7R8S9T0V1W",
          "127.0.0.1:53122",
          "GET",
          "https",
          "api.stripe.com",
          443,
          "/v1/balance",
          List.of("STRIPE_KEY"),
          List.of("bearer"),
          200,
          Outcome.OK,
          0,
          312,
          1840,
          245,
          AuditJson.GENESIS);
  private final String sameLength = new String(AuditJson.toLine(record), StandardCharsets.UTF_8);

  @Benchmark
  public byte[] encode() {
    return AuditJson.toLine(record);
  }

  @Benchmark
  public String encodeAndHash() {
    byte[] line = AuditJson.toLine(record);
    return AuditJson.hash(line, 0, line.length);
  }

  @Benchmark
  public byte[] baselineUtf8() {
    return sameLength.getBytes(StandardCharsets.UTF_8);
  }
}
