package dev.sealgate.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.audit.AuditLog;
import dev.sealgate.ca.LeafCertificates;
import dev.sealgate.ca.LocalCa;
import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.crypto.UpstreamTls;
import dev.sealgate.pipeline.AddressCache;
import dev.sealgate.pipeline.ControlEndpoint;
import dev.sealgate.pipeline.ProxyContext;
import dev.sealgate.pipeline.ProxyServerInitializer;
import dev.sealgate.store.CachingSecretStore;
import dev.sealgate.store.SecretStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy: binds, serves, and stops in order (stop accepting, let requests in flight
 * finish, flush the audit log, remove the pid file). Start with {@link #start}, stop with {@link
 * #stop} from any thread, or wait for a {@code /_sealgate/stop} with {@link #awaitStop}.
 */
public final class ProxyDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProxyDaemon.class);
  private static final Duration VALUE_CACHE_TTL = Duration.ofSeconds(30);

  private final SealgatePaths paths;
  private final EventLoops loops;
  private final ExecutorService blocking;
  private final AuditLog audit;
  private final CachingSecretStore cache;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Channel server;
  private boolean stopping;

  private ProxyDaemon(
      SealgatePaths paths,
      EventLoops loops,
      ExecutorService blocking,
      AuditLog audit,
      CachingSecretStore cache) {
    this.paths = paths;
    this.loops = loops;
    this.blocking = blocking;
    this.audit = audit;
    this.cache = cache;
  }

  /**
   * Binds {@code config.proxy().listen()} and serves until stopped.
   *
   * @param store the values; the daemon closes it on stop
   * @throws IOException when the token, the CA file or the address cannot be used; the message says
   *     which
   */
  public static ProxyDaemon start(
      SealgatePaths paths, SealgateConfig config, SecretStore store, Clock clock)
      throws IOException {
    byte[] token = ProxyToken.read(paths.tokenFile());
    var tls = UpstreamTls.clientContext(config.upstream().extraCaFile());
    InetSocketAddress listen = ListenAddress.parse(config.proxy().listen());
    CachingSecretStore cache = new CachingSecretStore(store, VALUE_CACHE_TTL, clock);
    IndexWatcher index = new IndexWatcher(paths.indexFile(), cache);
    LeafCertificates leafs =
        new LeafCertificates(LocalCa.loadOrCreate(paths.caDir(), clock), clock);
    AuditLog audit =
        AuditLog.open(paths.auditDir(), config.audit().maxFileBytes(), config.audit().keepFiles());
    ExecutorService blocking =
        Executors.newFixedThreadPool(
            4, new io.netty.util.concurrent.DefaultThreadFactory("sealgate-lookup", true));
    EventLoops loops = EventLoops.create(Math.max(2, Runtime.getRuntime().availableProcessors()));
    ProxyDaemon daemon = new ProxyDaemon(paths, loops, blocking, audit, cache);
    Instant started = clock.instant();
    ProxyServerInitializer[] initializer = new ProxyServerInitializer[1];
    ControlEndpoint control =
        new ControlEndpoint(
            () -> {
              ObjectNode s = JsonNodeFactory.instance.objectNode();
              s.put("pid", ProcessHandle.current().pid());
              s.put("listen", config.proxy().listen());
              s.put("store", store.kind());
              s.put("transport", loops.name());
              s.put("keys", index.size());
              s.put("connections", initializer[0].openConnections());
              s.put("started", started.toString());
              return s;
            },
            () -> new Thread(daemon::stop, "sealgate-stop").start());
    ProxyContext context =
        new ProxyContext(
            config,
            token,
            index,
            cache,
            new AddressCache(clock),
            audit::append,
            blocking,
            tls,
            clock,
            control,
            leafs::serverContext);
    initializer[0] = new ProxyServerInitializer(context, loops.clientChannel());
    try {
      daemon.server =
          new ServerBootstrap()
              .group(loops.group())
              .channel(loops.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(initializer[0])
              .bind(listen)
              .sync()
              .channel();
    } catch (Exception e) {
      daemon.stop();
      throw new IOException(
          "cannot listen on " + config.proxy().listen() + ": " + e.getMessage(), e);
    }
    PidFile.write(paths, daemon.address());
    log.info(
        "sealgate proxy listening on {} (store {}, {})",
        daemon.address(),
        store.kind(),
        loops.name());
    return daemon;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Waits until every audit record appended so far is on disk. */
  public void flushAudit() throws InterruptedException {
    audit.flush();
  }

  /** Stops gracefully; safe to call more than once and from any thread. */
  public synchronized void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (server != null) {
      server.close().awaitUninterruptibly();
    }
    loops.group().shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    blocking.shutdownNow();
    try {
      audit.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // records still queued are lost; say so
      log.warn("stopped before the audit log was fully written");
    }
    cache.close();
    PidFile.removeIfOurs(paths);
    log.info("sealgate proxy stopped");
    stopped.countDown();
  }

  @Override
  public void close() {
    stop();
  }
}
