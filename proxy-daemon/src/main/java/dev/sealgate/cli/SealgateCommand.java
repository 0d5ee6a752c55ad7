package dev.sealgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sealgate} alone: the usage, on stderr, as a usage error. */
final class SealgateCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this,
              "sealgate",
              "A local proxy that injects API keys into agents' requests, so agents never see them.",
              "Start with: sealgate proxy start   then: eval \"$(sealgate proxy env)\"")
          .versionProvider(new VersionProvider());

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
