package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class CliEnvironmentTest {
  /** proxy logs prints each record in the local time of its own instant, summer or winter. */
  @Test
  void theRealClocksOffsetIsTheLocalZonesAtEachInstant() {
    TimeZone before = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
      CliEnvironment env = CliEnvironment.system();

      Instant winter = Instant.parse("2026-01-15T12:00:00Z");
      Instant summer = Instant.parse("2026-07-15T12:00:00Z");
      assertThat(env.offsetAt(winter)).isEqualTo(ZoneOffset.ofHours(1));
      assertThat(env.offsetAt(summer)).isEqualTo(ZoneOffset.ofHours(2));
      assertThat(env.clock().getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
