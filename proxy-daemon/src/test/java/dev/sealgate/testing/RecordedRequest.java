package dev.sealgate.testing;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * What the origin received: the request line, every header as sent (multi-valued kept), and the
 * body (its first {@link TestOrigin#KEEP_BODY_BYTES} bytes, and its full length).
 */
public record RecordedRequest(
    String method, String uri, HttpHeaders headers, byte[] body, long bodyLength, boolean tls) {
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String header(String name) {
    return headers.get(name);
  }
}
