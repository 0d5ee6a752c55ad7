package dev.sealgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFilterTest {
  private static AuditRecord r(String ts, String host, String... keys) {
    return new AuditRecord(
        ts,
        "01JEXAMPLE0000000000000000",
        "127.0.0.1:1",
        "GET",
        "https",
        host,
        443,
        "/",
        List.of(keys),
        List.of(),
        200,
        Outcome.OK,
        0,
        0,
        0,
        1,
        null);
  }

  private static final AuditRecord STRIPE =
      r("2026-12-03T10:00:00.000Z", "api.stripe.com", "STRIPE_KEY");
  private static final AuditRecord GITHUB =
      r("2026-12-03T11:00:00.000Z", "api.github.com", "GH_TOKEN", "OTHER");
  private static final AuditRecord PLAIN = r("2026-12-03T12:00:00.000Z", "stripe.com");

  @Test
  void noCriteriaAcceptsEverything() {
    AuditFilter f = new AuditFilter(null, null, null);
    assertThat(List.of(STRIPE, GITHUB, PLAIN)).allMatch(f::test);
  }

  @Test
  void byKeyExactAndCaseSensitive() {
    assertThat(new AuditFilter("STRIPE_KEY", null, null).test(STRIPE)).isTrue();
    assertThat(new AuditFilter("STRIPE_KEY", null, null).test(GITHUB)).isFalse();
    assertThat(new AuditFilter("STRIPE_KEY", null, null).test(PLAIN)).isFalse();
    assertThat(new AuditFilter("OTHER", null, null).test(GITHUB)).isTrue();
    assertThat(new AuditFilter("stripe_key", null, null).test(STRIPE)).isFalse();
    assertThat(new AuditFilter("STRIPE", null, null).test(STRIPE)).isFalse();
  }

  @Test
  void byExactHost() {
    AuditFilter f = new AuditFilter(null, "api.stripe.com", null);
    assertThat(f.test(STRIPE)).isTrue();
    assertThat(f.test(GITHUB)).isFalse();
    assertThat(f.test(PLAIN)).isFalse();
    assertThat(new AuditFilter(null, "API.Stripe.com", null).test(STRIPE)).isTrue();
  }

  @Test
  void byWildcardHostMatchesSubdomainsOnly() {
    AuditFilter f = new AuditFilter(null, "*.stripe.com", null);
    assertThat(f.test(STRIPE)).isTrue();
    assertThat(f.test(PLAIN)).isFalse();
    assertThat(f.test(GITHUB)).isFalse();
    assertThat(f.test(r("2026-12-03T10:00:00.000Z", "evilstripe.com"))).isFalse();
  }

  @Test
  void sinceIsInclusive() {
    AuditFilter f = new AuditFilter(null, null, Instant.parse("2026-12-03T11:00:00Z"));
    assertThat(f.test(STRIPE)).isFalse();
    assertThat(f.test(GITHUB)).isTrue();
    assertThat(f.test(PLAIN)).isTrue();
  }

  @Test
  void criteriaCombine() {
    AuditFilter f =
        new AuditFilter("STRIPE_KEY", "*.stripe.com", Instant.parse("2026-12-03T10:30:00Z"));
    assertThat(f.test(STRIPE)).isFalse();
    assertThat(
            new AuditFilter("STRIPE_KEY", "*.stripe.com", Instant.parse("2026-12-03T10:00:00Z"))
                .test(STRIPE))
        .isTrue();
  }

  @Test
  void parseSinceAcceptsSecondsMinutesHoursDays() {
    assertThat(AuditFilter.parseSince("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(AuditFilter.parseSince("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(AuditFilter.parseSince("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(AuditFilter.parseSince("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(AuditFilter.parseSince("0s")).isEqualTo(Duration.ZERO);
    assertThat(AuditFilter.parseSince("999999999d")).isEqualTo(Duration.ofDays(999_999_999));
  }

  @Test
  void parseSinceRejectsOtherForms() {
    for (String age :
        List.of(
            "",
            "h",
            "1",
            "1w",
            "-1h",
            "1.5h",
            "1H",
            " 1h",
            "1h ",
            "1h30m",
            "1234567890s",
            "2026-12-03T10:00:00Z")) {
      assertThatThrownBy(() -> AuditFilter.parseSince(age))
          .as("'%s'", age)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("30s, 15m, 1h or 2d");
    }
  }
}
