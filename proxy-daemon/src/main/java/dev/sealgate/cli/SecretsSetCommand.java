package dev.sealgate.cli;

import dev.sealgate.api.KeyNames;
import dev.sealgate.store.KeyEntry;
import dev.sealgate.store.SecretValue;
import dev.sealgate.store.StoreUnavailableException;
import dev.sealgate.store.Utf8Bytes;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SecretsSetCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this,
              "set",
              "Store a key's value and where it may go (an owner act).",
              "Without =VALUE the value is read from a no-echo prompt, or from stdin when piped.")
          .addPositional(CommandModel.parameter("0", "KEY[=VALUE]"))
          .addOption(HostOptions.hostOption())
          .addOption(HostOptions.anyHostOption());

  private final CliEnvironment env;

  SecretsSetCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    String keyAndValue = CommandModel.positional(spec, 0);
    HostOptions hosts = HostOptions.of(spec);
    int eq = keyAndValue.indexOf('=');
    String key = eq < 0 ? keyAndValue : keyAndValue.substring(0, eq);
    if (!KeyNames.isValid(key)) {
      throw new CliException(ExitCodes.USAGE, invalidName(key));
    }
    List<String> hostList = hosts.validated();
    try (OwnerSession owner = OwnerSession.unlock(env)) {
      Optional<KeyEntry> existing = owner.index.get(key);
      if (existing.isEmpty() && hostList.isEmpty() && !hosts.anyHost()) {
        throw new CliException(
            ExitCodes.USAGE,
            "say where "
                + key
                + " may be sent: sealgate secrets set "
                + key
                + " --host api.example.com (or --any-host)");
      }
      try (SecretValue value =
          eq < 0 ? readValue(key) : fromArgument(keyAndValue.substring(eq + 1))) {
        if (value.length() == 0) {
          throw new CliException(
              ExitCodes.USAGE, "the value of " + key + " is empty; nothing stored");
        }
        owner.store.put(key, value);
      }
      Instant now = env.clock().instant();
      KeyEntry entry = nextEntry(existing, key, hostList, hosts.anyHost(), now);
      owner.saveIndex(owner.index.with(entry));
      spec.commandLine()
          .getErr()
          .println(
              "sealgate: stored "
                  + key
                  + " v"
                  + entry.version()
                  + " for "
                  + SecretsListCommand.describeHosts(entry));
      return ExitCodes.OK;
    } catch (StoreUnavailableException e) {
      throw new CliException(ExitCodes.STORE_LOCKED, e.userMessage());
    }
  }

  /**
   * The index entry after storing a new value: the version goes up; hosts given on the command line
   * replace the allowlist, and no hosts keep the one the key had.
   */
  static KeyEntry nextEntry(
      Optional<KeyEntry> existing, String key, List<String> hosts, boolean anyHost, Instant now) {
    return existing
        .map(
            e ->
                hosts.isEmpty() && !anyHost
                    ? e
                    : new KeyEntry(e.name(), hosts, anyHost, e.version(), e.created(), e.updated()))
        .map(e -> e.bumped(now))
        .orElse(new KeyEntry(key, hosts, anyHost, 1, now, now));
  }

  static String invalidName(String key) {
    try {
      KeyNames.require(key);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private SecretValue readValue(String key) throws IOException {
    if (env.console() != null) {
      char[] chars = env.console().readPassword("value for " + key + ": ");
      return fromChars(chars == null ? new char[0] : chars);
    }
    byte[] piped = env.readStdin();
    int end = piped.length;
    // One trailing newline is the shell's (echo, a file), not part of the value.
    if (end > 0 && piped[end - 1] == '\n') {
      end--;
      if (end > 0 && piped[end - 1] == '\r') {
        end--;
      }
    }
    SecretValue value = SecretValue.copyOf(Arrays.copyOf(piped, end));
    Arrays.fill(piped, (byte) 0);
    return value;
  }

  private static SecretValue fromArgument(String value) {
    return fromChars(value.toCharArray());
  }

  static SecretValue fromChars(char[] chars) {
    byte[] bytes = Utf8Bytes.of(chars);
    Arrays.fill(chars, '\0');
    return SecretValue.wrap(bytes);
  }
}
