package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The human line of {@code proxy logs}: {@code 14:23:01 GET api.stripe.com/v1/balance STRIPE_KEY
 * 200 245ms}.
 */
public final class AuditLineFormat {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private AuditLineFormat() {}

  /** The line, its time in local time: {@code localOffset} says the offset at an instant. */
  public static String format(AuditRecord r, Function<Instant, ZoneOffset> localOffset) {
    StringBuilder b = new StringBuilder(96);
    Instant ts = Instant.parse(r.ts());
    b.append(TIME.format(ts.atOffset(localOffset.apply(ts)))).append(' ');
    b.append(r.method()).append(' ');
    b.append(r.host());
    boolean defaultPort = r.port() == ("http".equals(r.scheme()) ? 80 : 443);
    if (!defaultPort) {
      b.append(':').append(r.port());
    }
    b.append(r.path()).append(' ');
    b.append(r.keys().isEmpty() ? "-" : String.join(",", r.keys())).append(' ');
    b.append(r.status()).append(' ');
    b.append(r.durationMs()).append("ms");
    if (r.outcome() == Outcome.REDACTED) {
      b.append(" redacted(").append(r.redactions()).append(')');
    } else if (r.outcome() != Outcome.OK) {
      b.append(' ').append(r.outcome().wireName());
    }
    return b.toString();
  }

  /** The record as the one JSON line it is stored as (without {@code prev} recomputed). */
  public static String json(AuditRecord r) {
    return AuditJson.toText(r);
  }
}
