package dev.sealgate.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds the client-facing pipeline; the only place its handlers are put together. */
public final class ProxyServerInitializer extends ChannelInitializer<SocketChannel> {
  public static final String LIMITER = "connection-limiter";
  public static final String IDLE = "idle";
  public static final String CODEC = "http-server-codec";
  public static final String EXPECT_CONTINUE = "expect-continue";
  public static final String CLIENT_TO_PROXY = "client-to-proxy";

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
    p.addLast(
        CODEC,
        new HttpServerCodec(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(Math.min(16384, context.config().proxy().maxHeaderBytes()))
                .setMaxHeaderSize(context.config().proxy().maxHeaderBytes())));
    p.addLast(EXPECT_CONTINUE, new HttpServerExpectContinueHandler());
    p.addLast(CLIENT_TO_PROXY, new ClientToProxyHandler(context, connector, authenticator));
  }
}
