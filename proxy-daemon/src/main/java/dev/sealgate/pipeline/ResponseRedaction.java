package dev.sealgate.pipeline;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.redact.ContentCodings;
import dev.sealgate.redact.RedactionPatterns;
import dev.sealgate.redact.StreamRedactor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scans one response to an injected request for the values injected into it: every header value,
 * the body (gzip and deflate decoded first, and passed on decoded), and the trailers. The body
 * streams; only a tail that could still become a match is held back. Every buffer that passes
 * through is zeroed before it is released, since it may have carried an echoed value.
 */
final class ResponseRedaction implements AutoCloseable {
  private final StreamRedactor redactor;
  private final EmbeddedChannel decoder;

  private ResponseRedaction(RedactionPatterns patterns, ContentCodings.Coding coding) {
    this.redactor = new StreamRedactor(patterns);
    this.decoder =
        switch (coding) {
          case GZIP -> new EmbeddedChannel(new JdkZlibDecoder(ZlibWrapper.GZIP));
          case DEFLATE -> new EmbeddedChannel(new JdkZlibDecoder(ZlibWrapper.ZLIB_OR_NONE));
          default -> null;
        };
  }

  /**
   * Starts on a response head: redacts its header values in place and, since redaction can change
   * the body's length, drops {@code Content-Length} (and {@code Content-Encoding} when the body
   * will be passed on decoded). The caller re-frames the body.
   *
   * @throws ProxyRefusal when the body is in a coding the proxy cannot read
   */
  static ResponseRedaction start(
      RedactionPatterns patterns, HttpHeaders headers, boolean hasBody, String host)
      throws ProxyRefusal {
    ContentCodings.Coding coding =
        hasBody
            ? ContentCodings.of(headers.getAll(HttpHeaderNames.CONTENT_ENCODING))
            : ContentCodings.Coding.IDENTITY;
    if (coding == ContentCodings.Coding.UNSUPPORTED) {
      throw new ProxyRefusal(
          ErrorCode.UPSTREAM_RESET,
          null,
          host,
          host
              + " answered in Content-Encoding '"
              + headers.get(HttpHeaderNames.CONTENT_ENCODING)
              + "', which the proxy cannot scan for echoed values, so it was not passed on");
    }
    ResponseRedaction redaction = new ResponseRedaction(patterns, coding);
    redaction.redactHeaders(headers);
    if (hasBody) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
      if (coding != ContentCodings.Coding.IDENTITY) {
        headers.remove(HttpHeaderNames.CONTENT_ENCODING);
      }
    }
    return redaction;
  }

  /**
   * The part of a body chunk that can be passed on once scanned; the last chunk also carries what
   * was held back and the redacted trailers. Takes ownership of {@code content}.
   *
   * @throws DecompressionException when the body cannot be decoded; part of the response may be out
   *     already, so the caller can only abort
   */
  HttpContent relay(HttpContent content, ByteBufAllocator alloc) {
    ByteBuf scanned = content(content.content(), alloc);
    if (!(content instanceof LastHttpContent last)) {
      return new DefaultHttpContent(scanned);
    }
    ByteBuf tail;
    try {
      tail = finish(alloc);
    } catch (DecompressionException e) {
      scanned.release();
      throw e;
    }
    LastHttpContent end =
        new DefaultLastHttpContent(alloc.compositeBuffer().addComponents(true, scanned, tail));
    end.trailingHeaders().set(last.trailingHeaders());
    redactHeaders(end.trailingHeaders());
    return end;
  }

  /** The body bytes that can be passed on now. Takes ownership of {@code in}. */
  private ByteBuf content(ByteBuf in, ByteBufAllocator alloc) {
    if (decoder == null) {
      return scan(in, alloc);
    }
    decoder.writeInbound(in);
    return drainDecoder(alloc);
  }

  /** The rest of the body, once the upstream has sent all of it. */
  private ByteBuf finish(ByteBufAllocator alloc) {
    ByteBuf last = decoder == null ? alloc.buffer(0) : drainDecoder(alloc);
    byte[] tail = redactor.finish();
    return last.writeBytes(tail);
  }

  /** Redacts header (or trailer) values in place. */
  void redactHeaders(HttpHeaders headers) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    headers.forEach(entries::add);
    int before = redactor.redactions();
    List<String> values = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> h : entries) {
      byte[] raw = h.getValue().getBytes(StandardCharsets.ISO_8859_1);
      values.add(new String(redactor.redactWhole(raw), StandardCharsets.ISO_8859_1));
      java.util.Arrays.fill(raw, (byte) 0);
    }
    if (redactor.redactions() == before) {
      return;
    }
    headers.clear();
    for (int i = 0; i < entries.size(); i++) {
      headers.add(entries.get(i).getKey(), values.get(i));
    }
  }

  int redactions() {
    return redactor.redactions();
  }

  @Override
  public void close() {
    redactor.discard();
    if (decoder != null) {
      decoder.finishAndReleaseAll();
    }
  }

  private ByteBuf drainDecoder(ByteBufAllocator alloc) {
    CompositeByteBuf out = alloc.compositeBuffer();
    for (ByteBuf decoded; (decoded = decoder.readInbound()) != null; ) {
      out.addComponent(true, scan(decoded, alloc));
    }
    return out;
  }

  private ByteBuf scan(ByteBuf in, ByteBufAllocator alloc) {
    try {
      byte[] bytes = ByteBufUtil.getBytes(in);
      byte[] out = redactor.update(bytes, 0, bytes.length);
      java.util.Arrays.fill(bytes, (byte) 0);
      return alloc.buffer(out.length).writeBytes(out);
    } finally {
      in.setZero(in.readerIndex(), in.readableBytes());
      in.release();
    }
  }
}
