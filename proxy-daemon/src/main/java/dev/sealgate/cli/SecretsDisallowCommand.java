package dev.sealgate.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "disallow",
    mixinStandardHelpOptions = true,
    description = "Remove hosts from a key's allowlist (an owner act).")
final class SecretsDisallowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY")
  String key;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "HOST")
  List<String> hosts;

  private final CliEnvironment env;

  SecretsDisallowCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    return SecretsAllowCommand.change(env, spec, key, hosts, false);
  }
}
