package dev.sealgate.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a blind CONNECT tunnel: bytes read on this channel are written to the peer,
 * untouched. Reading pauses while the peer cannot take more (backpressure), an end of input is
 * passed on as a half-close, and the tunnel ends when both directions have ended or either side
 * fails or idles out. Both channels run on one event loop, so the shared {@link Tunnel} needs no
 * locks.
 */
final class TunnelRelay extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TunnelRelay.class);

  /** What both directions share: the byte counts for the audit record, and the end. */
  static final class Tunnel {
    private final java.util.function.Consumer<Tunnel> onClose;
    private int halfClosed;
    private boolean closed;
    long clientToUpstream;
    long upstreamToClient;

    Tunnel(java.util.function.Consumer<Tunnel> onClose) {
      this.onClose = onClose;
    }

    private void close(Channel a, Channel b) {
      if (closed) {
        return;
      }
      closed = true;
      a.close();
      b.close();
      onClose.accept(this);
    }
  }

  private final Tunnel tunnel;
  private final Channel peer;
  private final boolean fromClient;

  TunnelRelay(Tunnel tunnel, Channel peer, boolean fromClient) {
    this.tunnel = tunnel;
    this.peer = peer;
    this.fromClient = fromClient;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (fromClient) {
      tunnel.clientToUpstream += buf.readableBytes();
    } else {
      tunnel.upstreamToClient += buf.readableBytes();
    }
    peer.write(buf).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    if (!peer.isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
  }

  /** The peer drained what we wrote: read on. */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    peer.config().setAutoRead(ctx.channel().isWritable());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      // This side sent FIN: pass it on once what it sent before is written.
      peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(
              f -> {
                if (peer instanceof DuplexChannel duplex && peer.isActive()) {
                  duplex.shutdownOutput();
                }
              });
      if (++tunnel.halfClosed == 2) {
        tunnel.close(ctx.channel(), peer);
      }
    } else if (evt instanceof IdleStateEvent) {
      tunnel.close(ctx.channel(), peer); // proxy.idle_timeout with nothing moving either way
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    tunnel.close(ctx.channel(), peer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("tunnel {} failed: {}", ctx.channel(), cause.getClass().getSimpleName());
    tunnel.close(ctx.channel(), peer);
  }
}
