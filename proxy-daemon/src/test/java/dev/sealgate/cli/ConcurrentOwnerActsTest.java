package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.config.SealgatePaths;
import dev.sealgate.store.FileSecretStore;
import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.OwnerKey;
import dev.sealgate.testing.CliProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner acts started at the same moment, as a script looping over keys in the background would:
 * each reads the index and vault, changes them and writes them back, so without the owner lock the
 * last writer silently drops the others' keys.
 */
class ConcurrentOwnerActsTest {
  private static final String PASSPHRASE = "concurrent passphrase";
  private static final int ACTS = 4;

  @TempDir Path root;

  @Test
  void everyConcurrentSetIsKept() throws Exception {
    Files.writeString(root.resolve("config.yaml"), "store:\n  backend: file\n");
    assertThat(cli().run("init").exit()).isZero();

    List<CompletableFuture<CliProcess.Result>> acts =
        IntStream.range(0, ACTS)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () ->
                            cli()
                                .runWithInput(
                                    ("value-" + i + "\n").getBytes(StandardCharsets.UTF_8),
                                    "secrets",
                                    "set",
                                    "KEY_" + i,
                                    "--host",
                                    "api" + i + ".example.com")))
            .toList();
    for (CompletableFuture<CliProcess.Result> act : acts) {
      CliProcess.Result r = act.join();
      assertThat(r.exit()).as(r.toString()).isZero();
    }

    SealgatePaths paths = new SealgatePaths(root.resolve(".sealgate"), root.resolve("config.yaml"));
    List<String> indexed =
        KeyIndex.load(paths.indexFile()).entries().stream().map(KeyEntry::name).sorted().toList();
    assertThat(indexed).containsExactly("KEY_0", "KEY_1", "KEY_2", "KEY_3");
    try (OwnerKey key = OwnerKey.unlock(paths.ownerFile(), PASSPHRASE.toCharArray());
        FileSecretStore vault = new FileSecretStore(paths.vaultFile(), key)) {
      for (int n = 0; n < ACTS; n++) {
        int i = n;
        assertThat(vault.get("KEY_" + i))
            .as("KEY_%d in the vault", i)
            .hasValueSatisfying(
                v ->
                    assertThat(new String(v.bytes(), StandardCharsets.UTF_8))
                        .isEqualTo("value-" + i));
      }
    }
  }

  private CliProcess cli() {
    return new CliProcess(root).env("SEALGATE_PASSPHRASE", PASSPHRASE);
  }
}
