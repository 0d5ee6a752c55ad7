package dev.sealgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  private static final String CROCKFORD = "[0-9A-HJKMNP-TV-Z]{26}";
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private static long decodeTime(String id) {
    long t = 0;
    for (int i = 0; i < 10; i++) {
      t = t * 32 + ALPHABET.indexOf(id.charAt(i));
    }
    return t;
  }

  @Test
  void idsAre26CrockfordCharactersStartingWithTheCurrentTime() {
    long before = System.currentTimeMillis();
    String id = RequestIds.next();
    long after = System.currentTimeMillis();
    assertThat(id).hasSize(26).matches(CROCKFORD);
    assertThat(decodeTime(id)).isBetween(before, after + 1);
  }

  @Test
  void tenThousandIdsAreStrictlyIncreasingAndUnique() {
    String previous = RequestIds.next();
    Set<String> seen = new HashSet<>();
    seen.add(previous);
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.next();
      assertThat(id).matches(CROCKFORD);
      assertThat(id.compareTo(previous)).as("%s after %s", id, previous).isPositive();
      assertThat(seen.add(id)).isTrue();
      previous = id;
    }
  }

  @Test
  void encodingMatchesTheUlidLayout() {
    assertThat(RequestIds.encode(0, 0, 0)).isEqualTo("0".repeat(26));
    // The ULID spec's example: seed time 1469918176385 gives 01ARYZ6S41TSV4RRFFQ69G5FAV.
    assertThat(RequestIds.encode(1469918176385L, 0, 0)).startsWith("01ARYZ6S41");
    assertThat(RequestIds.encode(0, 0xFFFF, -1L)).isEqualTo("0".repeat(10) + "Z".repeat(16));
    assertThat(RequestIds.encode(0, 0, 1)).isEqualTo("0".repeat(25) + "1");
    // Bit 64 of the random part is bit 4 of the 13th random character from the right.
    assertThat(RequestIds.encode(0, 1, 0)).isEqualTo("0".repeat(13) + "G" + "0".repeat(12));
    assertThat(RequestIds.encode((1L << 48) - 1, 0, 0)).startsWith("7ZZZZZZZZZ");
  }
}
