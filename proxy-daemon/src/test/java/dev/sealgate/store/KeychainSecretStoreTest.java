package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against a real Secret Service (gnome-keyring under D-Bus, started by .ci/secret-service.sh). */
@EnabledIfEnvironmentVariable(named = "SEALGATE_TEST_SECRET_SERVICE", matches = "1")
class KeychainSecretStoreTest {
  private final String project = "test-" + UUID.randomUUID();
  private KeychainSecretStore store;

  @BeforeEach
  void open() throws Exception {
    store = KeychainSecretStore.open("ws", project);
  }

  @AfterEach
  void close() throws Exception {
    store.delete("K");
    store.close();
  }

  @Test
  void aValueRoundTripsAndIsGoneAfterDelete() throws Exception {
    byte[] value = ("keychain-value-\u00e9-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    try (SecretValue v = SecretValue.copyOf(value)) {
      store.put("K", v);
    }
    try (SecretValue read = store.get("K").orElseThrow()) {
      assertThat(read.bytes()).isEqualTo(value);
    }
    assertThat(store.delete("K")).isTrue();
    assertThat(store.get("K")).isEmpty();
    assertThat(store.delete("K")).isFalse();
  }

  @Test
  void keysAreScopedByWorkspaceAndProject() throws Exception {
    try (SecretValue v = SecretValue.copyOf("scoped".getBytes(StandardCharsets.UTF_8))) {
      store.put("K", v);
    }
    try (KeychainSecretStore other = KeychainSecretStore.open("ws", project + "-other")) {
      assertThat(other.get("K")).isEmpty();
    }
  }

  @Test
  void autoSelectionPicksTheKeychainWhenItAnswers() throws Exception {
    assertThat(StoreSelector.choose("AUTO", "ws", project).kind()).isEqualTo("keychain");
  }
}
