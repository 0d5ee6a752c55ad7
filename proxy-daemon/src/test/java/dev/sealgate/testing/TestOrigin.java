package dev.sealgate.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP(S) origin on 127.0.0.1 and port 0, in the spirit of okhttp's MockWebServer: it
 * records every request ({@link #takeRequest}) and answers by path:
 *
 * <ul>
 *   <li>{@code /sse?events=N} — N server-sent events, each sent only after the test calls {@link
 *       #releaseEvent()}, so a test can prove the first arrived before the second was written; with
 *       {@code echo=1} each event also carries the request's {@code Authorization};
 *   <li>{@code /echo} — the request body back, and its {@code Authorization} and target in {@code
 *       X-Echo-Authorization} and {@code X-Echo-Uri}: an upstream that echoes what it was sent.
 *       {@code chunk=N} sends the body in N-byte chunks, each flushed alone; {@code
 *       encoding=gzip|deflate} compresses it; any other {@code encoding} labels it without
 *       compressing;
 *   <li>{@code /bytes?n=N} — N bytes in 64 KiB chunks, honouring backpressure;
 *   <li>{@code /status/NNN} — that status; {@code /redirect} — a 302;
 *   <li>{@code /reset} — closes the connection without answering; {@code /hang} — never answers;
 *   <li>{@code /cookies} — two {@code Set-Cookie} headers; {@code /close} — 200 {@code ok}, then
 *       the connection is closed; anything else — 200 {@code ok}.
 * </ul>
 *
 * <p>Over TLS it also keeps the session of each connection once its handshake is done ({@link
 * #sessions}), so a test can see a client resume one.
 */
public final class TestOrigin implements AutoCloseable {
  public static final int KEEP_BODY_BYTES = 1 << 20;

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
  private final java.util.concurrent.Semaphore events = new java.util.concurrent.Semaphore(0);
  private final AtomicInteger connections = new AtomicInteger();
  private final java.util.List<javax.net.ssl.SSLSession> sessions =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final boolean tls;
  private final Channel server;

  private TestOrigin(SslContext ssl) throws InterruptedException {
    this.tls = ssl != null;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    if (ssl != null) {
                      SslHandler handler = ssl.newHandler(ch.alloc());
                      handler
                          .handshakeFuture()
                          .addListener(
                              f -> {
                                if (f.isSuccess()) {
                                  sessions.add(handler.engine().getSession());
                                }
                              });
                      ch.pipeline().addLast(handler);
                    }
                    ch.pipeline().addLast(new HttpServerCodec(), new Responder());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  public static TestOrigin https(TestCa ca) throws InterruptedException {
    return new TestOrigin(ca.serverContext());
  }

  /** An origin presenting a certificate of the caller's choice. */
  public static TestOrigin https(SslContext ssl) throws InterruptedException {
    return new TestOrigin(ssl);
  }

  public static TestOrigin http() throws InterruptedException {
    return new TestOrigin(null);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** TCP connections accepted so far (pooling shows as fewer connections than requests). */
  public int connections() {
    return connections.get();
  }

  /** The TLS session of each connection, in the order their handshakes completed. */
  public java.util.List<javax.net.ssl.SSLSession> sessions() {
    return java.util.List.copyOf(sessions);
  }

  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest r = requests.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the origin received no request within 10 s");
    }
    return r;
  }

  /** Whether a request reached the origin within {@code millis} (for "refused before sending"). */
  public boolean receivedWithin(long millis) throws InterruptedException {
    return requests.poll(millis, TimeUnit.MILLISECONDS) != null;
  }

  /** Every request recorded and not yet taken. */
  public java.util.List<RecordedRequest> drain() {
    java.util.List<RecordedRequest> all = new java.util.ArrayList<>();
    requests.drainTo(all);
    return all;
  }

  /** Lets the {@code /sse} handler write its next event. */
  public void releaseEvent() {
    events.release();
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private final class Responder extends SimpleChannelInboundHandler<HttpObject> {
    private HttpRequest head;
    private ByteArrayOutputStream body;
    private long length;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest r) {
        head = r;
        body = new ByteArrayOutputStream();
        length = 0;
      }
      if (msg instanceof HttpContent c) {
        ByteBuf b = c.content();
        length += b.readableBytes();
        int keep = (int) Math.min(b.readableBytes(), Math.max(0, KEEP_BODY_BYTES - body.size()));
        byte[] bytes = new byte[keep];
        b.getBytes(b.readerIndex(), bytes);
        body.writeBytes(bytes);
        if (c instanceof LastHttpContent) {
          HttpHeaders copy = new DefaultHttpHeaders().add(head.headers());
          requests.add(
              new RecordedRequest(
                  head.method().name(), head.uri(), copy, body.toByteArray(), length, tls));
          respond(ctx, head);
        }
      }
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request) {
      QueryStringDecoder q = new QueryStringDecoder(request.uri());
      String path = q.path();
      if (path.equals("/reset")) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
      } else if (path.equals("/hang")) {
        return;
      } else if (path.equals("/echo")) {
        echo(ctx, request, q);
      } else if (path.equals("/sse")) {
        int n =
            Integer.parseInt(q.parameters().getOrDefault("events", java.util.List.of("3")).get(0));
        String echoed =
            q.parameters().containsKey("echo")
                ? " " + request.headers().get(HttpHeaderNames.AUTHORIZATION)
                : "";
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        HttpUtil.setTransferEncodingChunked(r, true);
        ctx.writeAndFlush(r);
        Thread writer =
            new Thread(
                () -> {
                  try {
                    for (int i = 1; i <= n; i++) {
                      if (!events.tryAcquire(20, TimeUnit.SECONDS)) {
                        break;
                      }
                      String event = "id: " + i + "\ndata: event " + i + echoed + "\n\n";
                      ctx.writeAndFlush(
                          new DefaultHttpContent(
                              Unpooled.copiedBuffer(event, StandardCharsets.UTF_8)));
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                },
                "origin-sse");
        writer.setDaemon(true);
        writer.start();
      } else if (path.equals("/bytes")) {
        long n = Long.parseLong(q.parameters().get("n").get(0));
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        HttpUtil.setContentLength(r, n);
        ctx.write(r);
        new ByteStreamer(ctx, n).run();
      } else if (path.startsWith("/status/")) {
        send(ctx, HttpResponseStatus.valueOf(Integer.parseInt(path.substring(8))), "status");
      } else if (path.equals("/redirect")) {
        FullHttpResponse r = full(HttpResponseStatus.FOUND, "moved");
        r.headers().set(HttpHeaderNames.LOCATION, "https://elsewhere.invalid/");
        ctx.writeAndFlush(r);
      } else if (path.equals("/cookies")) {
        FullHttpResponse r = full(HttpResponseStatus.OK, "ok");
        r.headers().add(HttpHeaderNames.SET_COOKIE, "a=1; Path=/");
        r.headers().add(HttpHeaderNames.SET_COOKIE, "b=2; Path=/");
        r.headers().add("X-Multi", "one");
        r.headers().add("X-Multi", "two");
        r.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, X-Hop");
        r.headers().set("X-Hop", "must not reach the client");
        ctx.writeAndFlush(r);
      } else if (path.equals("/close")) {
        FullHttpResponse r = full(HttpResponseStatus.OK, "ok");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      } else {
        send(ctx, HttpResponseStatus.OK, "ok");
      }
    }

    private void echo(ChannelHandlerContext ctx, HttpRequest request, QueryStringDecoder q) {
      byte[] content = body.toByteArray();
      String encoding = q.parameters().getOrDefault("encoding", java.util.List.of("")).get(0);
      content = compress(content, encoding);
      HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
      r.headers().set("X-Echo-Uri", request.uri());
      if (request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
        r.headers()
            .set("X-Echo-Authorization", request.headers().get(HttpHeaderNames.AUTHORIZATION));
      }
      if (!encoding.isEmpty()) {
        r.headers().set(HttpHeaderNames.CONTENT_ENCODING, encoding);
      }
      if (!q.parameters().containsKey("chunk")) {
        HttpUtil.setContentLength(r, content.length);
        ctx.write(r);
        ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(content)));
        return;
      }
      int chunk = Integer.parseInt(q.parameters().get("chunk").get(0));
      HttpUtil.setTransferEncodingChunked(r, true);
      ctx.writeAndFlush(r);
      for (int at = 0; at < content.length; at += chunk) {
        int n = Math.min(chunk, content.length - at);
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(content, at, n)));
      }
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static byte[] compress(byte[] content, String encoding) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.io.OutputStream z =
          switch (encoding) {
            case "gzip" -> new java.util.zip.GZIPOutputStream(out);
            case "deflate" -> new java.util.zip.DeflaterOutputStream(out);
            default -> null;
          }) {
        if (z == null) {
          return content;
        }
        z.write(content);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    private FullHttpResponse full(HttpResponseStatus status, String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      FullHttpResponse r =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
      HttpUtil.setContentLength(r, b.length);
      return r;
    }

    private void send(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
      ctx.writeAndFlush(full(status, text));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Writes {@code remaining} bytes, pausing whenever the socket buffer is full. */
  private static final class ByteStreamer implements Runnable {
    private static final int CHUNK = 64 * 1024;
    private final ChannelHandlerContext ctx;
    private long remaining;

    ByteStreamer(ChannelHandlerContext ctx, long n) {
      this.ctx = ctx;
      this.remaining = n;
    }

    /** Writes while the socket takes it, then continues once the last write has drained. */
    @Override
    public void run() {
      ChannelFuture last = null;
      do {
        int n = (int) Math.min(CHUNK, remaining);
        ByteBuf b = ctx.alloc().buffer(n);
        b.writerIndex(n); // contents do not matter, only that they stream
        remaining -= n;
        last = ctx.write(new DefaultHttpContent(b));
      } while (remaining > 0 && ctx.channel().isWritable());
      if (remaining == 0) {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        return;
      }
      ctx.flush();
      last.addListener(
          (ChannelFutureListener)
              f -> {
                if (f.isSuccess()) {
                  run();
                }
              });
    }
  }
}
