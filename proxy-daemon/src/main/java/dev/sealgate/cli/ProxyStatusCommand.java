package dev.sealgate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.json.JsonTrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class ProxyStatusCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this,
              "status",
              "Whether the proxy runs, where, and with which store (exit 6 when it does not).")
          .addOption(CommandModel.flag("--json", "print the daemon's status object"));

  private final CliEnvironment env;

  ProxyStatusCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    boolean json = CommandModel.value(spec, "--json");
    var control = ControlClient.find(env.paths());
    if (control.isEmpty()) {
      if (json) {
        spec.commandLine().getOut().println("{\"running\":false}");
      } else {
        spec.commandLine().getOut().println("not running");
      }
      return ExitCodes.PROXY_NOT_RUNNING;
    }
    ObjectNode s = control.get().status();
    if (json) {
      s.put("running", true);
      spec.commandLine().getOut().println(JsonTrees.toText(s));
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "running on %s (pid %d, store %s, keys %d, open connections %d)%n",
              control.get().daemon.listen(),
              s.path("pid").asLong(),
              s.path("store").asText(),
              s.path("keys").asInt(),
              s.path("connections").asInt());
    }
    return ExitCodes.OK;
  }
}
