package dev.sealgate.pipeline;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The response head the client gets, and how its body is delimited. The upstream's framing does not
 * always carry over: redaction drops {@code Content-Length}, and an HTTP/1.0 client cannot read
 * chunks, so the body may have to end with the connection instead.
 */
final class ResponseFraming {
  private final HttpRequest request;
  private final HttpResponse head;
  private final boolean bodyless;
  private final boolean closeDelimited;
  private boolean keepAlive;

  private ResponseFraming(
      HttpRequest request,
      HttpResponse head,
      boolean bodyless,
      boolean closeDelimited,
      boolean keepAlive) {
    this.request = request;
    this.head = head;
    this.bodyless = bodyless;
    this.closeDelimited = closeDelimited;
    this.keepAlive = keepAlive;
  }

  /** Starts from the upstream's status and end-to-end headers. */
  static ResponseFraming of(HttpRequest request, HttpResponse upstream, boolean keepAlive) {
    HttpResponse head = new DefaultHttpResponse(request.protocolVersion(), upstream.status());
    HopByHopHeaders.copyEndToEnd(upstream.headers(), head.headers());
    int code = upstream.status().code();
    boolean bodyless = request.method().equals(HttpMethod.HEAD) || code == 204 || code == 304;
    boolean closeDelimited =
        !bodyless
            && !HttpUtil.isTransferEncodingChunked(upstream)
            && !upstream.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
    return new ResponseFraming(request, head, bodyless, closeDelimited, keepAlive);
  }

  /** The head to adjust (redaction rewrites its headers) before {@link #seal()}. */
  HttpResponse head() {
    return head;
  }

  boolean bodyless() {
    return bodyless;
  }

  /** The upstream ends the body by closing its connection, which then cannot be pooled. */
  boolean closeDelimited() {
    return closeDelimited;
  }

  /** Whether the client connection stays open after this response; final once sealed. */
  boolean keepAlive() {
    return keepAlive;
  }

  /** Chooses the client's framing from the headers as they are now. */
  HttpResponse seal() {
    boolean lengthKnown = bodyless || head.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
    boolean http11 = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
    if (!lengthKnown && http11) {
      HttpUtil.setTransferEncodingChunked(head, true);
    } else if (!lengthKnown) {
      // An HTTP/1.0 client cannot read chunks: send the body raw and end it by closing.
      head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
      keepAlive = false;
    }
    if (!keepAlive) {
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!http11) {
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return head;
  }
}
