package dev.sealgate.cli;

import dev.sealgate.api.HostPattern;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --host H} (repeatable) and {@code --any-host}, shared by set and import. */
record HostOptions(List<String> hosts, boolean anyHost) {
  static OptionSpec hostOption() {
    return CommandModel.repeatable(
        "--host",
        "HOST",
        "a host the key may be sent to: api.example.com or *.example.com (repeatable)");
  }

  static OptionSpec anyHostOption() {
    return CommandModel.flag("--any-host", "allow every host (say it only when you mean it)");
  }

  /** What the command line parsed into {@code spec} says. */
  static HostOptions of(CommandSpec spec) {
    return new HostOptions(
        CommandModel.values(spec, "--host"), CommandModel.value(spec, "--any-host"));
  }

  /** The hosts, validated and normalized. */
  List<String> validated() throws CliException {
    return validate(hosts);
  }

  static List<String> validate(List<String> hosts) throws CliException {
    List<String> out = new ArrayList<>();
    for (String h : hosts) {
      try {
        String p = HostPattern.parse(h).pattern();
        if (!out.contains(p)) {
          out.add(p);
        }
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, e.getMessage());
      }
    }
    return out;
  }
}
