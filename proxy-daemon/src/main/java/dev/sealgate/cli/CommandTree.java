package dev.sealgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command, and the picocli model built for one command line. picocli reads each command's
 * annotations when it builds the model; for all of them that is most of a short command's run (~0.3
 * s), so only the branch the arguments name is built: {@code sealgate secrets list} builds {@code
 * sealgate}, {@code secrets} and {@code list}. Where the arguments name no command at a level
 * (help, a typo, an option first), everything below is built, so picocli answers exactly as it
 * would with the whole tree.
 */
final class CommandTree {
  private static final Node ROOT =
      node(
          SealgateCommand.class,
          node(InitCommand.class),
          node(StatusCommand.class),
          node(
              SecretsCommand.class,
              node(SecretsSetCommand.class),
              node(SecretsAllowCommand.class),
              node(SecretsDisallowCommand.class),
              node(SecretsListCommand.class),
              node(SecretsDeleteCommand.class),
              node(SecretsImportCommand.class)),
          node(CallCommand.class),
          node(
              ProxyCommand.class,
              node(ProxyStartCommand.class),
              node(ProxyStopCommand.class),
              node(ProxyStatusCommand.class),
              node(ProxyEnvCommand.class),
              node(ProxyLogsCommand.class)),
          node(
              CaCommand.class,
              node(CaCommand.PathCommand.class),
              node(CaCommand.ExportCommand.class)));

  private CommandTree() {}

  static CommandLine build(String[] args, CommandLine.IFactory factory) {
    return ROOT.build(args, 0, factory);
  }

  private record Node(Class<?> type, List<Node> children) {
    String name() {
      return type.getAnnotation(Command.class).name();
    }

    /** This command, with the children {@code args[next]} names (or all of them if none). */
    CommandLine build(String[] args, int next, CommandLine.IFactory factory) {
      CommandLine line = new CommandLine(type, factory);
      Node named = next < args.length ? child(args[next]) : null;
      for (Node child : children) {
        if (named == null) {
          line.addSubcommand(child.name(), child.build(args, args.length, factory));
        } else if (child == named) {
          line.addSubcommand(child.name(), child.build(args, next + 1, factory));
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

  private static Node node(Class<?> type, Node... children) {
    return new Node(type, List.of(children));
  }
}
