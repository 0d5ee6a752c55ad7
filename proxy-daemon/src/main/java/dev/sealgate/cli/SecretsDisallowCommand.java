package dev.sealgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsDisallowCommand implements Callable<Integer> {
  final CommandSpec spec =
      SecretsAllowCommand.hostsModel(
          this, "disallow", "Remove hosts from a key's allowlist (an owner act).");

  private final CliEnvironment env;

  SecretsDisallowCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    return SecretsAllowCommand.change(env, spec, false);
  }
}
