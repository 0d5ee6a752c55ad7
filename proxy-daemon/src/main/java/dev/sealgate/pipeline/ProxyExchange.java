package dev.sealgate.pipeline;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.Outcome;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.inject.InjectionPolicy;
import dev.sealgate.inject.KeyGrant;
import dev.sealgate.redact.RedactionPatterns;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response, from the moment its policy checks passed. Runs in three steps:
 * resolve (DNS and store reads, off the event loop), connect (pooled, TLS verified), relay (both
 * directions streamed with backpressure). Everything after the first step runs on the client's
 * event loop, so no field needs synchronisation.
 */
final class ProxyExchange {
  private final ProxyContext context;
  private final UpstreamConnector connector;
  private final ChannelHandlerContext client;
  private final ClientToProxyHandler owner;
  private final HttpRequest request;
  private final InjectionSpec spec;
  private final UpstreamTarget target;
  private final List<KeyGrant> grants;
  private final RequestAudit audit;

  private final ArrayDeque<HttpContent> pending = new ArrayDeque<>();
  private CompositeByteBuf body;
  private Map<String, byte[]> values = Map.of();
  private RedactionPatterns patterns = RedactionPatterns.none();
  private ResponseRedaction redaction;
  private Channel upstream;
  private WireBytes wire; // upstream's; kept, as a closed channel's pipeline is emptied
  private boolean requestComplete;
  private boolean requestSent;
  private HttpResponse response;
  private boolean closeDelimited;
  private boolean clientKeepAlive;
  private boolean done;
  private ScheduledFuture<?> responseTimeout;

  ProxyExchange(
      ProxyContext context,
      UpstreamConnector connector,
      ChannelHandlerContext client,
      ClientToProxyHandler owner,
      HttpRequest request,
      InjectionSpec spec,
      UpstreamTarget target,
      List<KeyGrant> grants,
      RequestAudit audit) {
    this.context = context;
    this.connector = connector;
    this.client = client;
    this.owner = owner;
    this.request = request;
    this.spec = spec;
    this.target = target;
    this.grants = grants;
    this.audit = audit;
    this.clientKeepAlive = HttpUtil.isKeepAlive(request);
  }

  boolean requestComplete() {
    return requestComplete;
  }

  /**
   * Step one: the address and the values. Answered on the event loop when both were looked up a
   * moment ago (the common case: an agent calls the same API again and again); otherwise off it.
   */
  void start() {
    if (spec.needsBody()) {
      body = client.alloc().compositeBuffer(Integer.MAX_VALUE);
      client.channel().config().setAutoRead(true); // read the body while we resolve
    }
    InetAddress known = context.addresses().known(target.host());
    Map<String, byte[]> cached =
        known == null ? null : InjectedValues.cached(context.store(), spec);
    if (cached != null) {
      try {
        checkAddress(known);
      } catch (ProxyRefusal refusal) {
        InjectedValues.zero(cached);
        fail(refusal);
        return;
      }
      connect(known, cached);
      return;
    }
    context
        .blocking()
        .execute(
            () -> {
              try {
                InetAddress address = target.resolve(context.addresses());
                checkAddress(address);
                Map<String, byte[]> loaded =
                    InjectedValues.load(context.store(), spec, target.host());
                client.executor().execute(() -> connect(address, loaded));
              } catch (ProxyRefusal refusal) {
                client.executor().execute(() -> fail(refusal));
              } catch (RuntimeException e) {
                client
                    .executor()
                    .execute(() -> fail(UpstreamFailures.reset(target.host(), target.port())));
              }
            });
  }

  private void checkAddress(InetAddress address) throws ProxyRefusal {
    if (!spec.isEmpty()) {
      InjectionPolicy.checkAddress(target.host(), address, grants);
    }
  }

  /** Step two, on the event loop. */
  private void connect(InetAddress address, Map<String, byte[]> loaded) {
    if (done || !client.channel().isActive()) {
      InjectedValues.zero(loaded);
      finishQuietly();
      return;
    }
    values = loaded;
    patterns = RedactionPatterns.of(loaded); // kept for the response: values are zeroed once sent
    UpstreamConnector.PoolKey key =
        new UpstreamConnector.PoolKey(target.host(), address, target.port(), target.tls());
    connector
        .acquire(client.channel().eventLoop(), key)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                onUpstreamReady((Channel) f.getNow());
              } else {
                fail(UpstreamFailures.classify(f.cause(), target.host(), target.port()));
              }
            });
  }

  private void onUpstreamReady(Channel ch) {
    if (done) {
      connector.release(ch);
      return;
    }
    upstream = ch;
    ch.pipeline().get(ProxyToServerHandler.class).bind(this);
    wire = ch.pipeline().get(WireBytes.class);
    wire.reset();
    if (body != null) {
      if (requestComplete) {
        sendWithBody();
      }
      return; // sendWithBody runs when the last chunk arrives
    }
    try {
      OutboundRequest.Built built = OutboundRequest.build(request, target, spec, values);
      ch.write(built.head());
      built.clear();
    } catch (ProxyRefusal refusal) {
      fail(refusal);
      return;
    } finally {
      InjectedValues.zero(values);
    }
    while (!pending.isEmpty()) {
      forward(pending.pollFirst());
    }
    ch.flush();
    if (!requestComplete) {
      client.channel().config().setAutoRead(ch.isWritable());
    }
  }

  /** Body from the client; owns {@code content}. */
  void onClientContent(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (last) {
      requestComplete = true;
    }
    if (body != null) {
      aggregate(content);
    } else if (upstream == null) {
      pending.addLast(content);
      if (!last) {
        client.channel().config().setAutoRead(false); // hold the body until it can be sent
      }
    } else {
      forward(content);
      upstream.flush();
    }
  }

  private void aggregate(HttpContent content) {
    ByteBuf buf = content.content();
    if (body.readableBytes() + buf.readableBytes() > context.config().inject().maxBodyBytes()) {
      content.release();
      fail(bodyTooLarge());
      return;
    }
    body.addComponent(true, buf.retain());
    content.release();
    if (requestComplete && upstream != null) {
      sendWithBody();
    }
  }

  ProxyRefusal bodyTooLarge() {
    return new ProxyRefusal(
        ErrorCode.BODY_TOO_LARGE,
        spec.keys().isEmpty() ? null : spec.keys().get(0),
        target.host(),
        "bodies to inject into are limited to "
            + context.config().inject().maxBodyBytes()
            + " bytes (inject.max_body_bytes)");
  }

  private void sendWithBody() {
    byte[] original = ByteBufUtil.getBytes(body);
    body.release();
    body = null;
    try {
      OutboundRequest.Built full =
          OutboundRequest.withBody(request, target, spec, values, original, upstream.alloc());
      upstream.writeAndFlush(full.head()); // encoded at once: this is the channel's event loop
      full.clear();
      requestWritten();
    } catch (ProxyRefusal refusal) {
      fail(refusal);
    } finally {
      Arrays.fill(original, (byte) 0);
      InjectedValues.zero(values);
    }
  }

  private void forward(HttpContent content) {
    upstream.write(content);
    if (content instanceof LastHttpContent) {
      requestWritten();
    }
  }

  private void requestWritten() {
    requestSent = true;
    long seconds = context.config().upstream().responseTimeout().toSeconds();
    responseTimeout =
        client
            .executor()
            .schedule(
                () -> {
                  if (response == null && !done) {
                    fail(UpstreamFailures.timeout(target.host(), seconds));
                  }
                },
                context.config().upstream().responseTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
  }

  /** Step three: the response, streamed to the client as it arrives. Owns {@code msg}. */
  void onUpstreamRead(HttpObject msg) {
    if (done) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse head) {
      if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL
          && head.status().code() != 101) {
        ReferenceCountUtil.release(msg);
        return; // 1xx interim answers end with an empty last content; both are dropped
      }
      if (responseTimeout != null) {
        responseTimeout.cancel(false);
      }
      HttpResponse out;
      try {
        out = clientResponse(head);
      } catch (ProxyRefusal refusal) {
        ReferenceCountUtil.release(msg);
        fail(refusal);
        return;
      }
      response = head;
      client.write(out);
    }
    if (msg instanceof HttpContent content) {
      if (response == null) {
        content.release(); // the empty end of a dropped 1xx
        return;
      }
      boolean last = content instanceof LastHttpContent;
      if (redaction == null) {
        client.write(content);
      } else {
        try {
          client.write(redaction.relay(content, client.alloc()));
        } catch (DecompressionException e) {
          abort(); // part of the response is out: the client can only learn of it by the close
          return;
        }
      }
      if (!client.channel().isWritable()) {
        upstream.config().setAutoRead(false);
      }
      if (last) {
        complete();
      }
    }
  }

  private HttpResponse clientResponse(HttpResponse head) throws ProxyRefusal {
    ResponseFraming framing = ResponseFraming.of(request, head, clientKeepAlive);
    if (!patterns.isEmpty()) {
      redaction =
          ResponseRedaction.start(
              patterns, framing.head().headers(), !framing.bodyless(), target.host());
    }
    HttpResponse out = framing.seal();
    closeDelimited = framing.closeDelimited();
    clientKeepAlive = framing.keepAlive();
    return out;
  }

  void onUpstreamReadComplete() {
    client.flush();
  }

  void onClientWritabilityChanged(boolean writable) {
    if (upstream != null && response != null) {
      upstream.config().setAutoRead(writable);
    }
  }

  void onUpstreamWritabilityChanged(boolean writable) {
    if (!requestComplete && body == null) {
      client.channel().config().setAutoRead(writable);
    }
  }

  void onUpstreamClosed() {
    if (done) {
      return;
    }
    if (response == null) {
      fail(UpstreamFailures.reset(target.host(), target.port()));
    } else if (closeDelimited) {
      client.write(LastHttpContent.EMPTY_LAST_CONTENT);
      complete();
    } else {
      abort(); // the response was cut short: the client must not take it as complete
    }
  }

  void onUpstreamFailure(Throwable cause) {
    if (done) {
      return;
    }
    if (response == null) {
      fail(UpstreamFailures.classify(cause, target.host(), target.port()));
    } else {
      abort();
    }
  }

  /** The client went away: drop the upstream connection, its state is unknown. */
  void onClientClosed() {
    if (!done) {
      dropUpstream(0);
    }
  }

  private void complete() {
    done = true;
    countBytes();
    // Recorded before the last bytes leave, so a client that has its answer finds it in the log.
    int redactions = redactions();
    context
        .audit()
        .accept(
            audit.record(
                response.status().code(),
                redactions > 0 ? Outcome.REDACTED : Outcome.OK,
                redactions));
    closeRedaction();
    client.flush();
    Channel ch = upstream;
    ch.pipeline().get(ProxyToServerHandler.class).unbind();
    ch.config().setAutoRead(true);
    boolean reusable = requestSent && !closeDelimited && HttpUtil.isKeepAlive(response);
    if (reusable) {
      connector.release(ch);
    } else {
      ch.close();
    }
    owner.exchangeDone(clientKeepAlive && requestComplete);
  }

  /** Answers the client with a refusal, if nothing of the response was sent yet. */
  void fail(ProxyRefusal refusal) {
    if (done) {
      return;
    }
    if (response != null) {
      abort();
      return;
    }
    done = true;
    countBytes();
    cleanup();
    if (upstream != null) {
      upstream.pipeline().get(ProxyToServerHandler.class).unbind();
      upstream.close();
    }
    owner.refuse(request, refusal, audit, requestComplete);
  }

  /** Part of the response was sent: the client can only learn of the failure by the close. */
  private void abort() {
    dropUpstream(502);
    client.close();
  }

  /** Ends the exchange mid-way: the upstream connection's state is unknown, so it is closed. */
  private void dropUpstream(int statusWithoutResponse) {
    done = true;
    countBytes();
    cleanup();
    if (upstream != null) {
      upstream.close();
    }
    int status = response == null ? statusWithoutResponse : response.status().code();
    context.audit().accept(audit.record(status, Outcome.UPSTREAM_ERROR, redactions()));
  }

  private void countBytes() {
    if (wire != null) {
      audit.bytesOut = wire.out();
      audit.bytesIn = wire.in();
    }
  }

  private void finishQuietly() {
    done = true;
    cleanup();
  }

  private int redactions() {
    return redaction == null ? 0 : redaction.redactions();
  }

  private void closeRedaction() {
    if (redaction != null) {
      redaction.close();
    }
    patterns.close();
  }

  private void cleanup() {
    InjectedValues.zero(values);
    closeRedaction();
    if (responseTimeout != null) {
      responseTimeout.cancel(false);
    }
    pending.forEach(ReferenceCountUtil::release);
    pending.clear();
    if (body != null) {
      body.release();
      body = null;
    }
  }
}
