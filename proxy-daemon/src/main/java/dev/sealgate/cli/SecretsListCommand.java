package dev.sealgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.json.JsonTrees;
import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.KeyIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsListCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this, "list", "Names, hosts and versions of the stored keys; never values.")
          .addOption(CommandModel.flag("--json", "one JSON array"));

  private final CliEnvironment env;

  SecretsListCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException, IOException {
    boolean json = CommandModel.value(spec, "--json");
    List<KeyEntry> entries;
    try {
      entries = KeyIndex.load(env.paths().indexFile()).entries();
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (KeyEntry e : entries) {
        ObjectNode o = array.addObject();
        o.put("name", e.name());
        ArrayNode hosts = o.putArray("hosts");
        e.hosts().forEach(hosts::add);
        o.put("any_host", e.anyHost());
        o.put("version", e.version());
        o.put("created", e.created().toString());
        o.put("updated", e.updated().toString());
      }
      out.println(JsonTrees.toText(array));
      return ExitCodes.OK;
    }
    if (entries.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "sealgate: no keys yet; add one with: sealgate secrets set KEY --host api.example.com");
      return ExitCodes.OK;
    }
    int width = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
    out.printf("%-" + width + "s  %-7s  %s%n", "NAME", "VERSION", "HOSTS");
    for (KeyEntry e : entries) {
      out.printf("%-" + width + "s  %-7s  %s%n", e.name(), "v" + e.version(), describeHosts(e));
    }
    return ExitCodes.OK;
  }

  static String describeHosts(KeyEntry e) {
    if (e.anyHost()) {
      return "any host";
    }
    return e.hosts().isEmpty() ? "no host" : String.join(",", e.hosts());
  }

  static CliException noSuchKey(String key) {
    return new CliException(
        ExitCodes.NOT_FOUND,
        "no key '" + key + "' in the store; list them with: sealgate secrets list");
  }
}
