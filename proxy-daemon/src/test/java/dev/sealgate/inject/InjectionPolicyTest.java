package dev.sealgate.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.HostPattern;
import dev.sealgate.api.Injection;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionStyle;
import dev.sealgate.api.ProxyRefusal;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectionPolicyTest {
  private static final KeyGrant STRIPE = grant("STRIPE_KEY", "api.stripe.com");
  private static final KeyGrant WILD = grant("WILD_KEY", "*.example.com");
  private static final KeyGrant LOCAL = grant("LOCAL_KEY", "localhost", "10.0.0.5");
  private static final KeyGrant ANY = new KeyGrant("ANY_KEY", List.of(), true);
  private static final Map<String, KeyGrant> STORE =
      Map.of("STRIPE_KEY", STRIPE, "WILD_KEY", WILD, "LOCAL_KEY", LOCAL, "ANY_KEY", ANY);

  private static KeyGrant grant(String key, String... hosts) {
    return new KeyGrant(key, Arrays.stream(hosts).map(HostPattern::parse).toList(), false);
  }

  private static InjectionSpec spec(String... keys) {
    return new InjectionSpec(
        Arrays.stream(keys).map(k -> new Injection(InjectionStyle.BEARER, null, k)).toList(), null);
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal); // literals only: no lookup
  }

  private static ProxyRefusal refusal(ThrowingRunnable r) {
    try {
      r.run();
    } catch (ProxyRefusal e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a refusal");
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void returnsGrantsInKeyOrderWhenEveryKeyAllowsTheHost() throws Exception {
    assertThat(InjectionPolicy.checkKeys(spec("STRIPE_KEY"), "api.stripe.com", STORE::get))
        .containsExactly(STRIPE);
    assertThat(InjectionPolicy.checkKeys(spec("WILD_KEY", "ANY_KEY"), "a.example.com", STORE::get))
        .containsExactly(WILD, ANY);
  }

  @Test
  void refusesUnknownKeyWithAHintToSetIt() {
    ProxyRefusal e =
        refusal(() -> InjectionPolicy.checkKeys(spec("NOPE"), "api.stripe.com", STORE::get));
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
    assertThat(e.code().status()).isEqualTo(404);
    assertThat(e.key()).isEqualTo("NOPE");
    assertThat(e.host()).isEqualTo("api.stripe.com");
    assertThat(e.hint()).isEqualTo("sealgate secrets set NOPE --host api.stripe.com");
  }

  @Test
  void refusesKeyForHostOutsideAllowlistWithAHintToAllowIt() {
    ProxyRefusal e =
        refusal(() -> InjectionPolicy.checkKeys(spec("STRIPE_KEY"), "evil.example", STORE::get));
    assertThat(e.code()).isEqualTo(ErrorCode.HOST_NOT_ALLOWED);
    assertThat(e.code().status()).isEqualTo(403);
    assertThat(e.key()).isEqualTo("STRIPE_KEY");
    assertThat(e.host()).isEqualTo("evil.example");
    assertThat(e.hint()).isEqualTo("sealgate secrets allow STRIPE_KEY evil.example");
    assertThat(e.getMessage()).isEqualTo("host_not_allowed key=STRIPE_KEY host=evil.example");
  }

  @Test
  void oneDisallowedKeyRefusesTheWholeRequest() {
    ProxyRefusal e =
        refusal(
            () ->
                InjectionPolicy.checkKeys(
                    spec("ANY_KEY", "WILD_KEY"), "api.stripe.com", STORE::get));
    assertThat(e.key()).isEqualTo("WILD_KEY");
  }

  @Test
  void wildcardDoesNotCoverTheApexOrLookalikes() {
    for (String host : List.of("example.com", "badexample.com", "a.example.com.evil.io")) {
      assertThat(
              refusal(() -> InjectionPolicy.checkKeys(spec("WILD_KEY"), host, STORE::get)).code())
          .as(host)
          .isEqualTo(ErrorCode.HOST_NOT_ALLOWED);
    }
  }

  @Test
  void publicAddressPassesForAnyGrant() {
    assertThatCode(
            () ->
                InjectionPolicy.checkAddress(
                    "api.stripe.com", ip("8.8.8.8"), List.of(STRIPE, WILD, ANY)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                InjectionPolicy.checkAddress("a.example.com", ip("2606:4700::1111"), List.of(WILD)))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesPrivateAddressUnlessTheHostIsNamedExactly() throws Exception {
    ProxyRefusal e =
        refusal(() -> InjectionPolicy.checkAddress("a.example.com", ip("10.1.2.3"), List.of(WILD)));
    assertThat(e.code()).isEqualTo(ErrorCode.PRIVATE_ADDRESS);
    assertThat(e.key()).isEqualTo("WILD_KEY");
    assertThat(e.host()).isEqualTo("a.example.com");
    assertThat(e.hint()).contains("sealgate secrets allow WILD_KEY a.example.com");

    // --any-host is not "naming the host"
    assertThat(
            refusal(() -> InjectionPolicy.checkAddress("x.internal", ip("127.0.0.1"), List.of(ANY)))
                .code())
        .isEqualTo(ErrorCode.PRIVATE_ADDRESS);

    // the IPv4-mapped form of a private address is private too
    assertThat(
            refusal(
                    () ->
                        InjectionPolicy.checkAddress(
                            "a.example.com", ip("::ffff:192.168.0.1"), List.of(WILD)))
                .code())
        .isEqualTo(ErrorCode.PRIVATE_ADDRESS);

    assertThatCode(() -> InjectionPolicy.checkAddress("localhost", ip("127.0.0.1"), List.of(LOCAL)))
        .doesNotThrowAnyException();
    assertThatCode(() -> InjectionPolicy.checkAddress("10.0.0.5", ip("10.0.0.5"), List.of(LOCAL)))
        .doesNotThrowAnyException();
    assertThatCode(() -> InjectionPolicy.checkAddress("LOCALHOST.", ip("::1"), List.of(LOCAL)))
        .doesNotThrowAnyException();
  }

  @Test
  void everyKeyMustNameAPrivateHost() {
    KeyGrant alsoAny = new KeyGrant("BOTH", List.of(HostPattern.parse("localhost")), true);
    assertThatCode(
            () -> InjectionPolicy.checkAddress("localhost", ip("127.0.0.1"), List.of(alsoAny)))
        .doesNotThrowAnyException();
    ProxyRefusal e =
        refusal(
            () -> InjectionPolicy.checkAddress("localhost", ip("127.0.0.1"), List.of(LOCAL, ANY)));
    assertThat(e.key()).isEqualTo("ANY_KEY");
  }

  @Test
  void metadataIsRefusedEvenWhenNamedExactly() {
    KeyGrant meta =
        grant("META", "169.254.169.254", "100.100.100.200", "fd00:ec2::254", "metadata.internal");
    for (String[] hostAndIp :
        new String[][] {
          {"169.254.169.254", "169.254.169.254"},
          {"100.100.100.200", "100.100.100.200"},
          {"fd00:ec2::254", "fd00:ec2::254"},
          {"metadata.internal", "::ffff:169.254.169.254"},
        }) {
      ProxyRefusal e =
          refusal(
              () -> InjectionPolicy.checkAddress(hostAndIp[0], ip(hostAndIp[1]), List.of(meta)));
      assertThat(e.code()).as(hostAndIp[1]).isEqualTo(ErrorCode.PRIVATE_ADDRESS);
      assertThat(e.hint()).contains("metadata");
    }
  }

  @Test
  void keyGrantMatching() {
    assertThat(LOCAL.allows("LocalHost")).isTrue();
    assertThat(LOCAL.allows("10.0.0.6")).isFalse();
    assertThat(ANY.allows("anything.at.all")).isTrue();
    assertThat(ANY.namesExactly("anything.at.all")).isFalse();
    assertThat(WILD.namesExactly("a.example.com")).isFalse();
    assertThat(STRIPE.namesExactly("API.STRIPE.COM")).isTrue();
  }

  @Test
  void refusalsAreNotUpstreamFaults() {
    assertThat(ErrorCode.PRIVATE_ADDRESS.isUpstreamFault()).isFalse();
    assertThat(ErrorCode.HOST_NOT_ALLOWED.wireName()).isEqualTo("host_not_allowed");
    assertThat(ErrorCode.UPSTREAM_TIMEOUT.isUpstreamFault()).isTrue();
    assertThatThrownBy(() -> new ProxyRefusal(null, "K", "h", null))
        .isInstanceOf(NullPointerException.class);
  }
}
