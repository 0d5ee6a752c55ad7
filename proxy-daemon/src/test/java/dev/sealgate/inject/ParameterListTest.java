package dev.sealgate.inject;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterListTest {
  private static String set(String list, String name, String value) {
    return new String(ParameterList.set(list, name, value.getBytes(UTF_8)), UTF_8);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                | k | v | k=v",
        "a=1               | k | v | a=1&k=v",
        "k=old             | k | v | k=v",
        "k=1&a=2&k=3       | k | v | a=2&k=v",
        "k                 | k | v | k=v",
        "a=1&&b=2&         | k | v | a=1&b=2&k=v",
        "K=1               | k | v | K=1&k=v",
        "k%3D=1            | k= | v | k%3D=v",
        "a+b=1&a%20b=2     | a b | v | a%20b=v",
        "bad%zz=1          | k | v | bad%zz=1&k=v",
      })
  void setsOneParameter(String list, String name, String value, String expected) {
    assertThat(set(list, name, value)).isEqualTo(expected);
  }

  @Test
  void percentEncodingKeepsOnlyUnreservedCharacters() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PercentEncoding.encode("AZaz09-._~ !*'()+,/:;=?@[]&%\u00e9", out);
    assertThat(out.toString(UTF_8))
        .isEqualTo("AZaz09-._~%20%21%2A%27%28%29%2B%2C%2F%3A%3B%3D%3F%40%5B%5D%26%25%C3%A9");
    out.reset();
    PercentEncoding.encode(new byte[] {0, (byte) 0xff, 0x7f}, out);
    assertThat(out.toString(UTF_8)).isEqualTo("%00%FF%7F");
  }
}
