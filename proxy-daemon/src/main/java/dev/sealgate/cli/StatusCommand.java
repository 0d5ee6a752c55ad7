package dev.sealgate.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.daemon.PidFile;
import dev.sealgate.json.JsonTrees;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.OwnerKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class StatusCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this,
              "status",
              "Store in use, workspace, project, proxy state and last sync. Needs no passphrase.")
          .addOption(CommandModel.flag("--json", "one JSON object"));

  private final CliEnvironment env;

  StatusCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    boolean json = CommandModel.value(spec, "--json");
    SealgatePaths paths = env.paths();
    SealgateConfig config = env.config();
    boolean initialized = OwnerKey.exists(paths.ownerFile());
    KeyIndex index;
    Optional<PidFile.Running> proxy;
    try {
      index = KeyIndex.load(paths.indexFile());
      proxy = PidFile.read(paths);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    String store = initialized && index.backend() != null ? index.backend() : "none";
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("initialized", initialized);
    s.put("home", paths.home().toString());
    s.put("config", paths.configFile().toString());
    s.put("store", store);
    s.put("workspace", env.workspace(config));
    s.put("project", env.project(config));
    s.put("keys", index.entries().size());
    ObjectNode p = s.putObject("proxy");
    p.put("running", proxy.isPresent());
    proxy.ifPresent(r -> p.put("listen", r.listen()).put("pid", r.pid()));
    ObjectNode sync = s.putObject("sync");
    sync.put("relay", config.sync().relay());
    sync.putNull("last_sync");
    sync.putNull("last_error");

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JsonTrees.toText(s));
      return ExitCodes.OK;
    }
    out.printf("home       %s%n", paths.home());
    out.printf("store      %s%n", describeStore(store, paths));
    out.printf("workspace  %s%n", env.workspace(config));
    out.printf("project    %s%n", env.project(config));
    out.printf("keys       %d%n", index.entries().size());
    out.printf(
        "proxy      %s%n",
        proxy
            .map(r -> "running on " + r.listen() + " (pid " + r.pid() + ")")
            .orElse("not running (start it: sealgate proxy start)"));
    out.printf(
        "last sync  %s%n",
        config.sync().relay() == null ? "never (sync.relay is not set)" : "never");
    if (!initialized) {
      spec.commandLine().getErr().println("sealgate: not initialized yet; run: sealgate init");
    }
    return ExitCodes.OK;
  }

  private static String describeStore(String store, SealgatePaths paths) {
    return switch (store) {
      case "file" -> "file (encrypted, " + paths.vaultFile() + ")";
      case "keychain" -> "keychain (OS keychain, service sealgate)";
      default -> "none";
    };
  }
}
