package dev.sealgate.inject;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.Injection;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionStyle;
import dev.sealgate.api.ProxyRefusal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestInjectorTest {
  /** Distinctive, so a leak into a message or toString() is easy to spot. */
  private static final String SECRET = "zq9-S3CRET-value";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static InjectionSpec spec(Injection... injections) {
    return new InjectionSpec(List.of(injections), null);
  }

  private static Injection inj(InjectionStyle style, String target, String key) {
    return new Injection(style, target, key);
  }

  private static Map<String, byte[]> values(String... keyValue) {
    java.util.Map<String, byte[]> m = new java.util.HashMap<>();
    for (int i = 0; i < keyValue.length; i += 2) {
      m.put(keyValue[i], keyValue[i + 1].getBytes(UTF_8));
    }
    return m;
  }

  private static String text(InjectedHeader h) {
    return new String(h.value(), UTF_8);
  }

  private static void assertNoValue(ProxyRefusal e, String value) {
    assertThat(e.getMessage()).doesNotContain(value);
    assertThat(String.valueOf(e.hint())).doesNotContain(value);
    assertThat(e.toString()).doesNotContain(value);
  }

  private static ProxyRefusal bodyRefusal(InjectionSpec spec, Map<String, byte[]> v, String body) {
    try {
      RequestInjector.body(spec, v, body.getBytes(UTF_8));
    } catch (ProxyRefusal e) {
      return e;
    }
    throw new AssertionError("expected a refusal for " + body);
  }

  @Test
  void bearerSetsAuthorization() throws Exception {
    List<InjectedHeader> h =
        RequestInjector.headers(spec(inj(InjectionStyle.BEARER, null, "K")), values("K", SECRET));
    assertThat(h).hasSize(1);
    assertThat(h.get(0).name()).isEqualTo("Authorization");
    assertThat(text(h.get(0))).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void basicSetsBase64OfUserColonPassword() throws Exception {
    List<InjectedHeader> h =
        RequestInjector.headers(
            spec(inj(InjectionStyle.BASIC, null, "K")), values("K", "alice:pä ss"));
    assertThat(h.get(0).name()).isEqualTo("Authorization");
    assertThat(text(h.get(0)))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:pä ss".getBytes(UTF_8)));
  }

  @Test
  void headerKeepsItsNameAsWritten() throws Exception {
    List<InjectedHeader> h =
        RequestInjector.headers(
            spec(
                inj(InjectionStyle.HEADER, "x-api-key", "A"),
                inj(InjectionStyle.HEADER, "X-Other-Token", "B"),
                inj(InjectionStyle.QUERY, "q", "A")),
            values("A", "va", "B", "vb"));
    assertThat(h).extracting(InjectedHeader::name).containsExactly("x-api-key", "X-Other-Token");
    assertThat(h).extracting(RequestInjectorTest::text).containsExactly("va", "vb");
  }

  @Test
  void authorizationComesFirstAsDocumented() throws Exception {
    List<InjectedHeader> h =
        RequestInjector.headers(
            spec(
                inj(InjectionStyle.HEADER, "x-api-key", "A"),
                inj(InjectionStyle.BEARER, null, "B")),
            values("A", "va", "B", "vb"));
    assertThat(h).extracting(InjectedHeader::name).containsExactly("Authorization", "x-api-key");
  }

  @Test
  void returnedHeaderValuesAreCopiesTheCallerMayZero() throws Exception {
    Map<String, byte[]> v = values("K", SECRET);
    List<InjectedHeader> h =
        RequestInjector.headers(spec(inj(InjectionStyle.HEADER, "x-k", "K")), v);
    h.get(0).clear();
    assertThat(new String(v.get("K"), UTF_8)).isEqualTo(SECRET);
    assertThat(h.get(0).value()).containsOnly(0);
  }

  @Test
  void injectedHeaderToStringHidesTheValue() throws Exception {
    List<InjectedHeader> h =
        RequestInjector.headers(spec(inj(InjectionStyle.BEARER, null, "K")), values("K", SECRET));
    assertThat(h.get(0).toString()).isEqualTo("Authorization: ██").doesNotContain(SECRET);
    assertThat(h.toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"line\r\nX-Evil: 1", "nul\u0000", "del\u007f", "lf\n"})
  void refusesControlCharactersInHeaderValuesWithoutEchoingThem(String value) {
    for (Injection i :
        List.of(inj(InjectionStyle.BEARER, null, "K"), inj(InjectionStyle.HEADER, "x-k", "K"))) {
      ProxyRefusal e;
      try {
        RequestInjector.headers(spec(i), values("K", SECRET + value));
        throw new AssertionError("expected a refusal");
      } catch (ProxyRefusal r) {
        e = r;
      }
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_INJECTION_HEADER);
      assertThat(e.key()).isEqualTo("K");
      assertThat(e.hint()).contains("sealgate secrets set K");
      assertNoValue(e, SECRET);
    }
  }

  @Test
  void tabIsAllowedInHeaderValues() throws Exception {
    assertThat(
            text(
                RequestInjector.headers(
                        spec(inj(InjectionStyle.HEADER, "x-k", "K")), values("K", "a\tb"))
                    .get(0)))
        .isEqualTo("a\tb");
  }

  @Test
  void queryParameterIsAddedUrlEncodedWithItsNameAsWritten() {
    InjectionSpec s = spec(inj(InjectionStyle.QUERY, "apiKey", "K"));
    assertThat(RequestInjector.changesTarget(s)).isTrue();
    assertThat(RequestInjector.target(s, values("K", "a b&c=d/é+~"), "/v1/x"))
        .isEqualTo("/v1/x?apiKey=a%20b%26c%3Dd%2F%C3%A9%2B~");
    assertThat(RequestInjector.target(s, values("K", "v"), "/v1/x?a=1&b=%20two"))
        .isEqualTo("/v1/x?a=1&b=%20two&apiKey=v");
  }

  @Test
  void queryParameterReplacesEveryAgentCopyButOnlyOfTheSameName() {
    InjectionSpec s = spec(inj(InjectionStyle.QUERY, "key", "K"));
    assertThat(
            RequestInjector.target(s, values("K", "real"), "/p?key=fake&Key=other&k%65y=enc&x=1"))
        .isEqualTo("/p?Key=other&x=1&key=real");
  }

  @Test
  void queryParameterNameIsEncodedToo() {
    InjectionSpec s = spec(inj(InjectionStyle.QUERY, "a b", "K"));
    assertThat(RequestInjector.target(s, values("K", "v"), "/")).isEqualTo("/?a%20b=v");
  }

  @Test
  void noQueryInjectionDoesNotChangeTarget() {
    assertThat(RequestInjector.changesTarget(spec(inj(InjectionStyle.BEARER, null, "K"))))
        .isFalse();
  }

  private static JsonNode json(byte[] body) throws Exception {
    return JSON.readTree(body);
  }

  @Test
  void bodyPointerSetsANestedFieldAsAString() throws Exception {
    byte[] out =
        RequestInjector.body(
            spec(inj(InjectionStyle.BODY, "/auth/token", "K")),
            values("K", "12345"),
            "{\"auth\":{\"token\":\"placeholder\",\"user\":\"bob\"},\"n\":1}".getBytes(UTF_8));
    assertThat(json(out))
        .isEqualTo(JSON.readTree("{\"auth\":{\"token\":\"12345\",\"user\":\"bob\"},\"n\":1}"));
    assertThat(json(out).at("/auth/token").isTextual()).isTrue();
  }

  @Test
  void bodyPointerCreatesMissingMembers() throws Exception {
    byte[] out =
        RequestInjector.body(
            spec(inj(InjectionStyle.BODY, "/a/b/c", "K")),
            values("K", "v"),
            "{\"x\":true}".getBytes(UTF_8));
    assertThat(json(out)).isEqualTo(JSON.readTree("{\"x\":true,\"a\":{\"b\":{\"c\":\"v\"}}}"));
  }

  @Test
  void emptyBodyBecomesAnObject() throws Exception {
    byte[] out =
        RequestInjector.body(
            spec(inj(InjectionStyle.BODY, "/api_key", "K")), values("K", "v"), new byte[0]);
    assertThat(json(out)).isEqualTo(JSON.readTree("{\"api_key\":\"v\"}"));
  }

  @Test
  void bodyPointerHandlesArraysAndEscapes() throws Exception {
    byte[] out =
        RequestInjector.body(
            spec(
                inj(InjectionStyle.BODY, "/items/1/key", "K"),
                inj(InjectionStyle.BODY, "/a~1b~0c", "K")),
            values("K", "v"),
            "{\"items\":[{},{\"key\":null}]}".getBytes(UTF_8));
    assertThat(json(out))
        .isEqualTo(JSON.readTree("{\"items\":[{},{\"key\":\"v\"}],\"a/b~c\":\"v\"}"));
  }

  @Test
  void refusesANonJsonBodyWithAClearErrorAndNoValue() {
    InjectionSpec s = spec(inj(InjectionStyle.BODY, "/token", "K"));
    for (String body : List.of("token=" + SECRET, "\"" + SECRET + "\"", "42", "{\"a\":" + SECRET)) {
      ProxyRefusal e = bodyRefusal(s, values("K", SECRET), body);
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_INJECTION_HEADER);
      assertThat(e.hint()).startsWith("Sealgate-Body: ").contains("JSON");
      assertNoValue(e, SECRET);
    }
  }

  @Test
  void refusesAPointerThatCannotHoldAField() {
    for (String[] c :
        new String[][] {
          {"/a/b", "{\"a\":\"text\"}"},
          {"/items/5", "{\"items\":[1]}"},
          {"/items/-", "{\"items\":[1]}"},
          {"/items/x/y", "{\"items\":[1]}"},
        }) {
      ProxyRefusal e =
          bodyRefusal(spec(inj(InjectionStyle.BODY, c[0], "K")), values("K", SECRET), c[1]);
      assertThat(e.code()).as(c[0]).isEqualTo(ErrorCode.BAD_INJECTION_HEADER);
      assertThat(e.hint()).as(c[0]).contains(c[0]);
      assertNoValue(e, SECRET);
    }
  }

  @Test
  void formFieldIsSetOrReplacedAndTheRestKeptByteForByte() throws Exception {
    InjectionSpec s = spec(inj(InjectionStyle.FORM, "client_secret", "K"));
    assertThat(
            new String(
                RequestInjector.body(
                    s,
                    values("K", "s e+c"),
                    "grant_type=client_credentials&client_secret=PLACEHOLDER&scope=a+b%20c"
                        .getBytes(UTF_8)),
                UTF_8))
        .isEqualTo("grant_type=client_credentials&scope=a+b%20c&client_secret=s%20e%2Bc");
    assertThat(new String(RequestInjector.body(s, values("K", "v"), new byte[0]), UTF_8))
        .isEqualTo("client_secret=v");
  }

  @Test
  void bodyWithoutBodyInjectionsIsReturnedUnchanged() throws Exception {
    byte[] body = "not json at all".getBytes(UTF_8);
    assertThat(
            RequestInjector.body(
                spec(inj(InjectionStyle.BEARER, null, "K")), values("K", "v"), body))
        .isEqualTo(body);
  }
}
