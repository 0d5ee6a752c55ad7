package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyIndexTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-12-03T11:30:00.123Z");

  @TempDir Path home;

  private static KeyEntry entry(String name, String... hosts) {
    return new KeyEntry(name, List.of(hosts), false, 1, T0, T0);
  }

  @Test
  void absentFileIsAnEmptyIndex() throws Exception {
    KeyIndex idx = KeyIndex.load(home.resolve("index.json"));
    assertThat(idx.entries()).isEmpty();
    assertThat(idx.backend()).isNull();
  }

  @Test
  void saveAndLoadRoundtrip() throws Exception {
    Path file = home.resolve("index.json");
    KeyEntry stripe = entry("STRIPE_KEY", "api.stripe.com").bumped(T1);
    KeyEntry gh =
        new KeyEntry("GH_TOKEN", List.of("*.github.com", "api.github.com"), true, 3, T0, T1);
    KeyIndex.load(file).withBackend("file").with(stripe).with(gh).save(file);

    KeyIndex back = KeyIndex.load(file);
    assertThat(back.backend()).isEqualTo("file");
    assertThat(back.get("STRIPE_KEY")).contains(stripe);
    assertThat(back.get("STRIPE_KEY").orElseThrow().version()).isEqualTo(2);
    assertThat(back.get("STRIPE_KEY").orElseThrow().updated()).isEqualTo(T1);
    assertThat(back.get("GH_TOKEN")).contains(gh);
    assertThat(back.get("GH_TOKEN").orElseThrow().anyHost()).isTrue();
    assertThat(back.get("NOPE")).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("\"any_host\"");
  }

  @Test
  void entriesAreSortedByNameInMemoryAndOnDisk() throws Exception {
    Path file = home.resolve("index.json");
    KeyIndex idx = KeyIndex.load(file).with(entry("ZED")).with(entry("ALPHA")).with(entry("MID"));
    assertThat(idx.entries()).extracting(KeyEntry::name).containsExactly("ALPHA", "MID", "ZED");
    idx.save(file);
    String json = Files.readString(file);
    assertThat(json.indexOf("ALPHA")).isLessThan(json.indexOf("MID"));
    assertThat(json.indexOf("MID")).isLessThan(json.indexOf("ZED"));
    assertThat(KeyIndex.load(file).entries())
        .extracting(KeyEntry::name)
        .containsExactly("ALPHA", "MID", "ZED");
  }

  @Test
  void withAndWithoutLeaveTheOriginalUnchanged() throws Exception {
    KeyIndex a = KeyIndex.load(home.resolve("none.json")).with(entry("A"));
    KeyIndex b = a.with(entry("B")).without("A");
    assertThat(a.entries()).extracting(KeyEntry::name).containsExactly("A");
    assertThat(b.entries()).extracting(KeyEntry::name).containsExactly("B");
    KeyEntry moved = entry("A", "old.example.com").withHosts(List.of("new.example.com"));
    assertThat(moved.hosts()).containsExactly("new.example.com");
    assertThat(moved.version()).isEqualTo(1);
  }

  @Test
  void corruptFileIsAnIoErrorNamingTheFile() throws Exception {
    Path file = home.resolve("index.json");
    Files.writeString(file, "{\"format\": 1, \"keys\": [ {\"name\": ");
    assertThatThrownBy(() -> KeyIndex.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("damaged");
  }

  @Test
  void fileWrittenByEarlierVersionsLoadsAndIsWrittenBackByteForByte() throws Exception {
    // As sealgate wrote it through ObjectMapper (INDENT_OUTPUT, JavaTimeModule) before the
    // streaming codec: existing homes must read the same, and a save must not reformat them.
    String earlier =
        """
        {
          "format" : 1,
          "backend" : "file",
          "keys" : [ {
            "name" : "GH_TOKEN",
            "hosts" : [ "*.github.com", "api.github.com" ],
            "any_host" : true,
            "version" : 3,
            "created" : "2026-12-03T10:00:00Z",
            "updated" : "2026-12-03T11:30:00.123Z"
          }, {
            "name" : "K1",
            "hosts" : [ "api.example.com" ],
            "any_host" : false,
            "version" : 1,
            "created" : "2026-12-04T02:59:08.429320745Z",
            "updated" : "2026-12-04T02:59:08.429320745Z"
          } ]
        }"""
            .stripTrailing();
    Path file = home.resolve("index.json");
    Files.writeString(file, earlier);
    KeyIndex idx = KeyIndex.load(file);
    assertThat(idx.backend()).isEqualTo("file");
    assertThat(idx.get("GH_TOKEN"))
        .contains(
            new KeyEntry("GH_TOKEN", List.of("*.github.com", "api.github.com"), true, 3, T0, T1));
    assertThat(idx.get("K1").orElseThrow().created())
        .isEqualTo(Instant.parse("2026-12-04T02:59:08.429320745Z"));

    Path again = home.resolve("again.json");
    idx.save(again);
    assertThat(Files.readString(again)).isEqualTo(earlier);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"format\":1,\"keys\":[],\"extra\":1}|unknown member 'extra'",
        "{\"format\":1,\"keys\":[{\"name\":\"A\",\"version\":\"3\"}]}|member 'version' is not a whole number",
        "{\"format\":1,\"keys\":[{\"name\":\"A\",\"hosts\":[1]}]}|member 'hosts' is not an array of text",
        "{\"format\":1,\"keys\":[{\"name\":\"A\",\"created\":\"yesterday\"}]}|member 'created' is not an ISO-8601 instant",
        "{\"format\":1,\"keys\":[{\"hosts\":[]}]}|no member 'name'",
        "{\"format\":1,\"keys\":[]} {}|content after the JSON object",
        "{\"format\":1,\"format\":1,\"keys\":[]}|Duplicate field 'format'",
        "[]|expected a JSON object",
        "{\"keys\":[]}|no member 'format'"
      })
  void anythingButTheIndexFormatIsDamagedAndSaysWhere(String content, String problem)
      throws Exception {
    Path file = home.resolve("index.json");
    Files.writeString(file, content);
    assertThatThrownBy(() -> KeyIndex.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + " is damaged (" + problem);
  }

  @Test
  void otherFormatIsRefused() throws Exception {
    Path file = home.resolve("index.json");
    Files.writeString(file, "{\"format\": 2, \"backend\": \"file\", \"keys\": []}");
    assertThatThrownBy(() -> KeyIndex.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format 2");
  }

  @Test
  void indexHoldsNoValue() throws Exception {
    // The index sits beside a store holding the value; the value must never reach index.json.
    Path file = home.resolve("index.json");
    String value = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    try (MemorySecretStore store = new MemorySecretStore()) {
      store.put("STRIPE_KEY", SecretValue.copyOf(value.getBytes()));
      KeyIndex.load(file)
          .withBackend("file")
          .with(entry("STRIPE_KEY", "api.stripe.com"))
          .save(file);
    }
    String json = Files.readString(file);
    assertThat(json).contains("STRIPE_KEY").contains("api.stripe.com").doesNotContain(value);
    assertThat(json).doesNotContainIgnoringCase("\"value\"");
  }
}
