package dev.sealgate.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonTrees must give what ObjectMapper gave before it: the same trees and the same bytes. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":0.5}",
        "{\"t\":\"quote \\\" backslash \\\\ tab \\t unicode \\u00e9 \\ud83d\\ude00\",\"n\":null}",
        "[true,false,[],{},[{\"deep\":[1,[2,[3]]]}],-0,1e3,-2.5E-3]",
        "{\"empty\":\"\",\"a\":[\"x\",\"y\"],\"o\":{\"k\":{\"k\":{}}}}",
        "\"just text\"",
        "42"
      })
  void readsTheTreeObjectMapperReadsAndWritesItsBytes(String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    JsonNode mine = JsonTrees.read(JsonTrees.LENIENT, bytes);
    JsonNode theirs = MAPPER.readTree(bytes);
    assertThat(mine).isEqualTo(theirs);
    assertThat(JsonTrees.toBytes(mine)).isEqualTo(MAPPER.writeValueAsBytes(theirs));
    assertThat(JsonTrees.toPrettyBytes(mine))
        .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(theirs));
  }

  @Test
  void aRepeatedMemberIsAnErrorWhenStrictAndTheLastValueWhenLenient() throws Exception {
    byte[] twice = "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonTrees.read(JsonTrees.STRICT, twice))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field 'a'");
    assertThat(JsonTrees.read(JsonTrees.LENIENT, twice).get("a").intValue()).isEqualTo(2);
  }

  @Test
  void emptyInputIsNoTreeAndBrokenInputIsAParseError() throws Exception {
    assertThat(JsonTrees.read(JsonTrees.STRICT, new byte[0])).isNull();
    assertThatThrownBy(
            () -> JsonTrees.read(JsonTrees.STRICT, "{\"a\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonParseException.class);
  }
}
