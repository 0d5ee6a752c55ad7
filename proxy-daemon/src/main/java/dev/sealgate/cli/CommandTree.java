package dev.sealgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command, and the picocli model built for one command line. picocli reads each command's
 * annotations when it builds the model; for all of them that is most of a short command's run (~0.3
 * s), so only the command the arguments name is read, with its subcommands: {@code sealgate secrets
 * list} reads {@code list}, and its ancestors {@code sealgate} and {@code secrets} are bare named
 * specs (only their names reach the user, in usage and error lines; no option of theirs can be on
 * such a line, since the words before {@code list} are command names). Where the arguments name no
 * command at a level (help, a typo, an option first), everything below is read, so picocli answers
 * exactly as it would with the whole tree. The names are spelt here as well as in each
 * {@code @Command}, because reading a class's annotations to learn its name costs what reading the
 * command does; {@code CommandTreeTest} keeps the two the same.
 */
final class CommandTree {
  static final Node ROOT =
      node(
          "sealgate",
          SealgateCommand.class,
          node("init", InitCommand.class),
          node("status", StatusCommand.class),
          node(
              "secrets",
              SecretsCommand.class,
              node("set", SecretsSetCommand.class),
              node("allow", SecretsAllowCommand.class),
              node("disallow", SecretsDisallowCommand.class),
              node("list", SecretsListCommand.class),
              node("delete", SecretsDeleteCommand.class),
              node("import", SecretsImportCommand.class)),
          node("call", CallCommand.class),
          node(
              "proxy",
              ProxyCommand.class,
              node("start", ProxyStartCommand.class),
              node("stop", ProxyStopCommand.class),
              node("status", ProxyStatusCommand.class),
              node("env", ProxyEnvCommand.class),
              node("logs", ProxyLogsCommand.class)),
          node(
              "ca",
              CaCommand.class,
              node("path", CaCommand.PathCommand.class),
              node("export", CaCommand.ExportCommand.class)));

  private CommandTree() {}

  static CommandLine build(String[] args, CommandLine.IFactory factory) {
    return ROOT.build(args, 0, factory);
  }

  record Node(String name, Class<?> type, List<Node> children) {
    /**
     * This command for {@code args[next..]}: a bare ancestor of the child {@code args[next]} names,
     * or, where it names none, the command read from its annotations with all its subcommands.
     */
    CommandLine build(String[] args, int next, CommandLine.IFactory factory) {
      Node named = next < args.length ? child(args[next]) : null;
      if (named != null) {
        CommandLine line = new CommandLine(CommandSpec.create().name(name), factory);
        line.addSubcommand(named.name, named.build(args, next + 1, factory));
        return line;
      }
      CommandLine line = new CommandLine(type, factory);
      for (Node child : children) {
        line.addSubcommand(child.name, child.build(args, args.length, factory));
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

  private static Node node(String name, Class<?> type, Node... children) {
    return new Node(name, type, List.of(children));
  }
}
