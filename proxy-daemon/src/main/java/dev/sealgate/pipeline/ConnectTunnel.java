package dev.sealgate.pipeline;

import dev.sealgate.api.Outcome;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.inject.InjectionPolicy;
import dev.sealgate.inject.KeyGrant;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Answers one {@code CONNECT}. A host that some stored key may reach is intercepted: the client's
 * TLS ends here with a leaf from the local CA, and its requests run through the same pipeline as
 * any other. Every other host gets a blind tunnel: connected first, then relayed byte for byte,
 * never parsed. The lookups (DNS, issuing a leaf) run off the event loop; the rest on it.
 */
final class ConnectTunnel {
  private static final HttpResponseStatus ESTABLISHED =
      new HttpResponseStatus(200, "Connection Established");

  private final ProxyContext context;
  private final UpstreamConnector connector;
  private final ProxyServerInitializer pipelines;
  private final ChannelHandlerContext client;
  private final ClientToProxyHandler owner;
  private final UpstreamTarget target;
  private final List<KeyGrant> grants;
  private final RequestAudit audit;

  /** Bytes the client sent after its CONNECT, before the tunnel was in place. */
  private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();

  private boolean done;

  ConnectTunnel(
      ProxyContext context,
      UpstreamConnector connector,
      ProxyServerInitializer pipelines,
      ChannelHandlerContext client,
      ClientToProxyHandler owner,
      UpstreamTarget target,
      List<KeyGrant> grants,
      RequestAudit audit) {
    this.context = context;
    this.connector = connector;
    this.pipelines = pipelines;
    this.client = client;
    this.owner = owner;
    this.target = target;
    this.grants = grants;
    this.audit = audit;
  }

  boolean intercepts() {
    return !grants.isEmpty();
  }

  void start() {
    context
        .blocking()
        .execute(
            () -> {
              try {
                InetAddress address = target.resolve(context.addresses());
                if (intercepts()) {
                  InjectionPolicy.checkTunnelAddress(target.host(), address, grants);
                  SslContext leaf = context.interceptTls().apply(target.host());
                  client.executor().execute(() -> intercept(leaf));
                } else {
                  client.executor().execute(() -> connect(address));
                }
              } catch (ProxyRefusal refusal) {
                client.executor().execute(() -> fail(refusal));
              } catch (RuntimeException e) {
                client
                    .executor()
                    .execute(() -> fail(UpstreamFailures.reset(target.host(), target.port())));
              }
            });
  }

  /** Owns {@code buf}. */
  void onEarlyBytes(ByteBuf buf) {
    if (done) {
      buf.release();
    } else {
      early.addLast(buf);
    }
  }

  void onClientClosed() {
    done = true;
    release();
  }

  private void intercept(SslContext leaf) {
    if (!client.channel().isActive() || done) {
      release();
      return;
    }
    done = true;
    client.writeAndFlush(established());
    pipelines.intercept(client.pipeline(), leaf, target);
    replayEarlyBytes();
  }

  private void connect(InetAddress address) {
    if (!client.channel().isActive() || done) {
      release();
      return;
    }
    ChannelFuture connect =
        connector.connectTunnel(client.channel().eventLoop(), address, target.port());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            fail(UpstreamFailures.classify(f.cause(), target.host(), target.port()));
            return;
          }
          Channel upstream = connect.channel();
          if (!client.channel().isActive() || done) {
            upstream.close();
            release();
            return;
          }
          done = true;
          client.writeAndFlush(established());
          pipelines.relay(client.pipeline(), upstream, new TunnelRelay.Tunnel(this::audited));
          replayEarlyBytes();
        });
  }

  private void audited(TunnelRelay.Tunnel tunnel) {
    audit.bytesOut = tunnel.clientToUpstream;
    audit.bytesIn = tunnel.upstreamToClient;
    context.audit().accept(audit.record(200, Outcome.OK, 0));
  }

  private void fail(ProxyRefusal refusal) {
    if (done) {
      return;
    }
    done = true;
    release();
    owner.refuseConnect(refusal, audit);
  }

  private DefaultFullHttpResponse established() {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, ESTABLISHED);
  }

  private void replayEarlyBytes() {
    while (!early.isEmpty()) {
      client.channel().pipeline().fireChannelRead(early.pollFirst());
    }
    client.channel().pipeline().fireChannelReadComplete();
  }

  private void release() {
    early.forEach(ReferenceCountUtil::release);
    early.clear();
  }
}
