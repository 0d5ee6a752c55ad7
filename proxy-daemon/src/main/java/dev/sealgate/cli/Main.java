package dev.sealgate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point: {@code sealgate <command>}. Maps every failure to one stderr line and an exit code.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(CliEnvironment.system(), out, err, args));
  }

  /** Runs one command line in this process (tests call it directly). */
  public static int run(CliEnvironment env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = CommandTree.build(args, env);
    cli.setOut(out);
    cli.setErr(err);
    // "--data @file" names a body file (SPEC §6); picocli would otherwise read it as more
    // arguments.
    cli.setExpandAtFiles(false);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println(
              "sealgate: "
                  + e.getMessage()
                  + "; see: "
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof CliException c) {
            err.println("sealgate: " + c.getMessage());
            return c.exitCode();
          }
          // Our messages never hold values; the class name tells a bug report where to look.
          err.println(
              "sealgate: unexpected "
                  + e.getClass().getName()
                  + ": "
                  + e.getMessage()
                  + "; please report this");
          return ExitCodes.FAILED;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
