package dev.sealgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InjectionSpecParserTest {

  private static List<Map.Entry<String, String>> headers(String... nameValue) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      out.add(Map.entry(nameValue[i], nameValue[i + 1]));
    }
    return out;
  }

  private static InjectionSpec parse(String... nameValue) throws BadInjectionHeaderException {
    return InjectionSpecParser.parse(headers(nameValue));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Sealgate-Bearer | STRIPE_KEY            | BEARER |            | STRIPE_KEY",
        "Sealgate-Basic  | jira.creds            | BASIC  |            | jira.creds",
        "Sealgate-Header | x-api-key=OPENAI_KEY   | HEADER | x-api-key  | OPENAI_KEY",
        "Sealgate-Query  | apiKey=MAPS-KEY       | QUERY  | apiKey     | MAPS-KEY",
        "Sealgate-Body   | /auth/token=Tok_1     | BODY   | /auth/token| Tok_1",
        "Sealgate-Form   | client_secret=GH      | FORM   | client_secret | GH",
      })
  void parsesEachStyle(String header, String value, InjectionStyle style, String target, String key)
      throws Exception {
    InjectionSpec spec = parse(header, value);
    assertThat(spec.injections()).containsExactly(new Injection(style, target, key));
    assertThat(spec.target()).isNull();
    assertThat(spec.keys()).containsExactly(key);
    assertThat(spec.styles()).containsExactly(style.wireName());
  }

  @ParameterizedTest
  @CsvSource({"sealgate-bearer", "SEALGATE-BEARER", "SeAlGaTe-BeArEr"})
  void matchesHeaderNamesIgnoringCase(String name) throws Exception {
    assertThat(parse(name, "K").injections())
        .containsExactly(new Injection(InjectionStyle.BEARER, null, "K"));
  }

  @Test
  void keepsTheCaseOfKeyNamesAndTargets() throws Exception {
    InjectionSpec spec =
        parse("sealgate-header", "X-Api-Key=MixedCase_Key", "SEALGATE-QUERY", "ApiKey=lower");
    assertThat(spec.injections())
        .containsExactly(
            new Injection(InjectionStyle.HEADER, "X-Api-Key", "MixedCase_Key"),
            new Injection(InjectionStyle.QUERY, "ApiKey", "lower"));
  }

  @Test
  void acceptsACommaSeparatedListAndRepeatedHeadersInOrder() throws Exception {
    InjectionSpec spec =
        parse(
            "Sealgate-Header", "a=K1, b = K2 ,c=K1",
            "Sealgate-Query", "p=K3",
            "Sealgate-Header", "d=K4");
    assertThat(spec.injections())
        .containsExactly(
            new Injection(InjectionStyle.HEADER, "a", "K1"),
            new Injection(InjectionStyle.HEADER, "b", "K2"),
            new Injection(InjectionStyle.HEADER, "c", "K1"),
            new Injection(InjectionStyle.QUERY, "p", "K3"),
            new Injection(InjectionStyle.HEADER, "d", "K4"));
    assertThat(spec.keys()).containsExactly("K1", "K2", "K3", "K4");
    assertThat(spec.styles()).containsExactly("header", "query");
    assertThat(spec.needsBody()).isFalse();
  }

  @Test
  void bodyPointerMayContainCommasAndEquals() throws Exception {
    InjectionSpec spec = parse("Sealgate-Body", "/a,b/c=d=K");
    assertThat(spec.injections())
        .containsExactly(new Injection(InjectionStyle.BODY, "/a,b/c=d", "K"));
    assertThat(spec.needsBody()).isTrue();
  }

  @Test
  void acceptsPointerEscapes() throws Exception {
    assertThat(parse("Sealgate-Body", "/a~1b/~0c=K").injections())
        .containsExactly(new Injection(InjectionStyle.BODY, "/a~1b/~0c", "K"));
  }

  @Test
  void ignoresNonSealgateHeadersAndTheToken() throws Exception {
    InjectionSpec spec =
        parse(
            "Authorization", "Bearer agent-own",
            "X-Sealgate-Bearer", "K",
            "Content-Type", "application/json",
            "Sealgate-Token", "not-a-key-name!!");
    assertThat(spec).isSameAs(InjectionSpec.NONE);
    assertThat(spec.isEmpty()).isTrue();
  }

  @Test
  void recognisesSealgateHeadersForStripping() {
    assertThat(InjectionSpecParser.isSealgateHeader("sealgate-anything")).isTrue();
    assertThat(InjectionSpecParser.isSealgateHeader("SEALGATE-TOKEN")).isTrue();
    assertThat(InjectionSpecParser.isSealgateHeader("X-Sealgate-Bearer")).isFalse();
    assertThat(InjectionSpecParser.isSealgateHeader("Sealgate")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://api.example.com       | https | api.example.com | 443",
        "https://API.Example.com/      | https | api.example.com | 443",
        "http://localhost:8080         | http  | localhost       | 8080",
        "HTTPS://[2606:4700::1111]:8443 | https | 2606:4700::1111 | 8443",
        "https://[::1]                 | https | ::1             | 443",
        "https://10.0.0.1:65535        | https | 10.0.0.1        | 65535",
      })
  void parsesGatewayTarget(String value, String scheme, String host, int port) throws Exception {
    InjectionSpec spec = parse("sealgate-target", value, "Sealgate-Bearer", "K");
    assertThat(spec.target()).isEqualTo(new GatewayTarget(scheme, host, port));
    assertThat(spec.target().tls()).isEqualTo(scheme.equals("https"));
  }

  @Test
  void targetAloneIsNotEmptySpecButHasNoInjections() throws Exception {
    InjectionSpec spec = parse("Sealgate-Target", "https://api.example.com");
    assertThat(spec).isNotSameAs(InjectionSpec.NONE);
    assertThat(spec.isEmpty()).isTrue();
    assertThat(spec.target().host()).isEqualTo("api.example.com");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // empty or missing key
        "Sealgate-Bearer | ''                  | Sealgate-Bearer",
        "sealgate-basic  | '   '               | Sealgate-Basic",
        "Sealgate-Header | x-api-key=          | Sealgate-Header",
        "Sealgate-Query  | p=                  | Sealgate-Query",
        // missing '='
        "Sealgate-Header | x-api-key           | Sealgate-Header",
        "Sealgate-Query  | KEY                 | Sealgate-Query",
        "Sealgate-Form   | =KEY                | Sealgate-Form",
        "Sealgate-Body   | KEY                 | Sealgate-Body",
        // an empty element of a list
        "Sealgate-Header | 'a=K1,,b=K2'        | Sealgate-Header",
        // bad key characters
        "Sealgate-Bearer | 'MY KEY'            | Sealgate-Bearer",
        "Sealgate-Bearer | KEY/../x            | Sealgate-Bearer",
        "Sealgate-Header | x=-leading          | Sealgate-Header",
        "Sealgate-Query  | p=K$Y               | Sealgate-Query",
        // bad header names
        "Sealgate-Header | 'x api=K'           | Sealgate-Header",
        "Sealgate-Header | x:api=K             | Sealgate-Header",
        "Sealgate-Header | Host=K              | Sealgate-Header",
        "Sealgate-Header | content-length=K    | Sealgate-Header",
        "Sealgate-Header | Transfer-Encoding=K | Sealgate-Header",
        "Sealgate-Header | Proxy-Authorization=K | Sealgate-Header",
        "Sealgate-Header | sealgate-bearer=K   | Sealgate-Header",
        // bad pointers
        "Sealgate-Body   | auth/token=K        | Sealgate-Body",
        "Sealgate-Body   | /a~2=K              | Sealgate-Body",
        "Sealgate-Body   | /a~=K               | Sealgate-Body",
        "Sealgate-Body   | /~~01=K             | Sealgate-Body",
        // bad targets
        "Sealgate-Target | api.example.com     | Sealgate-Target",
        "Sealgate-Target | ftp://api.example.com | Sealgate-Target",
        "Sealgate-Target | https://            | Sealgate-Target",
        "Sealgate-Target | https://api.example.com/v1 | Sealgate-Target",
        "Sealgate-Target | https://user@api.example.com | Sealgate-Target",
        "Sealgate-Target | https://api.example.com?x=1 | Sealgate-Target",
        "Sealgate-Target | https://api.example.com:0 | Sealgate-Target",
        "Sealgate-Target | https://api.example.com:65536 | Sealgate-Target",
        "Sealgate-Target | https://api.example.com: | Sealgate-Target",
        "Sealgate-Target | https://api.example.com:x | Sealgate-Target",
        "Sealgate-Target | https://[::1 | Sealgate-Target",
        "Sealgate-Target | https://[::1]x | Sealgate-Target",
        "Sealgate-Target | https://::1 | Sealgate-Target",
        "Sealgate-Target | https://a b.com | Sealgate-Target",
        // unknown sealgate header
        "Sealgate-Cookie | session=K           | Sealgate-Cookie",
      })
  void rejectsMalformedHeadersNamingTheHeader(String name, String value, String named) {
    assertThatThrownBy(() -> parse(name, value))
        .isInstanceOf(BadInjectionHeaderException.class)
        .hasMessageStartingWith(named + ": ")
        .satisfies(e -> assertThat(((BadInjectionHeaderException) e).header()).isEqualTo(named));
  }

  @Test
  void rejectsTwoTargets() {
    assertThatThrownBy(
            () ->
                parse(
                    "Sealgate-Target", "https://a.example", "sealgate-target", "https://b.example"))
        .isInstanceOf(BadInjectionHeaderException.class)
        .hasMessageStartingWith("Sealgate-Target: ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Sealgate-Bearer | A | Sealgate-Basic  | B",
        "Sealgate-Bearer | A | Sealgate-Bearer | B",
        "Sealgate-Basic  | A | Sealgate-Header | Authorization=B",
        "Sealgate-Header | authorization=A | Sealgate-Header | AUTHORIZATION=B",
      })
  void rejectsTwoCredentialsForAuthorization(String h1, String v1, String h2, String v2) {
    assertThatThrownBy(() -> parse(h1, v1, h2, v2))
        .isInstanceOf(BadInjectionHeaderException.class)
        .hasMessageContaining("Authorization");
  }

  @Test
  void oneAuthorizationBesideOtherHeadersIsFine() throws Exception {
    InjectionSpec spec = parse("Sealgate-Bearer", "A", "Sealgate-Header", "x-api-key=B");
    assertThat(spec.keys()).containsExactly("A", "B");
  }

  @Test
  void keyNamesFollowTheDocumentedRule() {
    assertThat(KeyNames.isValid("STRIPE_KEY")).isTrue();
    assertThat(KeyNames.isValid("_x.y-z9")).isTrue();
    assertThat(KeyNames.isValid("a".repeat(128))).isTrue();
    assertThat(KeyNames.isValid("a".repeat(129))).isFalse();
    assertThat(KeyNames.isValid("")).isFalse();
    assertThat(KeyNames.isValid(null)).isFalse();
    assertThat(KeyNames.isValid(".hidden")).isFalse();
    assertThat(KeyNames.isValid("ключ")).isFalse();
    assertThatThrownBy(() -> KeyNames.require("bad key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad key'");
  }
}
