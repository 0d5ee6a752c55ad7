package dev.sealgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPatternTest {
  @Test
  void exactPatternMatchesOnlyThatHostIgnoringCaseAndTrailingDot() {
    HostPattern p = HostPattern.parse("api.stripe.com");
    assertThat(p.isExact()).isTrue();
    assertThat(p.matches("API.Stripe.com")).isTrue();
    assertThat(p.matches("api.stripe.com.")).isTrue();
    assertThat(p.matches("evil.api.stripe.com")).isFalse();
    assertThat(p.matches("api.stripe.com.evil.example")).isFalse();
  }

  @Test
  void wildcardMatchesSubdomainsButNotTheApex() {
    HostPattern p = HostPattern.parse("*.example.com");
    assertThat(p.isExact()).isFalse();
    assertThat(p.matches("a.example.com")).isTrue();
    assertThat(p.matches("a.b.example.com")).isTrue();
    assertThat(p.matches("example.com")).isFalse();
    assertThat(p.matches("badexample.com")).isFalse();
  }

  @Test
  void acceptsAddressLiterals() {
    assertThat(HostPattern.parse("127.0.0.1").matches("127.0.0.1")).isTrue();
    assertThat(HostPattern.parse("::1").matches("::1")).isTrue();
  }

  @Test
  void rejectsMalformedPatternsWithAHint() {
    for (String bad :
        new String[] {"*", "*.", "a.*.com", "http://x.com", "a b.com", "", "x..com"}) {
      assertThatThrownBy(() -> HostPattern.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("api.example.com");
    }
  }

  @Test
  void validHostsAreLabelsOfUpTo63LettersDigitsUnderscoresAndInnerHyphens() {
    String label63 = "a".repeat(63);
    for (String good :
        new String[] {
          "a",
          "API.Example.COM",
          "x-1.example.com",
          "_dmarc.example.com",
          "example.com.",
          label63 + ".com",
          "1.2.3.4",
          "::1",
          "fe80::1",
          "::ffff:127.0.0.1"
        }) {
      assertThat(HostPattern.isValidHost(good)).as(good).isTrue();
    }
    for (String bad :
        new String[] {
          "",
          ".",
          ".example.com",
          "example..com",
          "-x.example.com",
          "x-.example.com",
          label63 + "a.com",
          "ex ample.com",
          "exa%mple.com",
          "bücher.example",
          "fe80::1%eth0",
          "[::1]",
          "a".repeat(254)
        }) {
      assertThat(HostPattern.isValidHost(bad)).as(bad).isFalse();
    }
  }
}
