package dev.sealgate.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;

/**
 * The daemon's own endpoints under {@code /_sealgate/}, for the CLI: {@code GET status} and {@code
 * POST stop}. Always behind the proxy token, even when {@code proxy.require_token} is off.
 */
public final class ControlEndpoint {
  public static final String PREFIX = "/_sealgate/";

  private final Supplier<ObjectNode> status;
  private final Runnable stop;

  /**
   * @param status the body of {@code GET /_sealgate/status}
   * @param stop starts a graceful shutdown; called after the response is written
   */
  public ControlEndpoint(Supplier<ObjectNode> status, Runnable stop) {
    this.status = status;
    this.stop = stop;
  }

  static boolean isControl(String uri) {
    return uri.startsWith(PREFIX);
  }

  /** The response, and whether the daemon should stop once it is written. */
  record Answer(FullHttpResponse response, boolean stop) {}

  Answer answer(ByteBufAllocator alloc, HttpRequest request) {
    String path = request.uri();
    if (path.equals(PREFIX + "status") && request.method().equals(HttpMethod.GET)) {
      return new Answer(ErrorResponses.json(alloc, HttpResponseStatus.OK, status.get()), false);
    }
    if (path.equals(PREFIX + "stop") && request.method().equals(HttpMethod.POST)) {
      ObjectNode body = status.get().objectNode();
      body.put("stopping", true);
      return new Answer(ErrorResponses.json(alloc, HttpResponseStatus.OK, body), true);
    }
    return new Answer(
        ErrorResponses.badRequest(
            alloc,
            HttpResponseStatus.NOT_FOUND,
            "unknown_control_endpoint",
            "use GET /_sealgate/status or POST /_sealgate/stop"),
        false);
  }

  void stop() {
    stop.run();
  }
}
