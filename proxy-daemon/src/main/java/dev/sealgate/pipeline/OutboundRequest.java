package dev.sealgate.pipeline;

import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.inject.InjectedHeader;
import dev.sealgate.inject.RequestInjector;
import dev.sealgate.redact.ContentCodings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds the request head sent upstream: the agent's end-to-end headers, {@code Host} for the
 * target, the injected credentials, and an {@code Accept-Encoding} the redaction can decode.
 * Injected header values are wrapped, not copied, into the Netty headers ({@link AsciiString} over
 * the bytes), so zeroing them after the write leaves no extra copy on the heap.
 */
final class OutboundRequest {
  private OutboundRequest() {}

  /**
   * @param values the value of each key in {@code spec}; owned by the caller
   * @return the head, and the header arrays to zero once it is written
   */
  static Built build(
      HttpRequest inbound, UpstreamTarget target, InjectionSpec spec, Map<String, byte[]> values)
      throws ProxyRefusal {
    String uri =
        RequestInjector.changesTarget(spec)
            ? RequestInjector.target(spec, values, target.target())
            : target.target();
    HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, inbound.method(), uri);
    HopByHopHeaders.copyEndToEnd(inbound.headers(), out.headers());
    out.headers().set(HttpHeaderNames.HOST, target.authority());
    String accepted = out.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
    if (!spec.isEmpty() && accepted != null) {
      // The response will be scanned for the values: it must come in a coding we can read.
      out.headers().set(HttpHeaderNames.ACCEPT_ENCODING, ContentCodings.narrow(accepted));
    }
    List<InjectedHeader> injected = RequestInjector.headers(spec, values);
    for (InjectedHeader h : injected) {
      out.headers().remove(h.name());
    }
    for (InjectedHeader h : injected) {
      out.headers().add(h.name(), new AsciiString(h.value(), false));
    }
    return new Built(out, injected);
  }

  /**
   * The whole request, for injections into the body: the body is rewritten with the values and sent
   * with its new length.
   *
   * @param body the agent's body; owned by the caller
   */
  static Built withBody(
      HttpRequest inbound,
      UpstreamTarget target,
      InjectionSpec spec,
      Map<String, byte[]> values,
      byte[] body,
      ByteBufAllocator alloc)
      throws ProxyRefusal {
    Built built = build(inbound, target, spec, values);
    byte[] rewritten = null;
    try {
      rewritten = RequestInjector.body(spec, values, body);
      HttpRequest head = built.head();
      FullHttpRequest full =
          new DefaultFullHttpRequest(
              HttpVersion.HTTP_1_1,
              head.method(),
              head.uri(),
              alloc.buffer(rewritten.length).writeBytes(rewritten));
      full.headers().set(head.headers());
      full.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
      HttpUtil.setContentLength(full, rewritten.length);
      return new Built(full, built.injected());
    } catch (ProxyRefusal refusal) {
      built.clear();
      throw refusal;
    } finally {
      if (rewritten != null) {
        Arrays.fill(rewritten, (byte) 0); // copied into the buffer
      }
    }
  }

  record Built(HttpRequest head, List<InjectedHeader> injected) {
    void clear() {
      injected.forEach(InjectedHeader::clear);
    }
  }
}
