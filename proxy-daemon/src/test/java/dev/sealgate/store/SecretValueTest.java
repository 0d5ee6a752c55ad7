package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretValueTest {
  private static final byte[] PLAIN = "sk_live_abc123".getBytes(StandardCharsets.UTF_8);

  @Test
  void closeZeroesTheBytes() {
    SecretValue v = SecretValue.copyOf(PLAIN);
    byte[] held = v.bytes();
    assertThat(held).isEqualTo(PLAIN);
    v.close();
    assertThat(held).containsOnly((byte) 0).hasSize(PLAIN.length);
  }

  @Test
  void wrapTakesOwnershipAndCloseZeroesTheCallersArray() {
    byte[] mine = PLAIN.clone();
    SecretValue.wrap(mine).close();
    assertThat(mine).containsOnly((byte) 0);
  }

  @Test
  void copyOfAndCopyAreIndependentOfTheSource() {
    byte[] mine = PLAIN.clone();
    SecretValue v = SecretValue.copyOf(mine);
    SecretValue c = v.copy();
    mine[0] = 'X';
    v.close();
    assertThat(c.bytes()).isEqualTo(PLAIN);
    assertThat(c.length()).isEqualTo(PLAIN.length);
  }

  @Test
  void toStringHidesTheValue() {
    SecretValue v = SecretValue.copyOf(PLAIN);
    assertThat(v.toString()).doesNotContain("sk_live").doesNotContain("abc123");
    assertThat(String.valueOf(v)).isEqualTo("SecretValue[██]");
  }
}
