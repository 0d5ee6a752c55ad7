package dev.sealgate.cli;

import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.SecretValue;
import dev.sealgate.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsImportCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this, "import", "Load every KEY=value of a .env file into the store (an owner act).")
          .addPositional(CommandModel.parameter("0", "FILE.env", Path.class))
          .addOption(HostOptions.hostOption())
          .addOption(HostOptions.anyHostOption());

  private final CliEnvironment env;

  SecretsImportCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    Path file = CommandModel.positional(spec, 0);
    HostOptions hosts = HostOptions.of(spec);
    List<String> hostList = hosts.validated();
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.cannotRead(file, e);
    }
    List<DotEnvParser.Entry> entries =
        DotEnvParser.parse(new String(raw, StandardCharsets.UTF_8), file.toString());
    java.util.Arrays.fill(raw, (byte) 0);
    try (OwnerSession owner = OwnerSession.unlock(env)) {
      for (DotEnvParser.Entry e : entries) {
        if (owner.index.get(e.name()).isEmpty() && hostList.isEmpty() && !hosts.anyHost()) {
          throw new CliException(
              ExitCodes.USAGE,
              e.name() + " is new: say where imported keys may go with --host api.example.com");
        }
      }
      Instant now = env.clock().instant();
      KeyIndex index = owner.index;
      for (DotEnvParser.Entry e : entries) {
        try (SecretValue value = SecretValue.wrap(e.value())) {
          owner.store.put(e.name(), value);
        }
        KeyEntry entry =
            SecretsSetCommand.nextEntry(
                index.get(e.name()), e.name(), hostList, hosts.anyHost(), now);
        index = index.with(entry);
      }
      owner.saveIndex(index);
      spec.commandLine()
          .getErr()
          .println("sealgate: imported " + entries.size() + " keys from " + file);
      return ExitCodes.OK;
    } catch (StoreUnavailableException e) {
      throw new CliException(ExitCodes.STORE_LOCKED, e.userMessage());
    } finally {
      entries.forEach(e -> java.util.Arrays.fill(e.value(), (byte) 0));
    }
  }
}
