package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.HostPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which records {@code proxy logs} shows. Every criterion is optional ({@code null}).
 *
 * @param key only records that used this key (exact, case-sensitive)
 * @param host only records to this host: exact, or {@code *.example.com}
 * @param since only records at or after this instant
 */
public record AuditFilter(String key, String host, Instant since) {
  private static final Pattern AGE = Pattern.compile("(\\d{1,9})(s|m|h|d)");

  public boolean test(AuditRecord r) {
    if (key != null && !r.keys().contains(key)) {
      return false;
    }
    if (host != null && !HostPattern.parse(host).matches(r.host())) {
      return false;
    }
    return since == null || !Instant.parse(r.ts()).isBefore(since);
  }

  /** {@code 30s}, {@code 15m}, {@code 1h} or {@code 2d}. */
  public static Duration parseSince(String age) {
    Matcher m = AGE.matcher(age);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected an age such as 30s, 15m, 1h or 2d, or an ISO time such as 2026-12-03T10:00:00Z");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
