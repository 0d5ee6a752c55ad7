package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {
  private final CliEnvironment env =
      new CliEnvironment(
          Map.of("SEALGATE_HOME", "/nonexistent"),
          new ByteArrayInputStream(new byte[0]),
          null,
          Clock.systemUTC());

  /** A node is found on the command line by the name its model gives the user. */
  @Test
  void everyNodeIsNamedAsItsModelNamesIt() {
    for (List<CommandTree.Node> path : paths(CommandTree.ROOT, new ArrayList<>())) {
      CommandTree.Node node = path.get(path.size() - 1);
      assertThat(CommandTree.model(node.path(), env).name()).isEqualTo(node.name());
    }
  }

  /**
   * The branch built for one command line answers as the whole tree would: the same usage (which
   * names the command by its full name and lists its subcommands), for every command.
   */
  @Test
  void aCommandLineNamingACommandGetsTheUsageTheWholeTreeGives() {
    CommandLine whole = CommandTree.build(new String[0], env);
    for (List<CommandTree.Node> path : paths(CommandTree.ROOT, new ArrayList<>())) {
      String[] names = path.stream().skip(1).map(CommandTree.Node::name).toArray(String[]::new);

      CommandLine built = CommandTree.build(names, env);

      assertThat(usage(built, names)).isEqualTo(usage(whole, names)).contains("Usage: sealgate");
    }
  }

  private static String usage(CommandLine root, String[] names) {
    CommandLine line = root;
    for (String name : names) {
      line = line.getSubcommands().get(name);
    }
    return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static List<List<CommandTree.Node>> paths(
      CommandTree.Node node, List<CommandTree.Node> above) {
    List<CommandTree.Node> here = new ArrayList<>(above);
    here.add(node);
    List<List<CommandTree.Node>> all = new ArrayList<>();
    all.add(here);
    for (CommandTree.Node child : node.children()) {
      all.addAll(paths(child, here));
    }
    return all;
  }
}
