package dev.sealgate.cli;

import dev.sealgate.config.SealgateConfig;
import dev.sealgate.config.SealgatePaths;
import dev.sealgate.daemon.ListenAddress;
import dev.sealgate.daemon.ProxyDaemon;
import dev.sealgate.store.KeyIndex;
import dev.sealgate.store.OwnerKey;
import dev.sealgate.store.SecretStore;
import dev.sealgate.store.WrongPassphraseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class ProxyStartCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this,
              "start",
              "Start the proxy. On a fresh machine this runs `sealgate init` first.",
              "Without --foreground it starts in the background, logging to <home>/sealgate.log.")
          .addOption(
              CommandModel.flag(
                  "--foreground",
                  "serve in this process until stopped (for systemd, launchd, containers)"))
          .addOption(
              CommandModel.option(
                      "--listen", "ADDR", "host:port to listen on (default 127.0.0.1:8765)")
                  .build())
          .addOption(CommandModel.flag("--allow-remote", "permit a non-loopback --listen address"))
          // How the background parent hands the passphrase to its child without the environment.
          .addOption(
              OptionSpec.builder("--passphrase-stdin")
                  .type(boolean.class)
                  .initialValue(false)
                  .hidden(true)
                  .build());

  private String listen;
  private boolean allowRemote;
  private boolean passphraseStdin;

  private final CliEnvironment env;

  ProxyStartCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    boolean foreground = CommandModel.value(spec, "--foreground");
    listen = CommandModel.value(spec, "--listen");
    allowRemote = CommandModel.value(spec, "--allow-remote");
    passphraseStdin = CommandModel.value(spec, "--passphrase-stdin");
    PrintWriter err = spec.commandLine().getErr();
    SealgatePaths paths = env.paths();
    SealgateConfig config = listen == null ? env.config() : env.config().withListen(listen);
    checkListen(config.proxy().listen());
    var running = ControlClient.find(paths);
    if (running.isPresent()) {
      throw new CliException(
          ExitCodes.FAILED,
          "the proxy already runs on "
              + running.get().daemon.listen()
              + " (pid "
              + running.get().daemon.pid()
              + "); stop it with: sealgate proxy stop");
    }
    if (!OwnerKey.exists(paths.ownerFile())) {
      InitCommand.initialize(env, err);
    }
    KeyIndex index = loadIndex(paths);
    char[] passphrase = "file".equals(index.backend()) ? passphrase() : null;
    try {
      if (foreground) {
        return serve(paths, config, index, passphrase, err);
      }
      BackgroundStart.Started started = BackgroundStart.launch(paths, childArguments(), passphrase);
      err.println(
          "sealgate: proxy running on "
              + started.listen()
              + " (pid "
              + started.pid()
              + ", store "
              + index.backend()
              + "); logs: "
              + paths.logFile()
              + "; stop with: sealgate proxy stop");
      return ExitCodes.OK;
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  private void checkListen(String address) throws CliException {
    try {
      if (!allowRemote && !ListenAddress.isLoopback(address)) {
        throw new CliException(
            ExitCodes.USAGE,
            address
                + " is reachable from other machines, which could use your keys; listen on 127.0.0.1, or add --allow-remote if you mean it");
      }
    } catch (UnknownHostException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot listen on "
              + address
              + ": "
              + e.getMessage()
              + "; use host:port, e.g. 127.0.0.1:8765");
    }
  }

  private static KeyIndex loadIndex(SealgatePaths paths) throws CliException {
    try {
      return KeyIndex.load(paths.indexFile());
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
  }

  /**
   * The file store opens with the owner passphrase: from the parent, the environment, or a prompt.
   */
  private char[] passphrase() throws CliException {
    if (passphraseStdin) {
      try {
        return Passphrases.fromStream(env.stdin());
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.STORE_LOCKED, "cannot read the passphrase from the parent process");
      }
    }
    if (env.console() == null && !env.env().containsKey(Passphrases.VARIABLE)) {
      throw new CliException(
          ExitCodes.STORE_LOCKED,
          "the encrypted file store needs the owner passphrase: set "
              + Passphrases.VARIABLE
              + " or start the proxy on a terminal");
    }
    return Passphrases.existing(env);
  }

  private int serve(
      SealgatePaths paths,
      SealgateConfig config,
      KeyIndex index,
      char[] passphrase,
      PrintWriter err)
      throws CliException {
    OwnerKey owner = null;
    try {
      if (passphrase != null) {
        owner = OwnerKey.unlock(paths.ownerFile(), passphrase);
      }
      SecretStore store = OwnerSession.openStore(env, config, index, owner);
      ProxyDaemon daemon = ProxyDaemon.start(paths, config, store, env.clock());
      Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "sealgate-shutdown"));
      err.println(
          "sealgate: proxy listening on "
              + ListenAddress.format(daemon.address())
              + " (store "
              + store.kind()
              + ")");
      err.flush();
      daemon.awaitStop();
      return ExitCodes.OK;
    } catch (WrongPassphraseException e) {
      // Unlike an owner act refused (4), the proxy cannot serve: its store stays locked (5).
      throw new CliException(
          ExitCodes.STORE_LOCKED,
          "wrong owner passphrase; the file store stays locked. Check " + Passphrases.VARIABLE);
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    } finally {
      if (owner != null) {
        owner.close();
      }
    }
  }

  private String[] childArguments() {
    var args =
        new java.util.ArrayList<String>(
            java.util.List.of("proxy", "start", "--foreground", "--passphrase-stdin"));
    if (listen != null) {
      args.add("--listen");
      args.add(listen);
    }
    if (allowRemote) {
      args.add("--allow-remote");
    }
    return args.toArray(String[]::new);
  }
}
