package dev.sealgate.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command, and the picocli model built for one command line. Each level of the model is a
 * {@code CommandLine} whose set-up registers picocli's built-in type converters, so only the branch
 * the arguments name is built: {@code sealgate secrets list} builds {@code sealgate}, {@code
 * secrets} and {@code list}. Where the arguments name no command at a level (help, a typo, an
 * option first), everything below is built, so picocli answers exactly as it would with the whole
 * tree.
 */
final class CommandTree {
  static final Node ROOT =
      node(
          "sealgate",
          SealgateCommand::spec,
          node("init", env -> new InitCommand(env).spec),
          node("status", env -> new StatusCommand(env).spec),
          node(
              "secrets",
              env ->
                  CommandModel.command(
                      null,
                      "secrets",
                      "Store keys and say where they may go. Values are never printed."),
              node("set", env -> new SecretsSetCommand(env).spec),
              node("allow", env -> new SecretsAllowCommand(env).spec),
              node("disallow", env -> new SecretsDisallowCommand(env).spec),
              node("list", env -> new SecretsListCommand(env).spec),
              node("delete", env -> new SecretsDeleteCommand(env).spec),
              node("import", env -> new SecretsImportCommand(env).spec)),
          node("call", env -> new CallCommand(env).spec),
          node(
              "proxy",
              env -> CommandModel.command(null, "proxy", "Run the proxy and read its audit log."),
              node("start", env -> new ProxyStartCommand(env).spec),
              node("stop", env -> new ProxyStopCommand(env).spec),
              node("status", env -> new ProxyStatusCommand(env).spec),
              node("env", env -> new ProxyEnvCommand(env).spec),
              node("logs", env -> new ProxyLogsCommand(env).spec)),
          node(
              "ca",
              CaCommand::spec,
              node("path", env -> new CaCommand.PathCommand(env).spec),
              node("export", env -> new CaCommand.ExportCommand(env).spec)));

  private CommandTree() {}

  static CommandLine build(String[] args, CliEnvironment env) {
    return ROOT.build(args, 0, env);
  }

  /** A command's name (to find it on a command line without building it) and its model. */
  record Node(String name, Function<CliEnvironment, CommandSpec> model, List<Node> children) {
    /** This command, with the children {@code args[next]} names (or all of them if none). */
    CommandLine build(String[] args, int next, CliEnvironment env) {
      CommandLine line = new CommandLine(model.apply(env), CommandModel.FACTORY);
      Node named = next < args.length ? child(args[next]) : null;
      for (Node child : children) {
        if (named == null) {
          line.addSubcommand(child.name, child.build(args, args.length, env));
        } else if (child == named) {
          line.addSubcommand(child.name, child.build(args, next + 1, env));
        }
      }
      return line;
    }

    private Node child(String arg) {
      for (Node child : children) {
        if (child.name.equals(arg)) {
          return child;
        }
      }
      return null;
    }
  }

  private static Node node(
      String name, Function<CliEnvironment, CommandSpec> model, Node... children) {
    return new Node(name, model, List.of(children));
  }
}
