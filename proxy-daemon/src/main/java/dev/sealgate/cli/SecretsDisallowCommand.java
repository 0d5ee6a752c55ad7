package dev.sealgate.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsDisallowCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(this, "disallow", "Remove hosts from a key's allowlist (an owner act).")
          .addPositional(CommandModel.parameter("0", "KEY"))
          .addPositional(CommandModel.parameters("1..*", "HOST"));

  private String key;
  private List<String> hosts;

  private final CliEnvironment env;

  SecretsDisallowCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    key = CommandModel.positional(spec, 0);
    hosts = CommandModel.positional(spec, 1);
    return SecretsAllowCommand.change(env, spec, key, hosts, false);
  }
}
