package dev.sealgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "sealgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "A local proxy that injects API keys into agents' requests, so agents never see them.",
      "Start with: sealgate proxy start   then: eval \"$(sealgate proxy env)\""
    })
final class SealgateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
