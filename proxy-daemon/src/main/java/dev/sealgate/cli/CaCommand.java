package dev.sealgate.cli;

import dev.sealgate.ca.LocalCa;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sealgate ca}: the local CA's certificate, for clients to trust. */
final class CaCommand {
  private CaCommand() {}

  static CommandSpec spec() {
    return CommandModel.command(
        null,
        "ca",
        "The local CA that HTTPS_PROXY clients trust so the proxy can inject into their requests.");
  }

  /** The CA of this home, made on first need (homes from before the CA existed have none). */
  static LocalCa localCa(CliEnvironment env) throws CliException {
    var paths = env.paths();
    OwnerSession.requireInitialized(paths);
    try {
      return LocalCa.loadOrCreate(paths.caDir(), env.clock());
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
  }

  static final class PathCommand implements Callable<Integer> {
    final CommandSpec spec =
        CommandModel.command(
            this, "path", "Print the path of the CA certificate (PEM), e.g. for curl --cacert.");

    private final CliEnvironment env;

    PathCommand(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws CliException {
      spec.commandLine().getOut().println(localCa(env).certificateFile());
      return ExitCodes.OK;
    }
  }

  static final class ExportCommand implements Callable<Integer> {
    final CommandSpec spec =
        CommandModel.command(this, "export", "Write the CA certificate (PEM) to stdout.");

    private final CliEnvironment env;

    ExportCommand(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws CliException {
      try {
        spec.commandLine().getOut().print(Files.readString(localCa(env).certificateFile()));
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.FAILED, "cannot read the CA certificate: " + e.getMessage());
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
