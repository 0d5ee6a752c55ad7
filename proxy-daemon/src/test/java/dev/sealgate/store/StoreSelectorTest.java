package dev.sealgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreSelectorTest {
  @Test
  void fileBackendIsChosenInAnyCaseWithoutTouchingTheKeychain() throws Exception {
    for (String backend : new String[] {"file", "FILE", "File"}) {
      StoreSelector.Choice c = StoreSelector.choose(backend, "ws", "proj");
      assertThat(c.kind()).isEqualTo("file");
      assertThat(c.reason()).isEqualTo("store.backend is file");
    }
  }
}
