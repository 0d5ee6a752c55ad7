package dev.sealgate.cli;

import java.util.List;
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
          "",
          node("init"),
          node("status"),
          node(
              "secrets",
              node("secrets set"),
              node("secrets allow"),
              node("secrets disallow"),
              node("secrets list"),
              node("secrets delete"),
              node("secrets import")),
          node("call"),
          node(
              "proxy",
              node("proxy start"),
              node("proxy stop"),
              node("proxy status"),
              node("proxy env"),
              node("proxy logs")),
          node("ca", node("ca path"), node("ca export")));

  private CommandTree() {}

  static CommandLine build(String[] args, CliEnvironment env) {
    return ROOT.build(args, 0, env);
  }

  /**
   * The model of the command at {@code path} (its words after {@code sealgate}). A switch rather
   * than a lambda per command: linking two dozen lambdas was ~10% of a short command.
   */
  static CommandSpec model(String path, CliEnvironment env) {
    return switch (path) {
      case "" -> new SealgateCommand().spec;
      case "init" -> new InitCommand(env).spec;
      case "status" -> new StatusCommand(env).spec;
      case "secrets" ->
          CommandModel.command(
              null, "secrets", "Store keys and say where they may go. Values are never printed.");
      case "secrets set" -> new SecretsSetCommand(env).spec;
      case "secrets allow" -> new SecretsAllowCommand(env).spec;
      case "secrets disallow" -> new SecretsDisallowCommand(env).spec;
      case "secrets list" -> new SecretsListCommand(env).spec;
      case "secrets delete" -> new SecretsDeleteCommand(env).spec;
      case "secrets import" -> new SecretsImportCommand(env).spec;
      case "call" -> new CallCommand(env).spec;
      case "proxy" -> CommandModel.command(null, "proxy", "Run the proxy and read its audit log.");
      case "proxy start" -> new ProxyStartCommand(env).spec;
      case "proxy stop" -> new ProxyStopCommand(env).spec;
      case "proxy status" -> new ProxyStatusCommand(env).spec;
      case "proxy env" -> new ProxyEnvCommand(env).spec;
      case "proxy logs" -> new ProxyLogsCommand(env).spec;
      case "ca" -> CaCommand.spec();
      case "ca path" -> new CaCommand.PathCommand(env).spec;
      case "ca export" -> new CaCommand.ExportCommand(env).spec;
      default -> throw new IllegalArgumentException("no command " + path);
    };
  }

  /** A command by its path, the words that name it after {@code sealgate}. */
  record Node(String path, List<Node> children) {
    /** The word that names it on a command line. */
    String name() {
      return path.isEmpty() ? "sealgate" : path.substring(path.lastIndexOf(' ') + 1);
    }

    /** This command, with the children {@code args[next]} names (or all of them if none). */
    CommandLine build(String[] args, int next, CliEnvironment env) {
      CommandLine line = new CommandLine(model(path, env), CommandModel.FACTORY);
      Node named = next < args.length ? child(args[next]) : null;
      for (Node child : children) {
        if (named == null) {
          line.addSubcommand(child.name(), child.build(args, args.length, env));
        } else if (child == named) {
          line.addSubcommand(child.name(), child.build(args, next + 1, env));
        }
      }
      return line;
    }

    private Node child(String arg) {
      for (Node child : children) {
        if (child.name().equals(arg)) {
          return child;
        }
      }
      return null;
    }
  }

  private static Node node(String path, Node... children) {
    return new Node(path, List.of(children));
  }
}
