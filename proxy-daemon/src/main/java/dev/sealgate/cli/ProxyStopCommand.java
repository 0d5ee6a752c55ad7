package dev.sealgate.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;

final class ProxyStopCommand implements Callable<Integer> {
  final CommandSpec spec = CommandModel.command(this, "stop", "Stop the running proxy.");

  private final CliEnvironment env;

  ProxyStopCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    ControlClient control = ControlClient.connect(env.paths());
    long pid = control.daemon.pid();
    try {
      control.stop();
    } catch (CliException e) {
      // The endpoint did not answer: ask the process itself (its shutdown hook stops cleanly).
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
    var process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      try {
        process.get().onExit().get(15, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new CliException(
            ExitCodes.FAILED,
            "the proxy (pid " + pid + ") did not stop within 15s; kill it with: kill " + pid);
      }
    }
    spec.commandLine().getErr().println("sealgate: proxy stopped (pid " + pid + ")");
    return ExitCodes.OK;
  }
}
