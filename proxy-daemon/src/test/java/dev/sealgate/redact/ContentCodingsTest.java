package dev.sealgate.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.redact.ContentCodings.Coding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentCodingsTest {
  @Test
  void narrowsAcceptEncodingToWhatCanBeDecoded() {
    assertThat(ContentCodings.narrow("gzip, deflate, br, zstd")).isEqualTo("gzip, deflate");
    assertThat(ContentCodings.narrow("br;q=1.0, gzip;q=0.8")).isEqualTo("gzip;q=0.8");
    assertThat(ContentCodings.narrow("br")).isEqualTo("identity");
    assertThat(ContentCodings.narrow("*")).isEqualTo("gzip, deflate");
    assertThat(ContentCodings.narrow("identity")).isEqualTo("identity");
  }

  @Test
  void readsTheResponseCoding() {
    assertThat(ContentCodings.of(List.of())).isEqualTo(Coding.IDENTITY);
    assertThat(ContentCodings.of(List.of("identity"))).isEqualTo(Coding.IDENTITY);
    assertThat(ContentCodings.of(List.of("GZIP"))).isEqualTo(Coding.GZIP);
    assertThat(ContentCodings.of(List.of("x-gzip"))).isEqualTo(Coding.GZIP);
    assertThat(ContentCodings.of(List.of("deflate"))).isEqualTo(Coding.DEFLATE);
    assertThat(ContentCodings.of(List.of("br"))).isEqualTo(Coding.UNSUPPORTED);
    assertThat(ContentCodings.of(List.of("gzip, gzip"))).isEqualTo(Coding.UNSUPPORTED);
    assertThat(ContentCodings.of(List.of("deflate", "gzip"))).isEqualTo(Coding.UNSUPPORTED);
  }
}
