package dev.sealgate.cli;

import dev.sealgate.daemon.PidFile;
import dev.sealgate.daemon.ProxyToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class ProxyEnvCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
          this,
          "env",
          "Print export lines that point a shell's HTTP clients at the proxy: eval \"$(sealgate proxy env)\"");

  private final CliEnvironment env;

  ProxyEnvCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    var paths = env.paths();
    String token;
    String listen;
    try {
      token = ProxyToken.readText(paths.tokenFile());
      listen =
          PidFile.read(paths).map(PidFile.Running::listen).orElse(env.config().proxy().listen());
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    String url = "http://sealgate:" + token + "@" + listen;
    PrintWriter out = spec.commandLine().getOut();
    out.println("export HTTP_PROXY=" + url);
    out.println("export http_proxy=" + url);
    out.println("export HTTPS_PROXY=" + url);
    out.println("export https_proxy=" + url);
    out.println("export SEALGATE_PROXY_URL=http://" + listen);
    out.println("export SEALGATE_TOKEN=" + token);
    return ExitCodes.OK;
  }
}
