package dev.sealgate.cli;

import dev.sealgate.store.StoreUnavailableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a key and its value (an owner act).")
final class SecretsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY")
  String key;

  private final CliEnvironment env;

  SecretsDeleteCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    try (OwnerSession owner = OwnerSession.unlock(env)) {
      if (owner.index.get(key).isEmpty()) {
        throw SecretsListCommand.noSuchKey(key);
      }
      // The index goes first: a crash between the two leaves an orphan value, never a key
      // that the proxy would try to use without one.
      owner.saveIndex(owner.index.without(key));
      owner.store.delete(key);
      spec.commandLine().getErr().println("sealgate: deleted " + key);
      return ExitCodes.OK;
    } catch (StoreUnavailableException e) {
      throw new CliException(ExitCodes.STORE_LOCKED, e.userMessage());
    }
  }
}
