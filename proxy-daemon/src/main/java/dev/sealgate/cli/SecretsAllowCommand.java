package dev.sealgate.cli;

import dev.sealgate.store.KeyEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsAllowCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(this, "allow", "Add hosts to a key's allowlist (an owner act).")
          .addPositional(CommandModel.parameter("0", "KEY"))
          .addPositional(CommandModel.parameters("1..*", "HOST"));

  private String key;
  private List<String> hosts;

  private final CliEnvironment env;

  SecretsAllowCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    key = CommandModel.positional(spec, 0);
    hosts = CommandModel.positional(spec, 1);
    return change(env, spec, key, hosts, true);
  }

  /** Adds or removes hosts; the version does not change, since the value did not. */
  static int change(
      CliEnvironment env, CommandSpec spec, String key, List<String> hosts, boolean add)
      throws CliException {
    List<String> patterns = HostOptions.validate(hosts);
    try (OwnerSession owner = OwnerSession.unlock(env)) {
      KeyEntry entry = owner.index.get(key).orElseThrow(() -> SecretsListCommand.noSuchKey(key));
      List<String> updated = new ArrayList<>(entry.hosts());
      if (add) {
        patterns.stream().filter(p -> !updated.contains(p)).forEach(updated::add);
      } else {
        updated.removeAll(patterns);
      }
      KeyEntry changed = entry.withHosts(updated);
      owner.saveIndex(owner.index.with(changed));
      spec.commandLine()
          .getErr()
          .println("sealgate: " + key + " may go to " + SecretsListCommand.describeHosts(changed));
      return ExitCodes.OK;
    }
  }
}
