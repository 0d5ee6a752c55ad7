package dev.sealgate.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds the client-facing pipeline; the only place its handlers are put together. */
public final class ProxyServerInitializer extends ChannelInitializer<SocketChannel> {
  public static final String LIMITER = "connection-limiter";
  public static final String IDLE = "idle";
  public static final String CODEC = "http-server-codec";
  public static final String EXPECT_CONTINUE = "expect-continue";
  public static final String CLIENT_TO_PROXY = "client-to-proxy";
  public static final String TLS = "intercept-tls";
  public static final String RELAY = "tunnel-relay";

  private final ProxyContext context;
  private final UpstreamConnector connector;
  private final CallerAuthenticator authenticator;
  private final ConnectionLimiter limiter;

  public ProxyServerInitializer(ProxyContext context, Class<? extends Channel> clientChannelClass) {
    this.context = context;
    this.connector =
        new UpstreamConnector(
            context.upstreamTls(),
            clientChannelClass,
            context.config().upstream().connectTimeout(),
            context.config().proxy().idleTimeout());
    this.authenticator = new CallerAuthenticator(context.token());
    this.limiter = new ConnectionLimiter(context.config().proxy().maxConnections());
  }

  /** Client connections open now, for {@code /_sealgate/status}. */
  public int openConnections() {
    return limiter.open();
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(LIMITER, limiter);
    p.addLast(
        IDLE,
        new IdleStateHandler(
            0, 0, context.config().proxy().idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    addHttp(p, null);
  }

  /**
   * After a {@code CONNECT} that is intercepted: TLS with the leaf for the host, then HTTP again,
   * with every request bound for {@code origin}.
   */
  void intercept(ChannelPipeline p, SslContext leaf, UpstreamTarget origin) {
    removeHttp(p);
    p.addLast(TLS, leaf.newHandler(p.channel().alloc()));
    addHttp(p, origin);
    p.channel().config().setAutoRead(true);
  }

  /** After a {@code CONNECT} that is tunnelled blind: bytes both ways, nothing else. */
  void relay(ChannelPipeline p, Channel upstream, TunnelRelay.Tunnel tunnel) {
    removeHttp(p);
    p.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    p.addLast(RELAY, new TunnelRelay(tunnel, upstream, true));
    upstream.pipeline().addLast(RELAY, new TunnelRelay(tunnel, p.channel(), false));
    p.channel().config().setAutoRead(true);
    upstream.config().setAutoRead(true);
  }

  private void addHttp(ChannelPipeline p, UpstreamTarget origin) {
    p.addLast(
        CODEC,
        new HttpServerCodec(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(Math.min(16384, context.config().proxy().maxHeaderBytes()))
                .setMaxHeaderSize(context.config().proxy().maxHeaderBytes())));
    p.addLast(EXPECT_CONTINUE, new HttpServerExpectContinueHandler());
    p.addLast(
        CLIENT_TO_PROXY, new ClientToProxyHandler(context, connector, authenticator, this, origin));
  }

  private static void removeHttp(ChannelPipeline p) {
    p.remove(CODEC);
    p.remove(EXPECT_CONTINUE);
    p.remove(CLIENT_TO_PROXY);
  }
}
