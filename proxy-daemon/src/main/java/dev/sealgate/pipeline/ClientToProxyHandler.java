package dev.sealgate.pipeline;

import dev.sealgate.api.BadInjectionHeaderException;
import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionSpecParser;
import dev.sealgate.api.Outcome;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.inject.InjectionPolicy;
import dev.sealgate.inject.KeyGrant;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing end of the pipeline: authenticates the caller, parses the {@code Sealgate-*}
 * headers, runs the checks that need no lookup, and hands the request to a {@link ProxyExchange}.
 * One exchange at a time per connection; requests a client pipelines behind it wait in {@link
 * #queued}. Refusals are answered here, each audited once.
 */
final class ClientToProxyHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientToProxyHandler.class);

  private final ProxyContext context;
  private final UpstreamConnector connector;
  private final CallerAuthenticator authenticator;
  private final ProxyServerInitializer pipelines;
  private final UpstreamTarget tunnelOrigin;
  private final ArrayDeque<Object> queued = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private ProxyExchange exchange;
  private ConnectTunnel connect;
  private boolean discardingBody;

  /**
   * @param tunnelOrigin where every request goes when this handler reads inside an intercepted
   *     {@code CONNECT} (the caller authenticated on the CONNECT); {@code null} on a plain proxy
   *     connection
   */
  ClientToProxyHandler(
      ProxyContext context,
      UpstreamConnector connector,
      CallerAuthenticator authenticator,
      ProxyServerInitializer pipelines,
      UpstreamTarget tunnelOrigin) {
    this.context = context;
    this.connector = connector;
    this.authenticator = authenticator;
    this.pipelines = pipelines;
    this.tunnelOrigin = tunnelOrigin;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (connect != null) {
      if (msg instanceof ByteBuf buf) {
        connect.onEarlyBytes(buf); // the HTTP decoder is gone: these belong to the tunnel
      } else {
        ReferenceCountUtil.release(msg); // the CONNECT's empty last content
      }
    } else if (exchange != null
        && !exchange.requestComplete()
        && msg instanceof HttpContent content) {
      exchange.onClientContent(content);
    } else if (exchange != null) {
      queued.addLast(msg); // a pipelined request waits for the current response
      ctx.channel().config().setAutoRead(false);
    } else if (discardingBody) {
      discardingBody = !(msg instanceof LastHttpContent);
      ReferenceCountUtil.release(msg);
    } else if (msg instanceof HttpRequest request) {
      onRequest(request);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(HttpRequest request) {
    RequestAudit audit =
        new RequestAudit(context.clock(), ctx.channel().remoteAddress(), request.method().name());
    if (request.decoderResult().isFailure()) {
      rejectUnreadable(request, audit);
      return;
    }
    if (tunnelOrigin == null
        && ControlEndpoint.isControl(request.uri())
        && request.headers().get(InjectionSpecParser.TARGET_HEADER) == null) {
      answerControl(request);
      return;
    }
    try {
      if (tunnelOrigin == null) {
        authenticate(request, audit);
      }
      if (request.method().equals(HttpMethod.CONNECT)) {
        onConnect(request, audit);
        return;
      }
      InjectionSpec spec = parse(request, audit);
      UpstreamTarget target = target(request, spec);
      audit.target(target.scheme(), target.host(), target.port(), target.path());
      audit.keys(spec.keys(), spec.styles());
      InjectionPolicy.checkBodyType(
          spec, request.headers().get(HttpHeaderNames.CONTENT_TYPE), target.host());
      List<KeyGrant> grants =
          InjectionPolicy.checkKeys(spec, target.host(), context.grants()::forKey);
      exchange =
          new ProxyExchange(context, connector, ctx, this, request, spec, target, grants, audit);
      if (spec.needsBody()
          && HttpUtil.getContentLength(request, -1L) > context.config().inject().maxBodyBytes()) {
        exchange.fail(exchange.bodyTooLarge());
        return;
      }
      // Reading goes on: toggling it costs two epoll_ctl calls a request. A body is paused by the
      // exchange if it cannot be sent yet, a pipelined request by channelRead.
      exchange.start();
    } catch (ProxyRefusal refusal) {
      refuse(request, refusal, audit, false);
    }
  }

  private void authenticate(HttpRequest request, RequestAudit audit) throws ProxyRefusal {
    if (context.config().proxy().requireToken()
        && !authenticator.isAuthenticated(request.headers())) {
      noteTarget(request, audit);
      throw new ProxyRefusal(
          ErrorCode.PROXY_AUTH_REQUIRED,
          null,
          null,
          "send Proxy-Authorization: Basic base64(sealgate:TOKEN) or Sealgate-Token; eval \"$(sealgate proxy env)\" sets it up");
    }
  }

  private UpstreamTarget target(HttpRequest request, InjectionSpec spec) throws ProxyRefusal {
    if (tunnelOrigin == null) {
      String uri =
          spec.target() == null
              ? request.uri()
              : UpstreamTarget.gatewayTarget(
                  request.uri(), (InetSocketAddress) ctx.channel().localAddress());
      return UpstreamTarget.of(uri, spec, context.config().upstream().plaintextUpstreams());
    }
    if (spec.target() != null) {
      throw new ProxyRefusal(
          ErrorCode.BAD_INJECTION_HEADER,
          null,
          tunnelOrigin.host(),
          "Sealgate-Target is for gateway requests; inside a CONNECT tunnel the origin is "
              + tunnelOrigin.authority());
    }
    if (request.uri().startsWith("/")) {
      return tunnelOrigin.withTarget(request.uri());
    }
    // Absolute-form inside a tunnel is allowed (RFC 9112 §3.2.2) when it names the tunnel's origin.
    UpstreamTarget named = UpstreamTarget.of(request.uri(), spec, List.of());
    if (!named.host().equals(tunnelOrigin.host()) || named.port() != tunnelOrigin.port()) {
      throw new ProxyRefusal(
          ErrorCode.BAD_INJECTION_HEADER,
          null,
          named.host(),
          "this tunnel goes to "
              + tunnelOrigin.authority()
              + "; open a new CONNECT for another host");
    }
    return tunnelOrigin.withTarget(named.target());
  }

  /**
   * A {@code CONNECT}: the HTTP decoder comes out at once, so bytes the client sends before the
   * answer are held raw for the tunnel instead of being parsed as a request.
   */
  private void onConnect(HttpRequest request, RequestAudit audit) throws ProxyRefusal {
    if (tunnelOrigin != null) {
      throw new ProxyRefusal(
          ErrorCode.BAD_INJECTION_HEADER, null, null, "CONNECT inside a CONNECT tunnel");
    }
    UpstreamTarget target = UpstreamTarget.tunnel(request.uri());
    audit.target(target.scheme(), target.host(), target.port(), "");
    List<KeyGrant> grants = context.grants().reaching(target.host());
    ctx.channel().config().setAutoRead(false);
    ctx.pipeline().get(HttpServerCodec.class).removeInboundHandler();
    connect = new ConnectTunnel(context, connector, pipelines, ctx, this, target, grants, audit);
    connect.start();
  }

  /** A CONNECT that cannot be served; the decoder is gone, so the connection ends here. */
  void refuseConnect(ProxyRefusal refusal, RequestAudit audit) {
    connect = null;
    context.audit().accept(audit.refused(refusal.code()));
    log.debug("refused CONNECT {}", refusal.getMessage());
    writeAndContinue(ErrorResponses.refusal(ctx.alloc(), refusal), false);
  }

  private InjectionSpec parse(HttpRequest request, RequestAudit audit) throws ProxyRefusal {
    try {
      return InjectionSpecParser.parse(request.headers());
    } catch (BadInjectionHeaderException e) {
      noteTarget(request, audit, InjectionSpec.NONE);
      return throwBad(e);
    }
  }

  /**
   * Where a request refused before its checks was going, as far as its request line says, so that
   * its audit record (and {@code proxy logs --host}) names the host; the keys too, if readable.
   */
  private void noteTarget(HttpRequest request, RequestAudit audit) {
    InjectionSpec spec = InjectionSpec.NONE;
    if (!request.method().equals(HttpMethod.CONNECT)) {
      try {
        spec = InjectionSpecParser.parse(request.headers());
      } catch (BadInjectionHeaderException | RuntimeException unreadable) {
        // No keys for the record; the target may still be readable.
      }
    }
    noteTarget(request, audit, spec);
  }

  /** The same, for a request whose injection headers are already known: {@code spec}. */
  private void noteTarget(HttpRequest request, RequestAudit audit, InjectionSpec spec) {
    try {
      if (request.method().equals(HttpMethod.CONNECT)) {
        UpstreamTarget t = UpstreamTarget.tunnel(request.uri());
        audit.target(t.scheme(), t.host(), t.port(), "");
        return;
      }
      audit.keys(spec.keys(), spec.styles());
      UpstreamTarget t = target(request, spec);
      audit.target(t.scheme(), t.host(), t.port(), t.path());
    } catch (ProxyRefusal | RuntimeException unreadable) {
      // The record keeps an empty target; the refusal being answered says what was wrong.
    }
  }

  private static InjectionSpec throwBad(BadInjectionHeaderException e) throws ProxyRefusal {
    throw new ProxyRefusal(ErrorCode.BAD_INJECTION_HEADER, null, null, e.getMessage());
  }

  /**
   * Answers with a refusal and audits it. Called for checks here and by the exchange.
   *
   * @param bodyRead whether the request's last content has been read already
   */
  void refuse(HttpRequest request, ProxyRefusal refusal, RequestAudit audit, boolean bodyRead) {
    exchange = null;
    context.audit().accept(audit.refused(refusal.code()));
    log.debug("refused {} {}", request.method(), refusal.getMessage());
    // After a 413 the rest of a large body would have to be read and thrown away: close instead.
    boolean keepAlive = HttpUtil.isKeepAlive(request) && refusal.code() != ErrorCode.BODY_TOO_LARGE;
    FullHttpResponse response = ErrorResponses.refusal(ctx.alloc(), refusal);
    discardingBody = keepAlive && !bodyRead;
    writeAndContinue(response, keepAlive);
  }

  /** Called by the exchange once the response is fully written (or relayed). */
  void exchangeDone(boolean keepAlive) {
    exchange = null;
    if (!keepAlive) {
      ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    resume();
  }

  private void writeAndContinue(FullHttpResponse response, boolean keepAlive) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(response);
    resume();
  }

  /** Reads on: first whatever a pipelining client sent meanwhile, then the socket. */
  private void resume() {
    while (exchange == null && !queued.isEmpty()) {
      channelRead(ctx, queued.pollFirst());
    }
    if (exchange == null) {
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  private void answerControl(HttpRequest request) {
    discardingBody = !(request instanceof LastHttpContent);
    if (!authenticator.isAuthenticated(request.headers())) {
      refuse(
          request,
          new ProxyRefusal(
              ErrorCode.PROXY_AUTH_REQUIRED, null, null, "control endpoints need Sealgate-Token"),
          new RequestAudit(context.clock(), ctx.channel().remoteAddress(), request.method().name()),
          false);
      return;
    }
    ControlEndpoint.Answer answer = context.control().answer(ctx.alloc(), request);
    if (answer.stop()) {
      answer.response().headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(answer.response())
          .addListener(
              f -> {
                ctx.close();
                context.control().stop();
              });
      return;
    }
    writeAndContinue(answer.response(), HttpUtil.isKeepAlive(request));
  }

  private void rejectUnreadable(HttpRequest request, RequestAudit audit) {
    Throwable cause = request.decoderResult().cause();
    boolean tooLong = cause instanceof TooLongFrameException;
    FullHttpResponse response =
        ErrorResponses.badRequest(
            ctx.alloc(),
            tooLong
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST,
            tooLong ? "headers_too_large" : "bad_request",
            tooLong
                ? "request line and headers are limited by proxy.max_header_bytes"
                : "the request is not valid HTTP/1.1");
    noteTarget(request, audit);
    context.audit().accept(audit.record(response.status().code(), Outcome.DENIED, 0));
    writeAndContinue(response, false);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.onClientWritabilityChanged(ctx.channel().isWritable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (connect != null) {
      connect.onClientClosed();
      connect = null;
    }
    if (exchange != null) {
      exchange.onClientClosed();
      exchange = null;
    }
    queued.forEach(ReferenceCountUtil::release);
    queued.clear();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && exchange == null) {
      ctx.close(); // proxy.idle_timeout with no request in flight
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // The class name only: a message could quote request bytes.
    log.debug(
        "client connection {} failed: {}",
        ctx.channel().remoteAddress(),
        cause.getClass().getSimpleName());
    ctx.close();
  }
}
