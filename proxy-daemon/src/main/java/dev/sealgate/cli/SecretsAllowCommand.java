package dev.sealgate.cli;

import dev.sealgate.store.KeyEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsAllowCommand implements Callable<Integer> {
  final CommandSpec spec =
      hostsModel(this, "allow", "Add hosts to a key's allowlist (an owner act).");

  private final CliEnvironment env;

  SecretsAllowCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    return change(env, spec, true);
  }

  /** {@code KEY HOST...}, the line of both allow and disallow. */
  static CommandSpec hostsModel(Object command, String name, String description) {
    return CommandModel.command(command, name, description)
        .addPositional(CommandModel.parameter("0", "KEY"))
        .addPositional(CommandModel.parameters("1..*", "HOST"));
  }

  /**
   * Adds or removes the hosts a {@link #hostsModel} line names; the version does not change, since
   * the value did not.
   */
  static int change(CliEnvironment env, CommandSpec spec, boolean add) throws CliException {
    String key = CommandModel.positional(spec, 0);
    List<String> hosts = CommandModel.positional(spec, 1);
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
