package dev.sealgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.testing.DaemonFixture;
import dev.sealgate.testing.ProxyClient;
import dev.sealgate.testing.RecordedRequest;
import dev.sealgate.testing.TestCa;
import dev.sealgate.testing.TestOrigin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies and responses stream; framing, keep-alive and headers survive the trip. */
class StreamingTest {
  private static final long TEN_MB = 10L * 1024 * 1024;

  @TempDir static Path dir;
  static TestOrigin origin;
  static TestOrigin plainOrigin;
  static DaemonFixture daemon;
  static ProxyClient client;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create("streaming CA");
    origin = TestOrigin.https(ca);
    plainOrigin = TestOrigin.http();
    daemon = DaemonFixture.start(dir, ca);
    daemon.addKey("KEY", "stream-value", "localhost");
    client = new ProxyClient(daemon);
    base = "http://localhost:" + origin.port();
  }

  @AfterAll
  static void stop() {
    daemon.close();
    origin.close();
    plainOrigin.close();
  }

  @Test
  void serverSentEventsArriveOneByOne() throws Exception {
    HttpResponse<InputStream> r =
        client.stream(client.request(base + "/sse?events=3").header("Sealgate-Bearer", "KEY"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (int i = 1; i <= 3; i++) {
        // The origin writes event i only now: reading it proves event i-1 was not held back.
        origin.releaseEvent();
        assertThat(events.readLine()).isEqualTo("id: " + i);
        assertThat(events.readLine()).isEqualTo("data: event " + i);
        assertThat(events.readLine()).isEmpty();
      }
      assertThat(events.readLine()).isNull();
    }
    assertThat(origin.takeRequest().uri()).isEqualTo("/sse?events=3");
  }

  @Test
  void tenMegabytesStreamDownAndUp() throws Exception {
    HttpResponse<InputStream> down =
        client.stream(client.request(base + "/bytes?n=" + TEN_MB).header("Sealgate-Bearer", "KEY"));
    long received;
    try (InputStream in = down.body()) {
      received = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertThat(received).isEqualTo(TEN_MB);

    HttpResponse<String> up =
        client.send(
            client
                .request(base + "/upload")
                .header("Sealgate-Bearer", "KEY")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(TEN_MB))));
    assertThat(up.statusCode()).isEqualTo(200);
    origin.takeRequest(); // the download
    RecordedRequest upload = origin.takeRequest();
    assertThat(upload.bodyLength()).isEqualTo(TEN_MB);
    AuditRecord audit = daemon.lastAudit();
    assertThat(audit.bytesOut())
        .as("the body, its chunk framing and the request head, as sent upstream")
        .isBetween(TEN_MB + 50, TEN_MB + 64 * 1024);
  }

  @Test
  void aTenMegabyteResponseIsNeverHeldInMemory() throws Exception {
    // One full transfer first, so allocator chunks, TLS buffers and classes already exist.
    try (InputStream warm =
        client.stream(client.request(base + "/bytes?n=" + TEN_MB).header("Sealgate-Bearer", "KEY"))
            .body()) {
      warm.transferTo(java.io.OutputStream.nullOutputStream());
    }
    origin.takeRequest();
    long before = retainedBytes();
    HttpResponse<InputStream> r =
        client.stream(client.request(base + "/bytes?n=" + TEN_MB).header("Sealgate-Bearer", "KEY"));
    try (InputStream in = r.body()) {
      assertThat(in.readNBytes(1 << 20)).hasSize(1 << 20);
      // The client stops reading. A proxy that buffered bodies would now fill up with the rest;
      // one that streams is held back by backpressure. Give the first kind time to show itself.
      Thread.sleep(500);
      long during = retainedBytes();
      assertThat(during - before)
          .as("heap and Netty buffers grown while 9 MB wait upstream")
          .isLessThan(6L << 20);
      assertThat(in.transferTo(java.io.OutputStream.nullOutputStream()))
          .isEqualTo(TEN_MB - (1 << 20));
    }
    origin.takeRequest();
  }

  /** Live heap after a full collection, plus every buffer Netty's allocator holds. */
  private static long retainedBytes() {
    System.gc();
    System.gc();
    long heap =
        java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    var netty =
        ((io.netty.buffer.ByteBufAllocatorMetricProvider) io.netty.buffer.ByteBufAllocator.DEFAULT)
            .metric();
    return heap + netty.usedDirectMemory() + netty.usedHeapMemory();
  }

  @Test
  void sequentialRequestsReuseOneUpstreamConnection() throws Exception {
    int before = origin.connections();
    for (int i = 0; i < 5; i++) {
      assertThat(
              client
                  .send(client.request(base + "/pooled").header("Sealgate-Bearer", "KEY"))
                  .statusCode())
          .isEqualTo(200);
      origin.takeRequest();
    }
    assertThat(origin.connections() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void multiValuedHeadersPassIntactAndHopByHopOnesDoNot() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/cookies").header("Sealgate-Bearer", "KEY"));

    assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
    assertThat(r.headers().allValues("X-Multi")).containsExactly("one", "two");
    assertThat(r.headers().firstValue("X-Hop")).isEmpty();
    origin.takeRequest();
  }

  @Test
  void redirectsAreReturnedNotFollowed() throws Exception {
    HttpResponse<String> r =
        client.send(client.request(base + "/redirect").header("Sealgate-Bearer", "KEY"));

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("https://elsewhere.invalid/");
    origin.takeRequest();
    assertThat(origin.receivedWithin(200)).isFalse();
  }

  @Test
  void aRequestWithoutInjectionIsForwardedUnchangedAndAuditedWithoutKeys() throws Exception {
    HttpResponse<String> r =
        client.send(
            client
                .request("http://127.0.0.1:" + plainOrigin.port() + "/plain?q=1")
                .header("Authorization", "Bearer own"));

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest seen = plainOrigin.takeRequest();
    assertThat(seen.tls()).isFalse();
    assertThat(seen.uri()).isEqualTo("/plain?q=1");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer own");
    assertThat(seen.header("Proxy-Authorization")).isNull();
    AuditRecord audit = daemon.lastAudit();
    assertThat(audit.keys()).isEmpty();
    assertThat(audit.scheme()).isEqualTo("http");
  }

  /** {@code n} zero bytes, produced on demand so the test itself never holds the body. */
  private static InputStream zeros(long n) {
    return new InputStream() {
      private long left = n;

      @Override
      public int read() {
        return left-- > 0 ? 0 : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int count = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + count, (byte) 0);
        left -= count;
        return count;
      }
    };
  }
}
