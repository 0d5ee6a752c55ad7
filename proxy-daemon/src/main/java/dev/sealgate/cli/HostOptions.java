package dev.sealgate.cli;

import dev.sealgate.api.HostPattern;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --host H} (repeatable) and {@code --any-host}, shared by set and import. */
final class HostOptions {
  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "a host the key may be sent to: api.example.com or *.example.com (repeatable)")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--any-host", description = "allow every host (say it only when you mean it)")
  boolean anyHost;

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
