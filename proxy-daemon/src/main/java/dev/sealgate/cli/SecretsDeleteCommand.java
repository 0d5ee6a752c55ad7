package dev.sealgate.cli;

import dev.sealgate.store.StoreUnavailableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsDeleteCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(this, "delete", "Delete a key and its value (an owner act).")
          .addPositional(CommandModel.parameter("0", "KEY"));

  private final CliEnvironment env;

  SecretsDeleteCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    String key = CommandModel.positional(spec, 0);
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
