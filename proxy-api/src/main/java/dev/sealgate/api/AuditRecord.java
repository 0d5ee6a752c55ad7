package dev.sealgate.api;

import java.util.List;

/**
 * One line of the audit log (SPEC §3), its components in the line's field order (the wire names are
 * snake_case: {@code bytes_out}, {@code bytes_in}, {@code duration_ms}). Every field is a name, a
 * number or a hash: there is deliberately no field that could hold a secret value, a header, a
 * query string or a body.
 *
 * @param ts when the request arrived, ISO-8601 UTC with milliseconds
 * @param id a ULID, unique per request
 * @param client the caller's address and port
 * @param path the request path, never its query string
 * @param keys the key names used (empty for a plain forward)
 * @param styles the injection styles used, e.g. {@code bearer}
 * @param status the HTTP status the agent saw (the proxy's own for a refusal)
 * @param prev SHA-256 (hex) over the previous line's bytes, or 64 zeros for the first record
 */
public record AuditRecord(
    String ts,
    String id,
    String client,
    String method,
    String scheme,
    String host,
    int port,
    String path,
    List<String> keys,
    List<String> styles,
    int status,
    Outcome outcome,
    int redactions,
    long bytesOut,
    long bytesIn,
    long durationMs,
    String prev) {

  public AuditRecord {
    keys = List.copyOf(keys);
    styles = List.copyOf(styles);
  }

  /** The same record chained to {@code prevHash}. */
  public AuditRecord withPrev(String prevHash) {
    return new AuditRecord(
        ts,
        id,
        client,
        method,
        scheme,
        host,
        port,
        path,
        keys,
        styles,
        status,
        outcome,
        redactions,
        bytesOut,
        bytesIn,
        durationMs,
        prevHash);
  }
}
