package dev.sealgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The whole configuration of SPEC §5, already validated. Defaults are {@link #defaults()}. */
public record SealgateConfig(
    Proxy proxy, Upstream upstream, Inject inject, Store store, Audit audit, Sync sync) {

  /** How the proxy listens and whom it serves. */
  public record Proxy(
      String listen,
      boolean requireToken,
      int maxConnections,
      Duration idleTimeout,
      int maxHeaderBytes) {}

  /** How the proxy talks to origins. */
  public record Upstream(
      Duration connectTimeout,
      Duration responseTimeout,
      Path extraCaFile,
      List<String> plaintextUpstreams) {
    public Upstream {
      plaintextUpstreams = List.copyOf(plaintextUpstreams);
    }
  }

  /** Limits of injection into bodies. */
  public record Inject(long maxBodyBytes) {}

  /** Which secret store to use. */
  public record Store(StoreBackend backend) {}

  /** Audit log rotation. */
  public record Audit(long maxFileBytes, int keepFiles) {}

  /** Team sync; {@code relay == null} means sync is off. */
  public record Sync(String relay, Duration interval, String workspace, String project) {}

  public static SealgateConfig defaults() {
    return new SealgateConfig(
        new Proxy("127.0.0.1:8765", true, 4096, Duration.ofSeconds(60), 65536),
        new Upstream(Duration.ofSeconds(10), Duration.ofSeconds(120), null, List.of()),
        new Inject(1_048_576),
        new Store(StoreBackend.AUTO),
        new Audit(10_485_760, 10),
        new Sync(null, Duration.ofSeconds(60), null, null));
  }

  /** This configuration with another listen address ({@code --listen} beats file and env). */
  public SealgateConfig withListen(String listen) {
    return new SealgateConfig(
        new Proxy(
            listen,
            proxy.requireToken(),
            proxy.maxConnections(),
            proxy.idleTimeout(),
            proxy.maxHeaderBytes()),
        upstream,
        inject,
        store,
        audit,
        sync);
  }
}
