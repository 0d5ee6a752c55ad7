package dev.sealgate.bench;

import dev.sealgate.redact.RedactionPatterns;
import dev.sealgate.redact.StreamRedactor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scanning one MiB of JSON response for echoed values, in 16 KiB chunks as the network delivers
 * them, with 1 or 3 injected keys (each spelled up to ten ways). The baseline copies the same
 * chunks without looking: the least any pass over the body costs. Time per MiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactionBenchmark {
  private static final int MIB = 1 << 20;
  private static final int CHUNK = 16 * 1024;

  @Param({"1", "3"})
  public int keys;

  private byte[] body;
  private RedactionPatterns patterns;

  @Setup
  public void setUp() {
    StringBuilder json = new StringBuilder(MIB + 256);
    int i = 0;
    while (json.length() < MIB) {
      json.append("{\"id\":\"cus_")
          .append(i++)
          .append("\",\"object\":\"customer\",\"email\":\"user")
          .append(i)
          .append("@example.com\",\"livemode\":false,\"metadata\":{\"s\":\"sk\"}},\n");
    }
    body = json.substring(0, MIB).getBytes(StandardCharsets.US_ASCII);
    Map<String, byte[]> values = new HashMap<>();
    for (int k = 0; k < keys; k++) {
      values.put(
          "KEY_" + k, ("sk_live_51H8bench" + k + "xQ2vTz9Lm").getBytes(StandardCharsets.UTF_8));
    }
    patterns = RedactionPatterns.of(values);
  }

  @Benchmark
  public int scanOneMebibyte() {
    StreamRedactor r = new StreamRedactor(patterns);
    int out = 0;
    for (int at = 0; at < body.length; at += CHUNK) {
      out += r.update(body, at, Math.min(CHUNK, body.length - at)).length;
    }
    return out + r.finish().length;
  }

  @Benchmark
  public int baselineCopyOneMebibyte() {
    int out = 0;
    for (int at = 0; at < body.length; at += CHUNK) {
      byte[] copy = new byte[Math.min(CHUNK, body.length - at)];
      System.arraycopy(body, at, copy, 0, copy.length);
      out += copy.length;
    }
    return out;
  }
}
