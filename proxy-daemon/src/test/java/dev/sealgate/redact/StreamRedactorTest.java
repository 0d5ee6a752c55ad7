package dev.sealgate.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamRedactorTest {
  private static final String VALUE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

  @Test
  void replacesTheValueWhereverItIs() {
    StreamRedactor r = redactor(Map.of("STRIPE_KEY", VALUE));
    String out = whole(r, "{\"token\":\"" + VALUE + "\",\"again\":\"" + VALUE + "\"}");
    assertThat(out)
        .isEqualTo("{\"token\":\"[REDACTED:STRIPE_KEY]\",\"again\":\"[REDACTED:STRIPE_KEY]\"}");
    assertThat(r.redactions()).isEqualTo(2);
  }

  @Test
  void findsAValueSplitAtEveryPossibleChunkBoundary() {
    String body = "before " + VALUE + " after";
    for (int cut = 1; cut < body.length(); cut++) {
      StreamRedactor r = redactor(Map.of("K", VALUE));
      String out = stream(r, body.substring(0, cut), body.substring(cut));
      assertThat(out).as("cut at %d", cut).isEqualTo("before [REDACTED:K] after");
      assertThat(r.redactions()).isEqualTo(1);
    }
  }

  @Test
  void findsAValueSentOneByteAtATime() {
    StreamRedactor r = redactor(Map.of("K", VALUE));
    String body = "x" + VALUE + "y" + VALUE;
    assertThat(stream(r, body.split(""))).isEqualTo("x[REDACTED:K]y[REDACTED:K]");
  }

  @Test
  void holdsBackOnlyATailThatCouldStillBecomeAMatch() {
    StreamRedactor r = redactor(Map.of("K", VALUE));
    byte[] first = bytes("event: 1\n" + VALUE.substring(0, 10));
    String passed = text(r.update(first, 0, first.length));
    assertThat(passed).isEqualTo("event: 1\n");

    byte[] unrelated = bytes("data: no secret here\n\n");
    StreamRedactor fresh = redactor(Map.of("K", VALUE));
    assertThat(text(fresh.update(unrelated, 0, unrelated.length)))
        .as("nothing is held when the tail cannot start a value")
        .isEqualTo("data: no secret here\n\n");
  }

  @Test
  void aPrefixThatNeverCompletesIsPassedOnAtTheEnd() {
    StreamRedactor r = redactor(Map.of("K", VALUE));
    assertThat(stream(r, "a " + VALUE.substring(0, 20), "!"))
        .isEqualTo("a " + VALUE.substring(0, 20) + "!");
    StreamRedactor atEnd = redactor(Map.of("K", VALUE));
    assertThat(stream(atEnd, "a " + VALUE.substring(0, 20)))
        .isEqualTo("a " + VALUE.substring(0, 20));
    assertThat(atEnd.redactions()).isZero();
  }

  @Test
  void theLongestOverlappingValueWins() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("SHORT", "abc123");
    values.put("LONG", "abc123def456");
    assertThat(whole(redactor(values), "<abc123def456>")).isEqualTo("<[REDACTED:LONG]>");
    assertThat(whole(redactor(values), "<abc123def>")).isEqualTo("<[REDACTED:SHORT]def>");
    assertThat(stream(redactor(values), "<abc12", "3def4", "56>")).isEqualTo("<[REDACTED:LONG]>");
    assertThat(stream(redactor(values), "<abc12", "3de", "f>")).isEqualTo("<[REDACTED:SHORT]def>");
  }

  @Test
  void findsEveryEncodedSpelling() {
    String value = "tok/en+with \"odd\" chars";
    byte[] raw = bytes(value);
    Map<String, String> spellings = new LinkedHashMap<>();
    spellings.put("base64", java.util.Base64.getEncoder().encodeToString(raw));
    spellings.put(
        "base64url", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    spellings.put("percent", "tok%2Fen%2Bwith%20%22odd%22%20chars");
    spellings.put("percent lower", "tok%2fen%2bwith%20%22odd%22%20chars");
    spellings.put("form", "tok%2Fen%2Bwith+%22odd%22+chars");
    spellings.put("json", "tok/en+with \\\"odd\\\" chars");
    spellings.put("json escaped slash", "tok\\/en+with \\\"odd\\\" chars");
    spellings.forEach(
        (form, spelled) ->
            assertThat(whole(redactor(Map.of("K", value)), "[" + spelled + "]"))
                .as(form)
                .isEqualTo("[[REDACTED:K]]"));
  }

  @Test
  void findsNonAsciiValuesEscapedAsPythonWritesThem() {
    String value = "clé-€-𝄞";
    StreamRedactor r = redactor(Map.of("K", value));
    assertThat(whole(r, "\"cl\\u00e9-\\u20ac-\\ud834\\udd1e\"")).isEqualTo("\"[REDACTED:K]\"");
    assertThat(whole(redactor(Map.of("K", value)), value)).isEqualTo("[REDACTED:K]");
  }

  @Test
  void anEmptyValueRedactsNothing() {
    RedactionPatterns patterns = patterns(Map.of("EMPTY", ""));
    assertThat(patterns.isEmpty()).isTrue();
    assertThat(whole(new StreamRedactor(patterns), "anything")).isEqualTo("anything");
  }

  @Test
  void closingZeroesTheCopiesAndToStringShowsNoValue() {
    RedactionPatterns patterns = patterns(Map.of("K", VALUE));
    assertThat(patterns.toString()).doesNotContain(VALUE).doesNotContain("sk_");
    patterns.close();
    assertThat(whole(new StreamRedactor(patterns), VALUE))
        .as("after close the patterns hold zeros, not the value")
        .isEqualTo(VALUE);
  }

  @Test
  void theCallerMayZeroItsValuesAtOnce() {
    byte[] value = bytes(VALUE);
    RedactionPatterns patterns = RedactionPatterns.of(Map.of("K", value));
    java.util.Arrays.fill(value, (byte) 0);
    assertThat(whole(new StreamRedactor(patterns), VALUE)).isEqualTo("[REDACTED:K]");
  }

  private static StreamRedactor redactor(Map<String, String> values) {
    return new StreamRedactor(patterns(values));
  }

  private static RedactionPatterns patterns(Map<String, String> values) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    values.forEach((k, v) -> bytes.put(k, bytes(v)));
    return RedactionPatterns.of(bytes);
  }

  private static String whole(StreamRedactor r, String text) {
    return text(r.redactWhole(bytes(text)));
  }

  private static String stream(StreamRedactor r, String... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String chunk : chunks) {
      byte[] b = bytes(chunk);
      out.writeBytes(r.update(b, 0, b.length));
    }
    out.writeBytes(r.finish());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
