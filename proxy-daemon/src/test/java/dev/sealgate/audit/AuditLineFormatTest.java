package dev.sealgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditLineFormatTest {
  private static AuditRecord r(
      String scheme,
      String host,
      int port,
      String path,
      List<String> keys,
      int status,
      Outcome o,
      int redactions,
      long ms) {
    return new AuditRecord(
        "2026-12-03T14:23:01.987Z",
        "01JEXAMPLE0000000000000000",
        "127.0.0.1:50000",
        "GET",
        scheme,
        host,
        port,
        path,
        keys,
        List.of(),
        status,
        o,
        redactions,
        10,
        20,
        ms,
        "0".repeat(64));
  }

  @Test
  void okLineIsTheSpecExample() {
    AuditRecord ok =
        r(
            "https",
            "api.stripe.com",
            443,
            "/v1/balance",
            List.of("STRIPE_KEY"),
            200,
            Outcome.OK,
            0,
            245);
    assertThat(AuditLineFormat.format(ok, ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET api.stripe.com/v1/balance STRIPE_KEY 200 245ms");
  }

  @Test
  void deniedAndOtherOutcomesAreNamedAtTheEnd() {
    assertThat(
            AuditLineFormat.format(
                r(
                    "https",
                    "evil.example.com",
                    443,
                    "/upload",
                    List.of("STRIPE_KEY"),
                    403,
                    Outcome.DENIED,
                    0,
                    0),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET evil.example.com/upload STRIPE_KEY 403 0ms denied");
    assertThat(
            AuditLineFormat.format(
                r(
                    "https",
                    "api.stripe.com",
                    443,
                    "/v1/x",
                    List.of("STRIPE_KEY"),
                    502,
                    Outcome.UPSTREAM_ERROR,
                    0,
                    30001),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET api.stripe.com/v1/x STRIPE_KEY 502 30001ms upstream_error");
    assertThat(
            AuditLineFormat.format(
                r(
                    "https",
                    "api.stripe.com",
                    443,
                    "/v1/x",
                    List.of("STRIPE_KEY"),
                    200,
                    Outcome.REDACTED,
                    2,
                    12),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET api.stripe.com/v1/x STRIPE_KEY 200 12ms redacted(2)");
  }

  @Test
  void nonDefaultPortsAreShownAndDefaultOnesAreNot() {
    assertThat(
            AuditLineFormat.format(
                r("https", "api.example.com", 8443, "/a", List.of("K"), 200, Outcome.OK, 0, 5),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET api.example.com:8443/a K 200 5ms");
    assertThat(
            AuditLineFormat.format(
                r("http", "localhost", 80, "/a", List.of("K"), 200, Outcome.OK, 0, 5),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET localhost/a K 200 5ms");
    assertThat(
            AuditLineFormat.format(
                r("http", "localhost", 443, "/a", List.of("K"), 200, Outcome.OK, 0, 5),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET localhost:443/a K 200 5ms");
  }

  @Test
  void noKeysIsADashAndSeveralAreCommaSeparated() {
    assertThat(
            AuditLineFormat.format(
                r("https", "example.com", 443, "/", List.of(), 204, Outcome.OK, 0, 1),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET example.com/ - 204 1ms");
    assertThat(
            AuditLineFormat.format(
                r("https", "example.com", 443, "/", List.of("A", "B"), 200, Outcome.OK, 0, 1),
                ZoneOffset.UTC.getRules()::getOffset))
        .isEqualTo("14:23:01 GET example.com/ A,B 200 1ms");
  }

  @Test
  void timeIsShownInTheGivenZone() {
    AuditRecord ok =
        r(
            "https",
            "api.stripe.com",
            443,
            "/v1/balance",
            List.of("STRIPE_KEY"),
            200,
            Outcome.OK,
            0,
            245);
    assertThat(AuditLineFormat.format(ok, ZoneId.of("Europe/Berlin").getRules()::getOffset))
        .startsWith("15:23:01 ");
  }

  @Test
  void jsonIsTheStoredLineWithSnakeCaseFieldsInOrder() throws Exception {
    AuditRecord ok =
        r(
            "https",
            "api.stripe.com",
            443,
            "/v1/balance",
            List.of("STRIPE_KEY"),
            200,
            Outcome.DENIED,
            0,
            245);
    String json = AuditLineFormat.json(ok);
    assertThat(json)
        .startsWith("{\"ts\":\"2026-12-03T14:23:01.987Z\",\"id\":")
        .endsWith("\"prev\":\"" + "0".repeat(64) + "\"}");
    assertThat(json)
        .contains("\"outcome\":\"denied\"")
        .contains("\"duration_ms\":245")
        .contains("\"bytes_out\":10")
        .doesNotContain("\n");
    assertThat(AuditJson.parse(json.getBytes(StandardCharsets.UTF_8), 0, json.length()))
        .isEqualTo(ok);
    assertThat(new ObjectMapper().readTree(json).size()).isEqualTo(17);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"status\":\"200\"",
        "\"outcome\":\"fine\"",
        "\"keys\":\"STRIPE_KEY\"",
        "\"secret\":\"x\""
      })
  void aLineWithAMemberOfAnotherTypeOrNameIsNotARecord(String member) {
    String json = "{\"ts\":\"2026-12-03T14:23:01.987Z\"," + member + "}";
    assertThatThrownBy(
            () -> AuditJson.parse(json.getBytes(StandardCharsets.UTF_8), 0, json.length()))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("member '" + member.substring(1, member.indexOf('"', 1)) + "'");
  }
}
