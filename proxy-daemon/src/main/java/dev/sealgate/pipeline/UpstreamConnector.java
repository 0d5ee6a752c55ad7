package dev.sealgate.pipeline;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens upstream connections and keeps idle ones for reuse. A pooled connection is tied to the
 * event loop that created it and is only handed to requests on that loop, so every handler of an
 * exchange runs on one thread and the pool needs no locks: each loop has its own map.
 */
final class UpstreamConnector {
  static final String SSL = "ssl";
  static final String BYTES = "wire-bytes";
  static final String CODEC = "http-client-codec";
  static final String IDLE = "idle";
  static final String RESPONSE = "proxy-to-server";

  /**
   * Per event loop. As many as a burst of concurrent requests needs: a connection closed for want
   * of room costs the next request a new TLS handshake (at 500 concurrent clients, a cap of 32 made
   * sealgate 4x slower). Taking the most recently used first lets the surplus of a burst sit unused
   * until its idle timeout closes it.
   */
  private static final int MAX_IDLE_PER_ORIGIN = 512;

  private static final AttributeKey<PoolKey> POOL_KEY = AttributeKey.valueOf("sealgate.pool");

  /** One origin as connected: the name (for SNI and verification) and the address checked. */
  record PoolKey(String host, InetAddress address, int port, boolean tls) {}

  private final SslContext tls;
  private final Class<? extends Channel> channelClass;
  private final int connectTimeoutMillis;
  private final long idleSeconds;
  private final Map<EventLoop, Map<PoolKey, ArrayDeque<Channel>>> pools =
      new java.util.concurrent.ConcurrentHashMap<>();

  UpstreamConnector(
      SslContext tls,
      Class<? extends Channel> channelClass,
      Duration connectTimeout,
      Duration idleTimeout) {
    this.tls = tls;
    this.channelClass = channelClass;
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.idleSeconds = Math.max(1, idleTimeout.toSeconds());
  }

  /**
   * A connection to {@code key} ready for a request (TLS handshake done), created on {@code loop}.
   * The future fails with the connect or handshake error; {@link UpstreamFailures} classifies it.
   */
  Future<Channel> acquire(EventLoop loop, PoolKey key) {
    Promise<Channel> promise = loop.newPromise();
    ArrayDeque<Channel> idle = pool(loop).get(key);
    while (idle != null && !idle.isEmpty()) {
      Channel ch = idle.pollLast();
      if (ch.isActive()) {
        return promise.setSuccess(ch);
      }
    }
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.AUTO_READ, true)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (key.tls()) {
                      ch.pipeline()
                          .addLast(SSL, tls.newHandler(ch.alloc(), key.host(), key.port()));
                    }
                    ch.pipeline().addLast(BYTES, new WireBytes());
                    ch.pipeline().addLast(CODEC, new HttpClientCodec());
                    ch.pipeline().addLast(RESPONSE, new ProxyToServerHandler());
                  }
                });
    // Connect to the address the policy checked, never to a second lookup of the name.
    ChannelFuture connect = b.connect(new InetSocketAddress(key.address(), key.port()));
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            promise.tryFailure(f.cause());
            return;
          }
          Channel ch = connect.channel();
          ch.attr(POOL_KEY).set(key);
          SslHandler ssl = ch.pipeline().get(SslHandler.class);
          if (ssl == null) {
            promise.trySuccess(ch);
            return;
          }
          ssl.handshakeFuture()
              .addListener(
                  h -> {
                    if (h.isSuccess()) {
                      promise.trySuccess(ch);
                    } else {
                      ch.close();
                      promise.tryFailure(h.cause());
                    }
                  });
        });
    return promise;
  }

  /**
   * A raw TCP connection for a blind tunnel: no codec, not pooled, reading paused until the relay
   * is in place, and half-close allowed so each direction can end on its own.
   */
  ChannelFuture connectTunnel(EventLoop loop, InetAddress address, int port) {
    return new Bootstrap()
        .group(loop)
        .channel(channelClass)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
        .connect(new InetSocketAddress(address, port));
  }

  /** Returns a connection whose last exchange completed cleanly; it closes itself when idle. */
  void release(Channel ch) {
    PoolKey key = ch.attr(POOL_KEY).get();
    if (key == null || !ch.isActive()) {
      ch.close();
      return;
    }
    ArrayDeque<Channel> idle = pool(ch.eventLoop()).computeIfAbsent(key, k -> new ArrayDeque<>());
    if (idle.size() >= MAX_IDLE_PER_ORIGIN) {
      ch.close();
      return;
    }
    if (ch.pipeline().get(IDLE) == null) {
      ch.pipeline()
          .addBefore(RESPONSE, IDLE, new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
      ch.closeFuture().addListener(f -> idle.remove(ch));
    }
    idle.addLast(ch);
  }

  private Map<PoolKey, ArrayDeque<Channel>> pool(EventLoop loop) {
    return pools.computeIfAbsent(loop, l -> new HashMap<>());
  }
}
