package dev.sealgate.cli;

import dev.sealgate.ca.LocalCa;
import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.daemon.ProxyToken;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.OwnerKey;
import dev.sealgate.store.PrivateDirectory;
import dev.sealgate.store.StoreSelector;
import dev.sealgate.store.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class InitCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
          this,
          "init",
          "Create the home directory, the owner passphrase, the proxy token, the local CA and the"
              + " store.");

  private final CliEnvironment env;

  InitCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    SealgatePaths paths = env.paths();
    if (OwnerKey.exists(paths.ownerFile())) {
      spec.commandLine()
          .getErr()
          .println("sealgate: already initialized in " + paths.home() + "; nothing changed");
      return ExitCodes.OK;
    }
    initialize(env, spec.commandLine().getErr());
    return ExitCodes.OK;
  }

  /** Creates everything {@code init} creates; {@code proxy start} calls it on a fresh machine. */
  static void initialize(CliEnvironment env, PrintWriter err) throws CliException {
    SealgatePaths paths = env.paths();
    SealgateConfig config = env.config();
    char[] passphrase = Passphrases.chooseNew(env);
    StoreSelector.Choice choice;
    try {
      choice =
          StoreSelector.choose(
              config.store().backend().name(), env.workspace(config), env.project(config));
    } catch (StoreUnavailableException e) {
      Arrays.fill(passphrase, '\0');
      throw new CliException(ExitCodes.STORE_LOCKED, e.userMessage());
    }
    try {
      PrivateDirectory.create(paths.home());
      if (PrivateDirectory.restrict(paths.home())) {
        err.println("sealgate: " + paths.home() + " was open to other users; it is now 0700");
      }
      OwnerKey.create(paths.ownerFile(), passphrase).close();
      KeyIndex.load(paths.indexFile()).withBackend(choice.kind()).save(paths.indexFile());
      if (!Files.exists(paths.tokenFile())) {
        ProxyToken.create(paths.tokenFile());
      }
      LocalCa.loadOrCreate(paths.caDir(), env.clock());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED, "cannot initialize " + paths.home() + ": " + e.getMessage());
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    err.println(
        "sealgate: initialized "
            + paths.home()
            + " (store: "
            + choice.kind()
            + ", "
            + choice.reason()
            + ")");
  }
}
