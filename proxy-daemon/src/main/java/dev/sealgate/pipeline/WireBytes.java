package dev.sealgate.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts what one exchange sends to and receives from its upstream, request and response line,
 * headers and body as HTTP puts them on the wire (inside TLS): the audit's {@code bytes_out} and
 * {@code bytes_in}. Sits between TLS and the HTTP codec; reset for each exchange on a pooled
 * connection.
 */
final class WireBytes extends ChannelDuplexHandler {
  private long out;
  private long in;

  void reset() {
    out = 0;
    in = 0;
  }

  long out() {
    return out;
  }

  long in() {
    return in;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf b) {
      out += b.readableBytes();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      in += b.readableBytes();
    }
    ctx.fireChannelRead(msg);
  }
}
