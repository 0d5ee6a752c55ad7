package dev.sealgate.pipeline;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.config.SealgateConfig;
import dev.sealgate.inject.KeyGrants;
import dev.sealgate.store.CachingSecretStore;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the pipeline needs from the daemon, handed in once at start. Shared by every channel.
 *
 * @param token the proxy token text as ASCII bytes
 * @param grants the keys' allowlists. Called on the event loop, so it must not block (the daemon
 *     serves it from the in-memory index)
 * @param store the values: {@code get} only from {@code blocking}, {@code cached} from anywhere
 * @param addresses upstream addresses resolved a moment ago: {@code resolve} only from {@code
 *     blocking}, {@code known} from anywhere
 * @param audit receives one record per request; must not block
 * @param blocking runs DNS lookups and store reads off the event loop
 * @param control answers {@code /_sealgate/} requests
 * @param interceptTls the server TLS context presenting a local-CA leaf for a host, for intercepted
 *     CONNECTs; called only from {@code blocking} (issuing a leaf takes milliseconds)
 */
public record ProxyContext(
    SealgateConfig config,
    byte[] token,
    KeyGrants grants,
    CachingSecretStore store,
    AddressCache addresses,
    Consumer<AuditRecord> audit,
    Executor blocking,
    SslContext upstreamTls,
    Clock clock,
    ControlEndpoint control,
    Function<String, SslContext> interceptTls) {}
