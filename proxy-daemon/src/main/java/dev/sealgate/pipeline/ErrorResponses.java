package dev.sealgate.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.json.JsonTrees;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The one place refusals become HTTP responses (SPEC §2): the status comes from {@link ErrorCode},
 * the body is {@code {"error","key","host","hint"}} and never holds a value.
 */
public final class ErrorResponses {
  /** Response header naming the refusal's {@code error}; only the proxy ever sets it. */
  public static final String ERROR_HEADER = "Sealgate-Error";

  private ErrorResponses() {}

  public static FullHttpResponse refusal(ByteBufAllocator alloc, ProxyRefusal refusal) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", refusal.code().wireName());
    if (refusal.key() != null) {
      body.put("key", refusal.key());
    }
    if (refusal.host() != null) {
      body.put("host", refusal.host());
    }
    if (refusal.hint() != null) {
      body.put("hint", refusal.hint());
    }
    FullHttpResponse response =
        json(alloc, HttpResponseStatus.valueOf(refusal.code().status()), body);
    // Lets a client tell the proxy's own refusal from an upstream answer with the same status.
    response.headers().set(ERROR_HEADER, refusal.code().wireName());
    if (refusal.code() == ErrorCode.PROXY_AUTH_REQUIRED) {
      response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"sealgate\"");
    }
    return response;
  }

  /** A JSON error for a request that is not HTTP the proxy can read (not in the SPEC table). */
  public static FullHttpResponse badRequest(
      ByteBufAllocator alloc, HttpResponseStatus status, String error, String hint) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", error);
    body.put("hint", hint);
    FullHttpResponse response = json(alloc, status, body);
    response.headers().set(ERROR_HEADER, error);
    return response;
  }

  public static FullHttpResponse json(
      ByteBufAllocator alloc, HttpResponseStatus status, ObjectNode body) {
    byte[] bytes = JsonTrees.toBytes(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, alloc.buffer(bytes.length).writeBytes(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    return response;
  }
}
